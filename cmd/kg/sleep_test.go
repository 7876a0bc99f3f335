package main

import "time"

func sleep() { time.Sleep(5 * time.Millisecond) }

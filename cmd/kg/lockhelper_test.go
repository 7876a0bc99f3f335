package main

import (
	"database/sql"
	"fmt"
	"io"
	"os"
)

// holdLockEnv names the store the test binary, run as a helper process,
// keeps write-locked until its standard input closes (see TestMain).
const holdLockEnv = "KG_TEST_HOLD_WRITE_LOCK"

// holdWriteLock is the helper process: it takes SQLite's write lock on the
// store (BEGIN IMMEDIATE, as a writer does), says "locked" and keeps it
// until stdin closes, as another program with an open transaction would.
func holdWriteLock(path string) {
	db, err := sql.Open("sqlite", path)
	if err == nil {
		db.SetMaxOpenConns(1)
		_, err = db.Exec("BEGIN IMMEDIATE")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "hold lock:", err)
		os.Exit(2)
	}
	fmt.Println("locked")
	io.Copy(io.Discard, os.Stdin)
	db.Exec("ROLLBACK")
	db.Close()
	os.Exit(0)
}

package main

import (
	"github.com/urfave/cli/v2"

	"github.com/newsgraph/kg/pipeline"
)

// shardFlag splits an import across processes; see docs/scale-out.md.
func shardFlag() cli.Flag {
	return &cli.StringFlag{Name: "shard", Usage: "import only shard `K/N` of the articles (by article id hash), for N parallel workers; see docs/scale-out.md"}
}

// shardOption reads --shard; unset means every article.
func shardOption(c *cli.Context) (pipeline.Shard, error) {
	if !c.IsSet("shard") {
		return pipeline.Shard{}, nil
	}
	s, err := pipeline.ParseShard(c.String("shard"))
	if err != nil {
		return s, withCode(exitUsage, err)
	}
	return s, nil
}

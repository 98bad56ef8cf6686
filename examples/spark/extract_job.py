#!/usr/bin/env python3
"""Runs `claimtrack extract --jsonl` over a JSONL file of documents with Spark (`RDD.pipe`) and saves the records.

The documents file is split into partitions; each partition's lines stream through one claimtrack process, and the
record lines it prints are saved as part files in the output folder (Spark's `saveAsTextFile`), ready for
`claimtrack reconcile --claims FOLDER`.
"""
import argparse
import os
import shlex

from pyspark import SparkConf, SparkContext


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", required=True, help="JSONL file of documents (make_documents.py)")
    parser.add_argument("--out", required=True, help="folder for the record part files; must not exist")
    parser.add_argument("--claimtrack", required=True, help="the claimtrack executable (on every worker)")
    parser.add_argument("--config", required=True, help="pipeline.json (on every worker)")
    parser.add_argument("--partitions", type=int, default=3, help="at least this many partitions")
    parser.add_argument("--master", default="local[2]", help="Spark master (local[2]: two worker threads here)")
    args = parser.parse_args()

    sc = SparkContext(conf=SparkConf().setMaster(args.master).setAppName("claimtrack-extract"))
    sc.setLogLevel("WARN")
    command = shlex.join([os.path.abspath(args.claimtrack), "extract", "--jsonl", "--config", os.path.abspath(args.config)])
    # RDD.pipe starts the command with only the variables given here.
    env = {name: os.environ[name] for name in ("PATH", "HOME", "LANG", "TMPDIR") if name in os.environ}
    documents = sc.textFile(os.path.abspath(args.documents), minPartitions=args.partitions)
    records = documents.pipe(command, env=env, checkCode=True)
    records.saveAsTextFile(os.path.abspath(args.out))
    print(f"extract_job: {documents.getNumPartitions()} partitions through '{command}' -> '{args.out}'")
    sc.stop()


if __name__ == "__main__":
    main()

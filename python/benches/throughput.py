"""Throughput of the Python package and of the Spark job against `newsatlas extract`, on one JSON Lines file.

    python python/benches/throughput.py FILE.jsonl [--master local[2]] [--skip-spark] [--parquet DIR]

Prints, for each way in, the wall time and articles per second:

- `package`: `read_articles` + `analyse_articles` in this process, 4,096 articles a batch, on every core: the
  binding without Spark (what the job's tasks do, minus Spark);
- `spark files`: `python -m newsatlas.spark FILE OUT` (read as a file, spread over the cores, analysed, written),
  with the JVM's start counted apart;
- `spark parquet`: the same records as Parquet files (`--parquet DIR`, written first if missing), analysed where
  they are read.

`newsatlas extract FILE -o OUT` is timed apart, with /usr/bin/time (see BENCHMARKS.md).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

import newsatlas


def package(file: Path) -> tuple[float, int, int]:
    started = time.monotonic()
    newsatlas._native.load_gazetteer()
    loaded = time.monotonic()
    read = newsatlas.read_articles([str(file)], [file.read_bytes()], max_file_bytes=1 << 40)
    articles = read["read"]
    mentions = 0
    for offset in range(0, articles.num_rows, 4096):
        tables = newsatlas.analyse_articles(articles.slice(offset, 4096))
        mentions += tables["mentions"].num_rows
    done = time.monotonic()
    print(f"package: gazetteer {loaded - started:.1f} s, then {articles.num_rows} articles, {mentions} mentions "
          f"in {done - loaded:.1f} s ({articles.num_rows / (done - loaded):,.0f} articles/s)")
    return done - started, articles.num_rows, mentions


def to_parquet(file: Path, folder: Path, files: int = 8) -> None:
    if folder.exists():
        return
    folder.mkdir(parents=True)
    rows = [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]
    table = pa.Table.from_pylist(rows)
    step = -(-table.num_rows // files)
    for i in range(files):
        pq.write_table(table.slice(i * step, step), folder / f"part-{i:02d}.parquet", row_group_size=10_000)


def spark(input_path: Path, master: str, input_format: str) -> None:
    from newsatlas.spark import report, run, session

    output = Path(tempfile.mkdtemp(prefix="newsatlas-bench-"))
    try:
        started = time.monotonic()
        # The JSON Lines file is one row of Spark's `binaryFile` source: the heap holds it a few times over.
        spark_session = session(master, conf={"spark.ui.enabled": "false", "spark.driver.memory": "4g"})
        up = time.monotonic()
        timings: dict[str, float] = {}
        counts = run(spark_session, str(input_path), str(output), input_format=input_format, timings=timings)
        done = time.monotonic()
        print("spark steps: " + ", ".join(f"{name} {secs:.1f} s" for name, secs in timings.items()))
        spark_session.stop()
        print(f"spark {input_format}: JVM and session {up - started:.1f} s, job {done - up:.1f} s "
              f"({counts['articles'] / (done - up):,.0f} articles/s); {report(counts, str(output), done - started)}")
    finally:
        shutil.rmtree(output, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file", type=Path)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--parquet", type=Path)
    parser.add_argument("--skip-package", action="store_true")
    parser.add_argument("--skip-spark", action="store_true")
    parser.add_argument("--skip-files", action="store_true", help="with --parquet: only the Parquet run")
    args = parser.parse_args()
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    if not args.skip_package:
        package(args.file)
    if not args.skip_spark:
        if not args.skip_files:
            spark(args.file, args.master, "files")
        if args.parquet:
            to_parquet(args.file, args.parquet)
            spark(args.parquet, args.master, "parquet")


if __name__ == "__main__":
    main()

"""The News Atlas analysis as an Apache Spark job: ``python -m newsatlas.spark INPUT OUTPUT [--master URL]``.

INPUT is a folder (or one file) of articles as the app opens it: .txt, .md, .html, .json, .jsonl and .csv files,
each read exactly as the app and ``newsatlas extract`` read it (Spark's ``binaryFile`` source hands every file's
bytes to :func:`newsatlas.read_articles`), or Parquet files of articles whose columns have the field names
``newsatlas extract`` reads in JSON Lines (``text``, ``title``, ``published``, ``id``, ...;
:func:`newsatlas.extract_batch`). Paths are anything Spark reads: a local folder, ``hdfs://``, ``s3a://``, ``gs://``.

OUTPUT gets the tables of docs/stored-analysis.md (``mentions``, ``articles``, ``timexes``, ``problems``, each a
folder of Parquet files) and ``_newsatlas.json``, written last, so a folder that has it is complete. Tables are
written in overwrite mode: running the job again replaces them. Spark schedules the work, retries failed tasks
(the analysis is deterministic, so a retried task writes the same rows) and writes the files; the engine runs
inside ``mapInArrow``, a batch of articles per call, one thread per task.

The flow, for a folder of files: list and read the files (one task per group of files; a big JSON Lines file is
one task), spread the articles over ``--partitions`` tasks, analyse them, keep the result (memory, else disk),
and write the four tables from it. Parquet input is analysed where it is read, a row group at a time.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

import pyarrow as pa
import pyarrow.compute as pc

import newsatlas

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

#: The column that says which table a row of the analysis belongs to.
TABLE_COLUMN = "_table"

_SPARK_TYPES = {
    pa.string(): "STRING",
    pa.int32(): "INT",
    pa.int64(): "BIGINT",
    pa.float32(): "FLOAT",
    pa.float64(): "DOUBLE",
    pa.date32(): "DATE",
}


#: What ``mapInArrow`` gives back for the analysis: a row per table per batch of articles, the table's rows
#: as one Arrow IPC stream (LZ4). Keeping these few wide rows (memory, else disk) costs far less than keeping a
#: row per mention: Spark turns the rows into its own format once, when each table is written.
PACKED = pa.schema(
    [
        pa.field(TABLE_COLUMN, pa.string()),
        pa.field("rows", pa.int64()),
        # Problems with a whole file (no line): they count as files that could not be read.
        pa.field("file_problems", pa.int64()),
        # The distinct paths of the articles and problems, to find the files Spark never handed over.
        pa.field("paths", pa.list_(pa.string())),
        pa.field("ipc", pa.binary()),
    ]
)

#: Articles read from files, before analysis, with the problems met reading them (rows with a reason).
READ_OR_PROBLEM = pa.schema(
    [pa.field(f.name, f.type) for f in newsatlas.READ] + [pa.field("reason", pa.string())]
)


def spark_ddl(schema: pa.Schema) -> str:
    """A Spark DDL schema string (``` `a` STRING, `b` INT ```) for an Arrow schema of the types we use."""
    return ", ".join(f"`{field.name}` {_spark_type(field.type)}" for field in schema)


def _spark_type(arrow_type: pa.DataType) -> str:
    if pa.types.is_list(arrow_type):
        return f"ARRAY<{_spark_type(arrow_type.value_type)}>"
    if pa.types.is_binary(arrow_type):
        return "BINARY"
    return _SPARK_TYPES[arrow_type]


def local_path(uri: str, encoded: bool = False) -> str:
    """A path as the app can open it: ``file:`` URIs become plain paths (percent-decoded when ``encoded``: Spark
    gives some paths as URIs, ``inputFiles`` and ``_metadata.file_path``, and others as Hadoop prints paths,
    the ``binaryFile`` source's); any other URI (``s3a://``, ``hdfs://``) is kept as it is."""
    for prefix in ("file://", "file:"):
        if uri.startswith(prefix):
            rest = uri[len(prefix) :]
            if rest.startswith("/"):
                return unquote(rest) if encoded else rest
    return uri


def _pack(tables: dict[str, pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """The analysis of one batch as :data:`PACKED` rows, one per table that has rows."""
    names, counts, file_problems, paths, blobs = [], [], [], [], []
    options = pa.ipc.IpcWriteOptions(compression="lz4")
    for table, batch in tables.items():
        if not batch.num_rows:
            continue
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, batch.schema, options=options) as writer:
            writer.write_batch(batch)
        names.append(table)
        counts.append(batch.num_rows)
        file_problems.append(batch.column("line").null_count if table == "problems" else 0)
        has_paths = table in ("articles", "problems")
        paths.append(pc.unique(batch.column("path")).to_pylist() if has_paths else [])
        blobs.append(sink.getvalue().to_pybytes())
    if names:
        yield pa.RecordBatch.from_arrays(
            [pa.array(names), pa.array(counts, pa.int64()), pa.array(file_problems, pa.int64()),
             pa.array(paths, pa.list_(pa.string())), pa.array(blobs, pa.binary())],
            schema=PACKED,
        )


def _unpack(table: str):
    """The ``mapInArrow`` function that turns :data:`PACKED` rows of one table back into its rows."""
    schema = newsatlas.TABLES[table]

    def unpack(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            for blob in batch.column("ipc").to_pylist():
                for rows in pa.ipc.open_stream(blob):
                    yield rows.cast(schema)

    return unpack


def _read_files(root: str, max_file_bytes: int):
    """The ``mapInArrow`` function that reads files (``binaryFile`` rows) into articles and problems."""

    def read(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            paths = [local_path(p) for p in batch.column("path").to_pylist()]
            data = batch.column("content").to_pylist()
            tables = newsatlas.read_articles(paths, data, root=root, max_file_bytes=max_file_bytes)
            articles, problems = tables["read"], tables["problems"]
            if articles.num_rows:
                reason = pa.nulls(articles.num_rows, pa.string())
                yield pa.RecordBatch.from_arrays(articles.columns + [reason], schema=READ_OR_PROBLEM)
            if problems.num_rows:
                columns = [
                    problems.column(f.name) if f.name in ("path", "line", "reason") else pa.nulls(problems.num_rows, f.type)
                    for f in READ_OR_PROBLEM
                ]
                yield pa.RecordBatch.from_arrays(columns, schema=READ_OR_PROBLEM)

    return read


def _analyse_read(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """The ``mapInArrow`` function that analyses read articles; problems pass through."""
    for batch in batches:
        is_problem = pc.is_valid(batch.column("reason"))
        articles = batch.filter(pc.invert(is_problem)).select(newsatlas.READ.names)
        problems = batch.filter(is_problem).select(newsatlas.PROBLEMS.names)
        yield from _pack(newsatlas.analyse_articles(articles, problems, threads=1))


def _analyse_records(root: str):
    """The ``mapInArrow`` function that analyses rows of a table of articles (Parquet input)."""

    def analyse(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            index = batch.schema.get_field_index("_path")
            paths = pa.array([local_path(p, encoded=True) for p in batch.column(index).to_pylist()], pa.string())
            batch = batch.set_column(index, "_path", paths)
            yield from _pack(newsatlas.extract_batch(batch, root=root, threads=1))

    return analyse


def _hadoop_path(spark: SparkSession, path):
    """The file system of `path` (a string, or a Hadoop Path) and the path qualified by it."""
    jvm = spark.sparkContext._jvm
    hadoop_path = jvm.org.apache.hadoop.fs.Path(path) if isinstance(path, str) else path
    fs = hadoop_path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    return fs, fs.makeQualified(hadoop_path)


def _is_parquet(spark: SparkSession, path: str) -> bool:
    """True when INPUT is a Parquet file, or a folder whose first files (of those Spark reads) are Parquet."""
    fs, qualified = _hadoop_path(spark, path)
    if not fs.getFileStatus(qualified).isDirectory():
        return qualified.getName().lower().endswith(".parquet")
    files = fs.listFiles(qualified, True)
    seen = 0
    while files.hasNext() and seen < 100:
        name = files.next().getPath().getName()
        if name.startswith((".", "_")):
            continue
        if not name.lower().endswith(".parquet"):
            return False
        seen += 1
    return seen > 0


@dataclass
class Analysis:
    """The analysis of INPUT, not yet computed."""

    #: The analysis as :data:`PACKED` rows, ``_table`` naming each row's table.
    rows: DataFrame
    #: INPUT as a path (or URI) article ids are relative to.
    root: str
    #: The files Spark listed, for a folder of files (``None`` for Parquet input).
    input_files: list[str] | None


def analyse(
    spark: SparkSession,
    input_path: str,
    *,
    partitions: int | None = None,
    input_format: str = "auto",
    max_file_bytes: int = 32 << 20,
) -> Analysis:
    """The analysis of INPUT: read as the app reads it (a folder of files) or as records (Parquet)."""
    from pyspark.sql import functions as F

    fs, qualified = _hadoop_path(spark, input_path)
    root = local_path(qualified.toString())
    if input_format == "auto":
        input_format = "parquet" if _is_parquet(spark, input_path) else "files"
    if input_format == "parquet":
        records = spark.read.parquet(input_path).select(
            "*",
            F.col("_metadata.file_path").alias("_path"),
            (F.col("_metadata.row_index") + 1).alias("_line"),
        )
        return Analysis(records.mapInArrow(_analyse_records(root), spark_ddl(PACKED)), root, None)
    if input_format != "files":
        raise ValueError(f"unknown input format {input_format!r}: choose auto, files or parquet")
    files = (
        spark.read.format("binaryFile")
        .option("recursiveFileLookup", "true")
        .load(input_path)
        .select("path", "content")
    )
    read = files.mapInArrow(_read_files(root, max_file_bytes), spark_ddl(READ_OR_PROBLEM))
    # A big JSON Lines file is read by one task: its articles are spread over the cluster before analysis.
    # Round-robin after a local sort (Spark's default), so a retried task gets the same rows.
    partitions = partitions or spark.sparkContext.defaultParallelism * 2
    rows = read.repartition(partitions).mapInArrow(_analyse_read, spark_ddl(PACKED))
    return Analysis(rows, root, files.inputFiles())


def _empty_files(spark: SparkSession, analysis: DataFrame, input_files: list[str], root: str) -> DataFrame | None:
    """Problem rows for the files Spark's file sources skip without a word: empty ones. They are the listed files
    with no row in the analysis (a file that is not empty always has one, unless it holds only blank lines)
    whose length is 0; each gets the problem the app reports for it."""
    from pyspark.sql import functions as F

    if not input_files:
        return None
    listed = spark.createDataFrame([(local_path(f, encoded=True), f) for f in input_files], "path STRING, uri STRING")
    seen = analysis.select(F.explode("paths").alias("path")).distinct()
    unseen = listed.join(seen, "path", "left_anti").collect()
    empty = []
    jvm = spark.sparkContext._jvm
    for row in unseen:
        path = jvm.org.apache.hadoop.fs.Path(jvm.java.net.URI(row["uri"]))
        fs, qualified = _hadoop_path(spark, path)
        if fs.getFileStatus(qualified).getLen() == 0:
            empty.append(row["path"])
    if not empty:
        return None
    problems = newsatlas.read_articles(sorted(empty), [b""] * len(empty), root=root)["problems"]
    rows = [(p["path"], p["line"], p["reason"]) for p in problems.to_pylist()]
    return spark.createDataFrame(rows, spark_ddl(newsatlas.PROBLEMS))


def _write_marker(spark: SparkSession, output: str) -> None:
    fs, qualified = _hadoop_path(spark, output.rstrip("/") + "/_newsatlas.json")
    marker = {"format": newsatlas.FORMAT, "version": newsatlas.FORMAT_VERSION, "engine": newsatlas.ENGINE_VERSION}
    stream = fs.create(qualified, True)
    try:
        stream.write(bytearray(json.dumps(marker).encode() + b"\n"))
    finally:
        stream.close()


def _delete_marker(spark: SparkSession, output: str) -> None:
    fs, qualified = _hadoop_path(spark, output.rstrip("/") + "/_newsatlas.json")
    if fs.exists(qualified):
        fs.delete(qualified, False)


def run(
    spark: SparkSession,
    input_path: str,
    output: str,
    *,
    partitions: int | None = None,
    input_format: str = "auto",
    max_file_bytes: int = 32 << 20,
    timings: dict[str, float] | None = None,
) -> dict[str, int]:
    """Analyses INPUT and writes the stored analysis to OUTPUT; returns how many rows each table got, and
    ``files_unread`` and ``records_unread`` (problems with a whole file, and with single records). ``timings``,
    when given, gets the seconds each step took."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    timings = {} if timings is None else timings
    clock = time.monotonic()

    def step(name: str) -> None:
        nonlocal clock
        now = time.monotonic()
        timings[name] = now - clock
        clock = now

    plan = analyse(
        spark, input_path, partitions=partitions, input_format=input_format, max_file_bytes=max_file_bytes
    )
    step("plan")
    # Kept, so the counts and the four writes read the analysis instead of running it again.
    kept = plan.rows.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        # Counting runs the analysis and fills what is kept.
        counts = {table: 0 for table in newsatlas.TABLES}
        counts.update(files_unread=0, records_unread=0)
        totals = kept.groupBy(TABLE_COLUMN).agg(F.sum("rows").alias("rows"), F.sum("file_problems").alias("files"))
        for row in totals.collect():
            counts[row[TABLE_COLUMN]] += row["rows"]
            if row[TABLE_COLUMN] == "problems":
                counts["files_unread"] += row["files"]
                counts["records_unread"] += row["rows"] - row["files"]
        step("analyse")
        empty = None
        if plan.input_files is not None:
            empty = _empty_files(spark, kept, plan.input_files, plan.root)
            if empty is not None:
                added = empty.count()
                counts["problems"] += added
                counts["files_unread"] += added
            step("empty files")
        # Until the new tables are all written, OUTPUT is not a finished analysis.
        _delete_marker(spark, output)
        for table, schema in newsatlas.TABLES.items():
            rows = kept.where(F.col(TABLE_COLUMN) == table).mapInArrow(_unpack(table), spark_ddl(schema))
            if table == "problems" and empty is not None:
                rows = rows.unionByName(empty)
            rows.write.mode("overwrite").parquet(output.rstrip("/") + "/" + table)
            step(f"write {table}")
        _write_marker(spark, output)
    finally:
        kept.unpersist()
    return counts


def session(master: str | None = None, app_name: str = "newsatlas", conf: dict[str, str] | None = None) -> SparkSession:
    """A Spark session for the job: workers run this Python (so they import pyarrow and newsatlas), and Arrow
    batches are bounded in rows and bytes (a batch of file rows holds whole files). ``conf`` adds settings."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    settings = {
        "spark.sql.execution.arrow.maxRecordsPerBatch": "2000",
        "spark.sql.execution.arrow.maxBytesPerBatch": str(64 << 20),
        **(conf or {}),
    }
    for key, value in settings.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m newsatlas.spark",
        description="Find the places and dates in a folder of news articles with Apache Spark, and write them as "
        "the Parquet tables News Atlas opens (docs/stored-analysis.md).",
    )
    parser.add_argument("input", help="a folder or file of articles (txt, md, html, json, jsonl, csv), or Parquet files of article records")
    parser.add_argument("output", help="the folder to write (its tables are replaced)")
    parser.add_argument("--master", help="Spark master URL (local[4], spark://host:7077, yarn); spark-submit's by default")
    parser.add_argument("--partitions", type=int, help="tasks to analyse a folder of files in (default: 2 per core)")
    parser.add_argument(
        "--format", dest="input_format", default="auto", choices=["auto", "files", "parquet"],
        help="files: articles as the app reads a folder; parquet: article records (auto: parquet if INPUT's files are)",
    )
    parser.add_argument("--max-file-mb", type=int, default=32, help="skip files larger than this, as the app does (default 32)")
    parser.add_argument(
        "--conf", action="append", default=[], metavar="KEY=VALUE",
        help="a Spark setting, as spark-submit's --conf (e.g. spark.driver.memory=4g for big files in local mode)",
    )
    args = parser.parse_args(argv)
    for setting in args.conf:
        if "=" not in setting:
            parser.error(f"--conf {setting}: expected KEY=VALUE")
    return args


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    started = time.monotonic()
    spark = session(args.master, conf=dict(setting.split("=", 1) for setting in args.conf))
    try:
        counts = run(
            spark,
            args.input,
            args.output,
            partitions=args.partitions,
            input_format=args.input_format,
            max_file_bytes=args.max_file_mb << 20,
        )
    finally:
        spark.stop()
    print(report(counts, args.output, time.monotonic() - started))
    return 0


def report(counts: dict[str, Any], output: str, secs: float) -> str:
    """The job's last words: what it found and what it could not read."""
    return (
        f"newsatlas: {counts['articles']} articles, {counts['mentions']} place mentions, {counts['timexes']} date "
        f"expressions; {counts['files_unread']} files and {counts['records_unread']} records could not be read "
        f"(listed in {output.rstrip('/')}/problems); written to {output} in {secs:.1f} s"
    )


if __name__ == "__main__":
    sys.exit(main())

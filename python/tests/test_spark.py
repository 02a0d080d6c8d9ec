"""The Spark job, in local mode and through a standalone master with one worker: the mentions it writes equal,
mention for mention, what `newsatlas extract` gives on the same input."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

import newsatlas
from compare import cli_rows, export_passages, problem_rows, table_passages, table_rows
from conftest import SAMPLE
from fixtures import mixed_folder

pytest.importorskip("pyspark")


def stored(output: Path) -> dict[str, pa.Table]:
    """The tables of a stored analysis, checked against the layout (docs/stored-analysis.md)."""
    marker = json.loads((output / "_newsatlas.json").read_text(encoding="utf-8"))
    assert marker == {"format": "newsatlas-stored-analysis", "version": 1, "engine": newsatlas.ENGINE_VERSION}
    tables = {}
    for name, schema in newsatlas.TABLES.items():
        files = sorted((output / name).glob("part-*.parquet"))
        assert files, name
        table = ds.dataset(files, format="parquet").to_table()
        # Spark writes every column as optional: compare names and types, not nullability.
        assert [(f.name, f.type) for f in table.schema] == [(f.name, f.type) for f in schema], name
        tables[name] = table
    return tables


def run_job(spark, input_path: Path, output: Path, **options) -> dict[str, int]:
    from newsatlas.spark import run

    return run(spark, str(input_path), str(output), **options)


def assert_same_as_cli(cli, input_path: Path, tables: dict[str, pa.Table], passages: bool = True) -> None:
    expected, skipped = cli.extract(input_path)
    rows, expected_rows = table_rows(tables), cli_rows(expected)
    assert len(rows["mentions"]) == len(expected_rows["mentions"]) > 0
    assert rows == expected_rows
    if passages:
        assert table_passages(tables["mentions"]) == export_passages(cli.export_csv(input_path))
    assert problem_rows(tables["problems"]) == sorted(skipped)


def test_the_seeds(spark, cli, shared, tmp_path):
    counts = run_job(spark, shared / "seeds", tmp_path / "out")
    tables = stored(tmp_path / "out")
    assert_same_as_cli(cli, shared / "seeds", tables)
    assert counts["articles"] == tables["articles"].num_rows
    assert counts["mentions"] == tables["mentions"].num_rows


def sorted_csv_rows(csv_text: str) -> list[list[str]]:
    import csv
    import io

    rows = list(csv.reader(io.StringIO(csv_text)))
    return [rows[0]] + sorted(rows[1:])


def test_the_app_opens_the_jobs_output_as_the_folder_itself(spark, cli, shared, tmp_path):
    """`newsatlas export` on what the job wrote gives the rows it gives on the articles themselves."""
    for name, folder in [("seeds", shared / "seeds"), ("samples", SAMPLE), ("mixed", mixed_folder(tmp_path))]:
        output = tmp_path / f"out-{name}"
        run_job(spark, folder, output)
        opened = subprocess.run(
            [cli.binary, "export", output, "--format", "csv"], capture_output=True, text=True, check=True
        )
        assert sorted_csv_rows(opened.stdout) == sorted_csv_rows(cli.export_csv(folder)), name


def test_the_sample_articles_and_a_rerun_replaces_the_tables(spark, cli, tmp_path):
    output = tmp_path / "out"
    first = run_job(spark, SAMPLE, output)
    again = run_job(spark, SAMPLE, output)
    assert first == again
    tables = stored(output)
    assert_same_as_cli(cli, SAMPLE, tables)
    assert tables["articles"].num_rows == len(list(SAMPLE.iterdir())) == first["articles"]


def test_every_format_and_what_cannot_be_read(spark, cli, tmp_path):
    folder = mixed_folder(tmp_path)
    counts = run_job(spark, folder, tmp_path / "out")
    tables = stored(tmp_path / "out")
    assert_same_as_cli(cli, folder, tables)
    # notes.pdf, picture.txt, empty.md; the bad JSON line, the record without text, the CSV row without text.
    assert (counts["files_unread"], counts["records_unread"]) == (3, 3)


def test_a_json_lines_file_and_the_same_records_as_parquet(spark, cli, tmp_path):
    jsonl = tmp_path / "in" / "synth.jsonl"
    jsonl.parent.mkdir()
    cli.gen_corpus(300, jsonl, seed=3)
    run_job(spark, jsonl, tmp_path / "from-jsonl", partitions=3)
    assert_same_as_cli(cli, jsonl, stored(tmp_path / "from-jsonl"), passages=False)
    # The same records as two Parquet files: read by Spark's Parquet reader, analysed where they are read.
    records = pa.Table.from_pylist([json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()])
    parquet = tmp_path / "parquet"
    parquet.mkdir()
    pq.write_table(records.slice(0, 120), parquet / "a.parquet")
    pq.write_table(records.slice(120), parquet / "b 100%41.parquet")
    counts = run_job(spark, parquet, tmp_path / "from-parquet")
    assert counts["articles"] == 300
    tables = stored(tmp_path / "from-parquet")
    assert_same_as_cli(cli, jsonl, tables, passages=False)
    # Each row names its file (as a plain path, whatever Spark's URIs encode) and its row in it.
    rows = {(a["path"], a["line"]) for a in tables["articles"].to_pylist()}
    expected = {(str(parquet / "a.parquet"), i + 1) for i in range(120)}
    expected |= {(str(parquet / "b 100%41.parquet"), i + 1) for i in range(180)}
    assert rows == expected


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _spark_class() -> str:
    from pyspark.find_spark_home import _find_spark_home

    return os.path.join(_find_spark_home(), "bin", "spark-class")


def _alive_workers(ui_port: int) -> int:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{ui_port}/json/", timeout=2) as answer:
            return int(json.load(answer).get("aliveworkers", 0))
    except OSError:
        return 0


def test_a_standalone_master_and_worker(cli, tmp_path):
    """`python -m newsatlas.spark` through a Spark standalone cluster on this machine: a master and one worker,
    started here from the scripts in the pyspark package, and stopped at the end."""
    env = dict(os.environ, SPARK_LOCAL_IP="127.0.0.1", PYSPARK_PYTHON=sys.executable,
               SPARK_WORKER_DIR=str(tmp_path / "work"), SPARK_LOG_DIR=str(tmp_path / "logs"))
    port, ui_port, worker_ui_port = _free_port(), _free_port(), _free_port()
    master_url = f"spark://127.0.0.1:{port}"
    started = []
    try:
        with open(tmp_path / "master.log", "wb") as master_log, open(tmp_path / "worker.log", "wb") as worker_log:
            started.append(subprocess.Popen(
                [_spark_class(), "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", str(port),
                 "--webui-port", str(ui_port)],
                env=env, stdout=master_log, stderr=subprocess.STDOUT, start_new_session=True))
            started.append(subprocess.Popen(
                [_spark_class(), "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "2",
                 "--memory", "1g", "--webui-port", str(worker_ui_port), master_url],
                env=env, stdout=worker_log, stderr=subprocess.STDOUT, start_new_session=True))
            deadline = time.monotonic() + 120
            while _alive_workers(ui_port) < 1:
                assert time.monotonic() < deadline, (tmp_path / "worker.log").read_text(errors="replace")
                assert all(p.poll() is None for p in started), "the master or the worker stopped"
                time.sleep(1)
        output = tmp_path / "out"
        done = subprocess.run(
            [sys.executable, "-m", "newsatlas.spark", str(SAMPLE), str(output), "--master", master_url],
            env=env, capture_output=True, text=True, timeout=600,
        )
        assert done.returncode == 0, done.stderr[-5000:]
        tables = stored(output)
        assert_same_as_cli(cli, SAMPLE, tables)
        summary = done.stdout.strip().splitlines()[-1]
        assert summary.startswith(f"newsatlas: {tables['articles'].num_rows} articles, "
                                  f"{tables['mentions'].num_rows} place mentions"), summary
        assert "0 files and 0 records could not be read" in summary
        with urllib.request.urlopen(f"http://127.0.0.1:{ui_port}/json/", timeout=5) as answer:
            completed = [app["name"] for app in json.load(answer)["completedapps"]]
        assert completed == ["newsatlas"], "the job ran on the cluster"
    finally:
        # Each was started in a session of its own: its process group holds it and the JVMs it started.
        for process in reversed(started):
            if process.poll() is None:
                os.killpg(process.pid, 15)
        for process in started:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, 9)
                process.wait()

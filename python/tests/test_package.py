"""The Python package against the command line: the same records, rows and problems, whichever way in."""

from __future__ import annotations

import datetime
import doctest
import json
import re
import threading
from pathlib import Path

import pyarrow as pa
import pytest

import newsatlas
from compare import cli_rows, export_passages, problem_rows, table_passages, table_rows
from conftest import REPO, SAMPLE
from fixtures import mixed_folder


def read_folder(folder: Path, threads: int | None = None) -> dict[str, pa.RecordBatch]:
    """Every file under `folder` through `read_articles` + `analyse_articles`, as the Spark job reads them."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    read = newsatlas.read_articles([str(p) for p in files], [p.read_bytes() for p in files], root=str(folder))
    return newsatlas.analyse_articles(read["read"], read["problems"], threads=threads)


def batch_of(rows: list[dict]) -> pa.RecordBatch:
    """A batch with a column for every key of any row (`from_pylist` takes the first row's keys only)."""
    names = list(dict.fromkeys(key for row in rows for key in row))
    return pa.RecordBatch.from_pydict({name: [row.get(name) for row in rows] for name in names})


def test_the_module_docs_run():
    failures, _ = doctest.testmod(newsatlas)
    assert failures == 0


def test_extract_gives_the_record_of_a_json_lines_line(cli, tmp_path):
    fields = {
        "id": "astana-1",
        "title": "Astana talks end",
        "published": "2017-01-24",
        "text": "ASTANA, Jan 24 (Reuters) - Talks in Astana ended on Tuesday; the next round is in Geneva on 8 "
        "February. Syrian rebels left for Turkey.",
    }
    file = tmp_path / "one.jsonl"
    file.write_text(json.dumps(fields) + "\n", encoding="utf-8")
    (expected,), _ = cli.extract(file)
    assert newsatlas.extract(fields["text"], published="2017-01-24", title=fields["title"], id="astana-1") == expected
    # A date object is its ISO day.
    assert newsatlas.extract(fields["text"], published=datetime.date(2017, 1, 24), title=fields["title"],
                             id="astana-1") == expected


def test_extract_refuses_a_blank_text():
    with pytest.raises(ValueError, match="the text field is empty"):
        newsatlas.extract("   ")


def test_extract_batch_gives_the_rows_of_extract_and_the_passages_of_export(cli, tmp_path):
    file = tmp_path / "synth.jsonl"
    cli.gen_corpus(40, file, seed=7)
    records = [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines()]
    batch = batch_of(records)
    tables = newsatlas.extract_batch(batch, path=str(file))
    expected, skipped = cli.extract(file)
    assert skipped == []
    assert table_rows(tables) == cli_rows(expected)
    assert table_passages(tables["mentions"]) == export_passages(cli.export_csv(file))
    for name, schema in newsatlas.TABLES.items():
        assert tables[name].schema == schema, name


def test_extract_batch_names_records_without_an_id_as_extract_does(cli, tmp_path):
    file = tmp_path / "noid.jsonl"
    rows = [{"text": "A strike in Lagos."}, {"headline": "x", "content": "Rain in Lima on 2 May 2019."},
            {"text": ""}, {"summary": "Snow in Oslo.", "pubDate": "2020-01-02"}]
    file.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    tables = newsatlas.extract_batch(batch_of(rows), path=str(file))
    expected, skipped = cli.extract(file)
    assert table_rows(tables) == cli_rows(expected)
    assert [r["article_id"] for r in tables["articles"].to_pylist()] == ["noid.jsonl:1", "noid.jsonl:2", "noid.jsonl:4"]
    assert problem_rows(tables["problems"]) == sorted(skipped)


def test_extract_batch_reads_dates_and_timestamps_as_text_and_takes_sources_from_columns():
    batch = pa.table(
        {
            "body": ["Talks in Geneva on Monday.", "Talks in Doha on Monday."],
            "published": pa.array([datetime.date(2017, 1, 13), None], pa.date32()),
            "date": pa.array([None, datetime.datetime(2017, 2, 3, 10, 0)], pa.timestamp("s")),
            "_path": ["a.parquet", "b.parquet"],
            "_line": [7, 9],
        }
    )
    tables = newsatlas.extract_batch(batch)
    articles = tables["articles"].to_pylist()
    assert [(a["article_id"], a["path"], a["line"]) for a in articles] == [
        ("a.parquet:7", "a.parquet", 7), ("b.parquet:9", "b.parquet", 9)]
    assert [a["published"] for a in articles] == [datetime.date(2017, 1, 13), datetime.date(2017, 2, 3)]
    # "Monday" is read against each article's date.
    assert [t["value"] for t in tables["timexes"].to_pylist()] == ["2017-01-09", "2017-01-30"]


def test_a_folder_of_files_reads_as_extract_reads_it_problems_and_all(cli, tmp_path):
    folder = mixed_folder(tmp_path)
    tables = read_folder(folder)
    expected, skipped = cli.extract(folder)
    assert table_rows(tables) == cli_rows(expected)
    assert table_passages(tables["mentions"]) == export_passages(cli.export_csv(folder))
    assert problem_rows(tables["problems"]) == sorted(skipped)
    reasons = " | ".join(problem_rows(tables["problems"]))
    for expected_reason in ("not a supported format", "binary file", "empty file", "not valid JSON",
                            "no text field", "the text field is empty"):
        assert expected_reason in reasons


def test_read_file_reads_one_file_as_the_app_does(cli):
    path = SAMPLE / "2015-08-03-doha-talks.md"
    tables = newsatlas.read_file(path, path.read_bytes())
    expected, _ = cli.extract(path)
    assert table_rows(tables) == cli_rows(expected)
    assert tables["articles"].column("published_source").to_pylist() == ["metadata"]
    refused = newsatlas.read_file("scan.pdf", b"%PDF-1.4")
    assert problem_rows(refused["problems"]) == ["scan.pdf: not a supported format (supported: .txt, .md, .html, "
                                                 ".json, .jsonl, .csv)"]
    assert refused["mentions"].num_rows == 0


def test_files_over_the_size_limit_are_problems_except_json_lines():
    big = b"Rain in Lima. " * 100
    tables = newsatlas.read_articles(["big.txt", "big.jsonl"], [big, b'{"text": "Rain in Lima."}\n'],
                                     max_file_bytes=1000)
    assert problem_rows(tables["problems"]) == ["big.txt: too large (1 KB; the limit is 1000 bytes)"]
    assert tables["read"].column("article_id").to_pylist() == ["big.jsonl:1"]


def test_threads_do_not_change_the_rows(tmp_path):
    folder = mixed_folder(tmp_path)
    one = read_folder(folder, threads=1)
    two = read_folder(folder, threads=2)
    for name in newsatlas.TABLES:
        assert one[name].equals(two[name]), name


def test_batches_can_run_in_python_threads_at_once(tmp_path):
    # The GIL is released while the engine works: two threads analysing at once give the rows one would.
    folder = mixed_folder(tmp_path)
    expected = read_folder(folder, threads=1)
    results = []
    threads = [threading.Thread(target=lambda: results.append(read_folder(folder, threads=1))) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 2
    for result in results:
        assert all(result[name].equals(expected[name]) for name in newsatlas.TABLES)


def test_the_seeds_read_as_extract_reads_them(cli, shared):
    tables = read_folder(shared / "seeds")
    expected, _ = cli.extract(shared / "seeds")
    assert table_rows(tables) == cli_rows(expected)


def test_the_package_and_the_engine_have_one_version():
    def version(path: Path) -> str:
        match = re.search(r'^version = "([^"]+)"', path.read_text(encoding="utf-8"), re.MULTILINE)
        assert match, path
        return match.group(1)

    engine = version(REPO / "Cargo.toml")
    assert version(REPO / "python" / "Cargo.toml") == engine
    assert version(REPO / "pyproject.toml") == engine
    assert newsatlas.ENGINE_VERSION == engine

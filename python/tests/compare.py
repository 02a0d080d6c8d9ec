"""Rows of `newsatlas extract` (and `export`) and of the stored tables, in one shape, to compare them."""

from __future__ import annotations

import csv
import io
import struct
from collections.abc import Iterable

import pyarrow as pa


def f32(value: float) -> float:
    """A float as a float32 column holds it (`extract` writes the float32 confidence in its shortest form)."""
    return struct.unpack("f", struct.pack("f", value))[0]


def cli_rows(records: Iterable[dict]) -> dict[str, list[tuple]]:
    """The mentions, articles and timexes of `newsatlas extract` records, sorted."""
    mentions, articles, timexes = [], [], []
    for r in records:
        articles.append(
            (r["id"], r["title"], r["language"], r["published"]["date"], r["published"]["source"],
             len(r["toponyms"]), len(r["timexes"]))
        )
        for t in r["toponyms"]:
            mentions.append(
                (r["id"], t["start"], t["end"], t["text"], t["name"], t["lat"], t["lon"], t["country"],
                 t["admin1"], t["geonameid"], t["place_id"], t["kind"], t.get("form"), f32(t["confidence"]))
            )
        for t in r["timexes"]:
            timexes.append((r["id"], t["start"], t["end"], t["text"], t["type"], t["value"]))
    return {"mentions": sorted(mentions, key=repr), "articles": sorted(articles, key=repr),
            "timexes": sorted(timexes, key=repr)}


def table_rows(tables: dict[str, pa.Table | pa.RecordBatch]) -> dict[str, list[tuple]]:
    """The same rows from the stored tables."""
    mentions = [
        (m["article_id"], m["start"], m["end"], m["mention"], m["place"], m["lat"], m["lon"], m["country"],
         m["admin1"], m["geonameid"], m["place_id"], m["kind"], m["form"], m["confidence"])
        for m in tables["mentions"].to_pylist()
    ]
    articles = [
        (a["article_id"], a["title"], a["language"], a["published"] and a["published"].isoformat(),
         a["published_source"], a["mentions"], a["timexes"])
        for a in tables["articles"].to_pylist()
    ]
    timexes = [(t["article_id"], t["start"], t["end"], t["text"], t["type"], t["value"])
               for t in tables["timexes"].to_pylist()]
    return {"mentions": sorted(mentions, key=repr), "articles": sorted(articles, key=repr),
            "timexes": sorted(timexes, key=repr)}


def _spreadsheet_safe(text: str) -> str:
    # As `newsatlas export --format csv` writes text cells (src/export/mentions.rs).
    return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text


def export_passages(csv_text: str) -> list[tuple]:
    """(article, mention, place id, passage, date, date from) of each row of `newsatlas export --format csv`."""
    rows = csv.DictReader(io.StringIO(csv_text))
    return sorted(
        ((r["article"], r["mention"], r["place_id"], r["passage"], r["date"], r["date_from"]) for r in rows), key=repr
    )


def table_passages(mentions: pa.Table | pa.RecordBatch) -> list[tuple]:
    """The same from a mentions table, as the export writes it."""
    return sorted(
        (
            (_spreadsheet_safe(m["article_id"]), _spreadsheet_safe(m["mention"]), _spreadsheet_safe(m["place_id"]),
             _spreadsheet_safe(m["passage"]), m["date"].isoformat() if m["date"] else "",
             m["date_from"])
            for m in mentions.to_pylist()
        ),
        key=repr,
    )


def problem_rows(problems: pa.Table | pa.RecordBatch) -> list[str]:
    """Problems as `newsatlas extract` prints them after `skipped `: `PATH[:LINE]: REASON`."""
    return sorted(
        f"{p['path']}:{p['line']}: {p['reason']}" if p["line"] is not None else f"{p['path']}: {p['reason']}"
        for p in problems.to_pylist()
    )

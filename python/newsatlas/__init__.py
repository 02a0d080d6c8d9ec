"""News Atlas for Python: the places (resolved against a bundled GeoNames gazetteer) and dates in news articles.

The engine is News Atlas's own (Rust, the desktop app's), compiled into this package; nothing is fetched from
the network. Three ways in:

- :func:`extract` analyses one text and returns the record ``newsatlas extract`` writes for it.
- :func:`extract_batch` analyses a pyarrow record batch of articles (columns named as ``newsatlas extract``
  reads JSON Lines fields: ``text``/``body``/``content``, ``title``/``headline``, ``published``/``date``/...,
  ``id``/``url``) and returns the tables of a stored analysis (``docs/stored-analysis.md``) as record batches.
- :func:`read_file` reads the bytes of an article file (txt, md, html, json, jsonl, csv) as the app reads a
  folder, and returns the same tables; what it cannot read goes to the ``problems`` table.

A batch costs a few Python calls, not one per article, and the analysis runs with the GIL released, on every
core unless ``threads`` says otherwise. The gazetteer loads once per process, on first use (about a second).

>>> import newsatlas
>>> record = newsatlas.extract("Envoys met in Astana on 23 January 2017.", published="2017-01-20")
>>> [(t["text"], t["country"]) for t in record["toponyms"]]
[('Astana', 'KZ')]
>>> [t["value"] for t in record["timexes"]]
['2017-01-23']
"""

from __future__ import annotations

import datetime
import json
import os
from collections.abc import Sequence
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from . import _native
from ._arrow import batches
from ._schema import ARTICLES, FORMAT, FORMAT_VERSION, MENTIONS, PROBLEMS, READ, TABLES, TIMEXES

__all__ = [
    "ARTICLES",
    "ENGINE_VERSION",
    "FORMAT",
    "FORMAT_VERSION",
    "MENTIONS",
    "PROBLEMS",
    "READ",
    "TABLES",
    "TIMEXES",
    "analyse_articles",
    "extract",
    "extract_batch",
    "read_articles",
    "read_file",
]

#: The version of the News Atlas engine inside this package.
ENGINE_VERSION: str = _native.ENGINE_VERSION

#: Columns that say where a row of :func:`extract_batch` came from, rather than being a field of the article.
SOURCE_COLUMNS = ("_path", "_line")


def _date_text(value: str | datetime.date | None) -> str | None:
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def extract(
    text: str,
    published: str | datetime.date | None = None,
    title: str | None = None,
    id: str | None = None,
) -> dict[str, Any]:
    """The record ``newsatlas extract`` writes for a JSON Lines line with these fields.

    ``published`` is the article's date as written (``2017-01-13``, ``Fri, 13 Jan 2017 09:00:00 GMT``, a
    :class:`datetime.date`); relative dates in the text ("on Monday") are resolved against it. The record has
    ``id``, ``title``, ``language``, ``published`` (``date`` and ``source``), ``toponyms`` (each with
    ``start``/``end`` in code points, ``text``, ``name``, ``lat``, ``lon``, ``country``, ``admin1``,
    ``geonameid``, ``place_id``, ``kind``, ``confidence``, and ``form`` for demonyms and streets) and
    ``timexes``.

    Raises :class:`ValueError` when ``text`` is blank (the reader would skip such a record).
    """
    return json.loads(_native.extract_json(text, _date_text(published), title, id))


def _as_batch(data: pa.RecordBatch | pa.Table) -> pa.RecordBatch | pa.Table:
    if not isinstance(data, (pa.RecordBatch, pa.Table)):
        raise TypeError(f"expected a pyarrow RecordBatch or Table, got {type(data).__name__}")
    return data


def _column_values(column: pa.Array | pa.ChunkedArray) -> list:
    """A column as Python values, converted once: dates and times as ISO text (a JSON Lines file would hold
    them as text), everything else as it is."""
    kind = column.type
    if pa.types.is_date(kind) or pa.types.is_timestamp(kind):
        column = pc.cast(column, pa.string())
    return column.to_pylist()


def extract_batch(
    batch: pa.RecordBatch | pa.Table,
    *,
    path: str = "",
    first_line: int = 1,
    root: str | None = None,
    threads: int | None = None,
) -> dict[str, pa.RecordBatch]:
    """Analyses a batch of articles, one a row, and returns the tables of a stored analysis.

    Columns are read as the fields of a JSON Lines record: names compared without case, ``_`` or ``-``; text
    from ``text``, ``content``, ``body``, ``maintext``, ``articleBody``, ``fullText`` (else ``description``,
    ``summary``); title from ``title`` or ``headline``; date from ``dct``, ``published``, ``publishedAt``,
    ``datePublished``, ``date_publish``, ``publishDate``, ``pubDate`` or ``date`` (date and timestamp columns
    are read as their ISO text); id from ``id`` (else ``url``). Other columns are ignored.

    Each row came from ``path`` (or the row's ``_path`` column) and is record number ``first_line + i`` (or
    the row's ``_line``); a row without an id or url gets ``ID:LINE``, ID being the path relative to ``root``
    (its file name without one), as ``newsatlas extract`` names JSON Lines records.

    Returns ``{"mentions", "articles", "timexes", "problems"}`` as record batches with the schemas
    :data:`MENTIONS`, :data:`ARTICLES`, :data:`TIMEXES` and :data:`PROBLEMS`; a row with no text is a problem.
    ``threads``: analyse on this many threads (all cores by default; 1 inside Spark, which runs a task per core).
    """
    batch = _as_batch(batch)
    names = [name for name in batch.schema.names if name not in SOURCE_COLUMNS]
    columns = [_column_values(batch.column(name)) for name in names]
    schema_names = batch.schema.names
    paths = batch.column("_path").to_pylist() if "_path" in schema_names else None
    lines = batch.column("_line").to_pylist() if "_line" in schema_names else None
    native = _native.analyse_records(
        names, columns, paths=paths, lines=lines, path=path, first_line=first_line, root=root, threads=threads
    )
    return batches(native, TABLES)


def read_articles(
    paths: Sequence[str],
    data: Sequence[bytes],
    *,
    root: str | None = None,
    max_file_bytes: int = 32 << 20,
) -> dict[str, pa.RecordBatch]:
    """Reads files given as paths and contents, as the app reads a folder holding them, without analysing them.

    Returns ``{"read": ..., "problems": ...}``: the articles with the schema :data:`READ` (to pass to
    :func:`analyse_articles`, perhaps after spreading them over more tasks) and the files or records that could
    not be read. Article ids are paths relative to ``root`` (file names without one). A file over
    ``max_file_bytes`` is a problem, as in the app, except JSON Lines, which the app reads a line at a time.
    """
    paths = [os.fspath(p) for p in paths]
    native = _native.read_articles(paths, list(data), root=root, max_file_bytes=max_file_bytes)
    return batches(native, {"read": READ, "problems": PROBLEMS})


def analyse_articles(
    read: pa.RecordBatch | pa.Table,
    problems: pa.RecordBatch | pa.Table | None = None,
    *,
    threads: int | None = None,
) -> dict[str, pa.RecordBatch]:
    """Analyses articles as :func:`read_articles` gave them (schema :data:`READ`) and returns the tables of
    :func:`extract_batch`; ``problems`` (schema :data:`PROBLEMS`) are passed on to the problems table."""
    read = _as_batch(read)
    columns = tuple(read.column(name).to_pylist() for name in READ.names)
    if problems is None:
        problem_columns: tuple[list, list, list] = ([], [], [])
    else:
        problems = _as_batch(problems)
        problem_columns = tuple(problems.column(name).to_pylist() for name in PROBLEMS.names)  # type: ignore[assignment]
    return batches(_native.analyse_articles(columns, problem_columns, threads=threads), TABLES)


def read_file(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    root: str | None = None,
    threads: int | None = None,
) -> dict[str, pa.RecordBatch]:
    """Reads and analyses one article file given as its path and bytes (the file is not opened: ``path``
    says its format by its extension, and names it in the tables), as the app reads it in a folder.

    Returns the tables of :func:`extract_batch`; what cannot be read (an unsupported format, a binary file,
    a bad JSON Lines line) is a row of ``problems``.
    """
    read = read_articles([os.fspath(path)], [data], root=root)
    return analyse_articles(read["read"], read["problems"], threads=threads)

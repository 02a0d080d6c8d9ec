"""The tables of a stored analysis, as Arrow schemas: docs/stored-analysis.md, version 1.

The Spark job, the batch functions and their tests take the column names and types from here; the Rust reader
(`newsatlas OUTPUT`) takes them from the same document.
"""

import pyarrow as pa

FORMAT = "newsatlas-stored-analysis"
FORMAT_VERSION = 1

# What an article's rows begin with in the articles and mentions tables.
_ARTICLE = [
    pa.field("article_id", pa.string(), nullable=False),
    pa.field("path", pa.string(), nullable=False),
    pa.field("line", pa.int32()),
    pa.field("title", pa.string(), nullable=False),
    pa.field("published", pa.date32()),
    pa.field("published_source", pa.string()),
]

MENTIONS = pa.schema(
    _ARTICLE
    + [
        pa.field("mention", pa.string(), nullable=False),
        pa.field("start", pa.int32(), nullable=False),
        pa.field("end", pa.int32(), nullable=False),
        pa.field("place", pa.string(), nullable=False),
        pa.field("admin1", pa.string()),
        pa.field("country", pa.string(), nullable=False),
        pa.field("geonameid", pa.int64()),
        pa.field("place_id", pa.string(), nullable=False),
        pa.field("lat", pa.float64(), nullable=False),
        pa.field("lon", pa.float64(), nullable=False),
        pa.field("kind", pa.string(), nullable=False),
        pa.field("form", pa.string()),
        pa.field("confidence", pa.float32(), nullable=False),
        pa.field("date", pa.date32()),
        pa.field("date_from", pa.string(), nullable=False),
        pa.field("passage", pa.string(), nullable=False),
        pa.field("passage_start", pa.int32(), nullable=False),
    ]
)

ARTICLES = pa.schema(
    _ARTICLE
    + [
        pa.field("language", pa.string(), nullable=False),
        pa.field("chars", pa.int32(), nullable=False),
        pa.field("mentions", pa.int32(), nullable=False),
        pa.field("timexes", pa.int32(), nullable=False),
    ]
)

TIMEXES = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("start", pa.int32(), nullable=False),
        pa.field("end", pa.int32(), nullable=False),
        pa.field("text", pa.string(), nullable=False),
        pa.field("type", pa.string(), nullable=False),
        pa.field("value", pa.string(), nullable=False),
    ]
)

PROBLEMS = pa.schema(
    [
        pa.field("path", pa.string(), nullable=False),
        pa.field("line", pa.int32()),
        pa.field("reason", pa.string(), nullable=False),
    ]
)

#: The four tables, in the order the document lists them.
TABLES = {"mentions": MENTIONS, "articles": ARTICLES, "timexes": TIMEXES, "problems": PROBLEMS}

#: Articles as the reader gives them, before analysis (`read_articles`): not part of the stored layout.
READ = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("path", pa.string(), nullable=False),
        pa.field("line", pa.int32()),
        pa.field("title", pa.string(), nullable=False),
        pa.field("text", pa.string(), nullable=False),
        pa.field("date_value", pa.string()),
        pa.field("date_field", pa.string()),
    ]
)

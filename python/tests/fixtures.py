"""A folder of articles in every format the reader knows, with files and records it cannot read."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / "assets" / "sample"


def mixed_folder(root: Path) -> Path:
    """Writes the folder under `root` and returns it."""
    folder = root / "mixed"
    shutil.copytree(SAMPLE, folder / "sample")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    (folder / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    (folder / "empty.md").write_bytes(b"")
    lines = [
        {"id": "r1", "title": "Talks", "publishedAt": "2017-01-13", "text": "Envoys met in Astana on Monday."},
        {"url": "https://example.com/doha", "body": ["Ministers met in Doha.", "Then they flew to Geneva."]},
        {"text": "No id here: a strike in Lagos on 3 March 2016.", "date": "2016-03-04"},
        {"title": "No text"},
    ]
    text = "\n".join(json.dumps(line) for line in lines) + "\n{not json\n"
    (folder / "records.jsonl").write_text(text, encoding="utf-8")
    (folder / "table.csv").write_text(
        "headline;content;pubDate\n"
        'Floods;"Floods hit Dhaka and Chittagong on Tuesday.\n\nMore rain in Sylhet.";2019-07-16\n'
        "Empty;;2019-07-17\n",
        encoding="utf-8",
    )
    (folder / "page.html").write_text(
        "<html><head><title>Summit</title><meta property='article:published_time' content='2018-06-12'></head>"
        "<body><nav>Home | World</nav><article><h1>Summit in Singapore</h1><p>Leaders met in Singapore "
        "yesterday, after talks in Panmunjom.</p></article></body></html>",
        encoding="utf-8",
    )
    (folder / "api.json").write_text(
        json.dumps({"status": "ok", "articles": [{"title": "Quake", "content": "A quake shook Kathmandu.",
                                                  "publishedAt": "2015-04-25T08:00:00Z"}]}),
        encoding="utf-8",
    )
    # Spark hands over paths as URIs: a space and a percent sign must come back as the file's own name.
    (folder / "odd name 100%41.txt").write_text("Odd name\n\nA storm reached Manila on 5 May 2021.", encoding="utf-8")
    (folder / "latin1.txt").write_bytes("Réunion à Genève\n\nLes délégués se sont réunis à Genève.".encode("cp1252"))
    return folder

"""Types of the extension module built from python/src (see its lib.rs); the package's functions wrap these."""

from collections.abc import Sequence

#: One column as Arrow buffers: (name, arrow type, length, null count, validity, offsets, values).
_Column = tuple[str, str, int, int, bytes | None, bytes | None, bytes]
#: Tables by name, each a list of columns in the order of docs/stored-analysis.md.
_Tables = dict[str, list[_Column]]

ENGINE_VERSION: str

def extract_json(
    text: str, published: str | None = None, title: str | None = None, id: str | None = None
) -> str: ...
def analyse_records(
    names: Sequence[str],
    columns: Sequence[list[object]],
    paths: Sequence[str | None] | None = None,
    lines: Sequence[int | None] | None = None,
    path: str = "",
    first_line: int = 1,
    root: str | None = None,
    threads: int | None = None,
) -> _Tables: ...
def read_articles(
    paths: Sequence[str], data: Sequence[bytes], root: str | None = None, max_file_bytes: int = ...
) -> _Tables: ...
def analyse_articles(
    read: tuple[
        list[str], list[str], list[int | None], list[str], list[str], list[str | None], list[str | None]
    ],
    problems: tuple[list[str], list[int | None], list[str]],
    threads: int | None = None,
) -> _Tables: ...
def load_gazetteer() -> int: ...

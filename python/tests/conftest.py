"""Fixtures: the repository, the `newsatlas` command line to compare with, and a local Spark session."""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
#: CI checks the repository out with `shared` beside it.
SHARED = REPO.parent / "shared"
SAMPLE = REPO / "assets" / "sample"


def _binary() -> Path:
    """The `newsatlas` command line: $NEWSATLAS_BIN, else a built one in the target folder, else built now
    (the engine alone, debug: enough for a few dozen articles)."""
    if os.environ.get("NEWSATLAS_BIN"):
        return Path(os.environ["NEWSATLAS_BIN"])
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    for profile in ("release", "debug"):
        if (target / profile / "newsatlas").exists():
            return target / profile / "newsatlas"
    if shutil.which("cargo") is None:
        pytest.skip("no newsatlas binary (set NEWSATLAS_BIN) and no cargo to build one")
    subprocess.run(["cargo", "build", "--no-default-features", "--bin", "newsatlas"], cwd=REPO, check=True)
    return target / "debug" / "newsatlas"


@pytest.fixture(scope="session")
def newsatlas_bin() -> Path:
    return _binary()


class Cli:
    """`newsatlas extract` and `newsatlas export` on the same input, for comparison. Each input is run once
    (inputs are not changed during a test run): CI's binary is a debug build, where each run loads the
    gazetteer slowly."""

    def __init__(self, binary: Path):
        self.binary = binary
        self.extract = functools.cache(self._extract)
        self.export_csv = functools.cache(self._export_csv)

    def _extract(self, path: Path) -> tuple[list[dict], list[str]]:
        """The records, and the `skipped ...` lines of standard error."""
        done = subprocess.run(
            [self.binary, "extract", path], capture_output=True, text=True, check=True, cwd=REPO
        )
        records = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
        skipped = [line[len("skipped ") :] for line in done.stderr.splitlines() if line.startswith("skipped ")]
        return records, skipped

    def _export_csv(self, path: Path) -> str:
        done = subprocess.run(
            [self.binary, "export", path, "--format", "csv"], capture_output=True, text=True, check=True, cwd=REPO
        )
        return done.stdout

    def gen_corpus(self, count: int, file: Path, seed: int = 1) -> None:
        subprocess.run(
            [self.binary, "gen-corpus", str(count), file, "--jsonl", "--seed", str(seed)],
            capture_output=True,
            check=True,
        )


@pytest.fixture(scope="session")
def cli(newsatlas_bin: Path) -> Cli:
    return Cli(newsatlas_bin)


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"{SHARED} is not beside the repository")
    return SHARED


def _java_ok() -> bool:
    return shutil.which("java") is not None or bool(os.environ.get("JAVA_HOME"))


@pytest.fixture(scope="session")
def spark():
    """One local Spark session (two cores) for every local-mode test: the JVM starts once."""
    pytest.importorskip("pyspark")
    if not _java_ok():
        pytest.skip("no Java for Spark")
    from newsatlas.spark import session

    spark = session("local[2]", app_name="newsatlas-tests", conf={"spark.ui.enabled": "false"})
    yield spark
    spark.stop()

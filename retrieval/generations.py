"""Files derived from one state of the catalog (BM25 scores, the passage table), saved in a directory named
after the catalog generation they reflect, so a restart loads them instead of recomputing them."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path


def save_generation(directory: Path, write: Callable[[Path], None]) -> None:
    """`write` fills a staging directory that is then renamed to DIRECTORY, so a reader never loads half of
    one; the other generations beside it are removed (a process still using one keeps its open files)."""
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=directory.parent, prefix=".staging-"))
    write(staging)
    shutil.rmtree(directory, ignore_errors=True)
    os.replace(staging, directory)
    for old in directory.parent.iterdir():
        if old != directory and not old.name.startswith(".staging-"):
            shutil.rmtree(old, ignore_errors=True)

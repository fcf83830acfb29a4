"""Uploaded contracts on disk, under names we make: the sender's file name is metadata, never a path.

An upload named `*.txt`, `.hidden.txt`, `../../x.txt` or 300 bytes long is stored as
`upload-<hash of its name>.<type>`, so no name can reach another upload, hide from the next sync or
fail to save. The same name uploaded again (of any type) is the same contract and replaces it.
Writes are write-then-rename: the stored file appears whole, and only after the index took it.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel

from retrieval.loaders import SUPPORTED_SUFFIXES

ID_PREFIX = "upload-"


class UploadRecord(BaseModel):
    """What we keep about an upload beside its content: the name the sender gave it."""

    contract_id: str
    original_name: str
    sha256: str
    uploaded_at: datetime


@dataclass(frozen=True)
class StagedUpload:
    record: UploadRecord
    suffix: str
    partial: Path  # written, not yet visible to a sync

    @property
    def index_name(self) -> str:
        """The name the index knows it by (its stem is the contract id)."""
        return self.record.contract_id + self.suffix


def suffix_of(original_name: str) -> str | None:
    """The supported type the name ends with (lower case), or None."""
    lowered = original_name.lower()
    return next((suffix for suffix in SUPPORTED_SUFFIXES if lowered.endswith(suffix)), None)


def upload_id(original_name: str) -> str:
    """A file-system-safe contract id from the sender's name: only its last component and no type,
    so `合同.docx` re-sent as `合同.pdf` replaces it; the id is a hash, whatever characters the name has."""
    base = re.split(r"[\\/]", original_name)[-1]
    suffix = suffix_of(base) or ""
    stem = unicodedata.normalize("NFC", base[: len(base) - len(suffix)])
    return ID_PREFIX + hashlib.sha256(stem.encode("utf-8", "surrogatepass")).hexdigest()[:16]


class UploadStore:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.records = directory / "meta"  # a subdirectory: a sync reads only the files beside it

    def stage(self, original_name: str, data: bytes) -> StagedUpload:
        """Write the bytes under a hidden temporary name (a sync skips dot-files). Raises ValueError for
        a type we do not read, OSError when the disk refuses."""
        suffix = suffix_of(original_name)
        if suffix is None:
            raise ValueError(f"unsupported type: {original_name!r}")
        record = UploadRecord(
            contract_id=upload_id(original_name),
            original_name=original_name,
            sha256=hashlib.sha256(data).hexdigest(),
            uploaded_at=datetime.now(UTC),
        )
        self.directory.mkdir(parents=True, exist_ok=True)
        partial = self.directory / f".{record.contract_id}.{uuid.uuid4().hex}.partial"
        _write_durably(partial, data)
        return StagedUpload(record, suffix, partial)

    def commit(self, staged: StagedUpload) -> Path:
        """Make the staged file the upload of its contract, replacing any earlier one of another type."""
        target = self.directory / staged.index_name
        os.replace(staged.partial, target)
        for suffix in SUPPORTED_SUFFIXES:  # the known names of earlier versions, never a pattern
            if suffix != staged.suffix:
                (self.directory / f"{staged.record.contract_id}{suffix}").unlink(missing_ok=True)
        self.records.mkdir(exist_ok=True)
        record = self.records / f"{staged.record.contract_id}.json"
        _write_durably(record.with_suffix(".partial"), staged.record.model_dump_json().encode())
        os.replace(record.with_suffix(".partial"), record)
        return target

    def discard(self, staged: StagedUpload) -> None:
        staged.partial.unlink(missing_ok=True)


def _write_durably(path: Path, data: bytes) -> None:
    with path.open("wb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())

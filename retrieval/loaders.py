"""Read a contract file (.txt, .docx, .pdf) into raw text, refusing broken or hostile files by name."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf")
# A .docx is a zip: refuse archives that inflate past this or compress suspiciously well (zip bombs).
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
_MAX_COMPRESSION_RATIO = 100
_INFLATE_CHUNK = 1024 * 1024
_ZIP_BOMB = "文件解压后体积异常（疑似压缩炸弹），已拒绝"


class UnreadableContract(ValueError):
    """The file cannot be ingested; the message says why, in Chinese, for the user."""


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) first, then GB18030, the superset of GBK that Chinese Windows writes."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableContract("无法识别文本编码（既不是 UTF-8 也不是 GB18030）")


def bounded_unzip(data: bytes, limit: int = MAX_UNZIPPED_BYTES) -> bytes:
    """The archive re-packed from members inflated under a hard byte limit, counted as they come out.

    The sizes in a zip's directory are whatever the sender wrote, and zipfile's read() of a member
    inflates all of it at once before comparing: a 1 MB file claiming 40 KB can inflate to 1 GB there.
    Here each member is read in chunks (zipfile inflates at most one chunk per read), the real bytes are
    counted, and only verified members reach the caller, stored uncompressed, so whatever opens the
    result (python-docx) cannot inflate more than was counted.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
        if sum(info.file_size for info in infos) > limit:  # an honest bomb: refused before any work
            raise UnreadableContract(_ZIP_BOMB)
        members: list[tuple[str, bytes]] = []
        total = 0
        for info in infos:
            # bzip2/lzma members inflate a whole read at once, unbounded; Word writes only these two
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise UnreadableContract("文件已损坏：不是有效的 .docx（使用了不支持的压缩方式）")
            chunks = []
            with archive.open(info) as member:
                while chunk := member.read(_INFLATE_CHUNK):
                    total += len(chunk)
                    if total > limit or total > _MAX_COMPRESSION_RATIO * len(data):
                        raise UnreadableContract(_ZIP_BOMB)
                    chunks.append(chunk)
            members.append((info.filename, b"".join(chunks)))
    except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError, ValueError) as error:
        if isinstance(error, UnreadableContract):
            raise
        raise UnreadableContract("文件已损坏：不是有效的 .docx（zip 结构无法读取）") from error
    repacked = io.BytesIO()
    with zipfile.ZipFile(repacked, "w", zipfile.ZIP_STORED) as verified:
        for name, content in members:
            verified.writestr(name, content)
    return repacked.getvalue()


def _docx_text(data: bytes) -> str:
    import docx  # python-docx is only needed for .docx uploads

    verified = bounded_unzip(data)
    if "word/document.xml" not in zipfile.ZipFile(io.BytesIO(verified)).namelist():
        raise UnreadableContract("文件不是 Word 文档：缺少 word/document.xml")
    try:
        document = docx.Document(io.BytesIO(verified))
    except Exception as error:  # python-docx raises many types on malformed XML
        raise UnreadableContract(f"Word 文档无法解析：{type(error).__name__}") from error
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += ["\t".join(cell.text for cell in row.cells) for row in table.rows]
    return "\n".join(lines)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    if not data.startswith(b"%PDF"):
        raise UnreadableContract("文件不是 PDF：缺少 %PDF 文件头")
    try:
        reader = PdfReader(io.BytesIO(data))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError) as error:
        raise UnreadableContract(f"PDF 已损坏或加密，无法提取文字：{type(error).__name__}") from error


def read_contract(name: str, data: bytes) -> str:
    """Raw text of a contract file given its name (for the type) and bytes."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnreadableContract(f"不支持的文件类型 {suffix or '（无扩展名）'}：只接受 .txt、.docx、.pdf")
    if not data.strip():
        raise UnreadableContract("文件是空的")
    if suffix == ".txt":
        text = decode_text(data)
    elif suffix == ".docx":
        text = _docx_text(data)
    else:
        text = _pdf_text(data)
    if len(text.strip()) < 20:
        raise UnreadableContract("文件中几乎没有可读文字（扫描件需先做文字识别）")
    return text

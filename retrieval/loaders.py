"""Read a contract file (.txt, .docx, .pdf) into raw text, refusing broken or hostile files by name."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf")
# A .docx is a zip: refuse archives that would inflate past this or compress suspiciously well (zip bombs).
_MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
_MAX_COMPRESSION_RATIO = 100


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


def _check_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise UnreadableContract("文件已损坏：不是有效的 .docx（zip 结构无法读取）") from error
    infos = archive.infolist()
    unzipped = sum(info.file_size for info in infos)
    zipped = sum(info.compress_size for info in infos) or 1
    if unzipped > _MAX_UNZIPPED_BYTES or unzipped / zipped > _MAX_COMPRESSION_RATIO:
        raise UnreadableContract("文件解压后体积异常（疑似压缩炸弹），已拒绝")
    if "word/document.xml" not in {info.filename for info in infos}:
        raise UnreadableContract("文件不是 Word 文档：缺少 word/document.xml")


def _docx_text(data: bytes) -> str:
    import docx  # python-docx is only needed for .docx uploads

    _check_zip(data)
    try:
        document = docx.Document(io.BytesIO(data))
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

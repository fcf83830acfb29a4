"""Read a contract file (.txt, .docx, .pdf, a web page saved as .html, or a page photo .jpg/.png) into raw text, refusing broken or
hostile files by name.

What the text carries beyond the words: a .docx's automatic list numbers are written out and its tables are
Markdown pipe rows (retrieval/docx_text.py); PDF pages are separated by a form feed (\\f), so passages can
cite their page. Pages without a text layer (scans) and photos go through OCR (retrieval/ocr.py).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from retrieval.html_text import html_text
from retrieval.ocr import Progress, UnreadableImage

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")
HTML_SUFFIXES = (".html", ".htm")
SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf", *HTML_SUFFIXES, *IMAGE_SUFFIXES)
PAGE_BREAK = "\f"
# Pages are joined with the form feed on a line of its own: a line-based normaliser sees a page boundary,
# never a heading glued to the previous page's last line.
_PAGE_SEPARATOR = f"\n{PAGE_BREAK}\n"
# A page whose text layer has fewer characters than this is a scan (perhaps with a stamped page number).
_MIN_PAGE_CHARS = 20
# A .docx is a zip: refuse archives that inflate past this or compress suspiciously well (zip bombs).
# Pictures do not compress, so a docx under the 10 MiB upload limit inflates to little more than its XML;
# 32 MiB of XML is far beyond any contract (and the characters bound in parsing.py) and keeps python-docx's
# tree of it under ~200 MB (bench/hostile_inputs.py).
MAX_UNZIPPED_BYTES = 32 * 1024 * 1024
_MAX_COMPRESSION_RATIO = 100
_INFLATE_CHUNK = 1024 * 1024
_ZIP_BOMB = f"文件解压后超过 {MAX_UNZIPPED_BYTES // 2**20} MB 或压缩比异常（疑似压缩炸弹），已拒绝"


class UnreadableContract(ValueError):
    """The file cannot be ingested; the message says why, in Chinese, for the user."""


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM); UTF-16 or UTF-32 (Windows Notepad's "Unicode") by its BOM, or UTF-16 by the
    NUL bytes it holds; else GB18030 (the superset of GBK that Chinese Windows writes) or Big5 (Taiwan and Hong
    Kong). Where the bytes read in two ways, the reading made of common characters wins. A text of ASCII but for a
    few bytes neither reads is Windows-1252 (Western Windows' 'ANSI')."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _best_reading(data, [encoding])
    if b"\0" in data and not _utf8_with_stray_nuls(data):  # UTF-16 holds NULs, in ASCII and in 一 (U+4E00)
        return _best_reading(data, ["utf-16-le", "utf-16-be"])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        chinese = _best_reading(data, ["gb18030", "big5"])
    except UnreadableContract:
        if not _mostly_ascii(data):
            raise
        chinese = ""  # no Chinese encoding reads a lone high byte before a space or a full stop ('€ ', '”.')
    if chinese and not (_mostly_ascii(data) and not any(_is_common(c) for c in chinese)):
        return chinese
    # An English text saved by Windows as 'ANSI': its few high bytes ('’', '€', 'é') before a letter read in GBK
    # as rare characters only ('Supplier’s' → 'Supplier抯'), never as one of the common ones a Chinese text holds.
    return _best_reading(data, ["cp1252", "latin-1"])


# The share of ASCII bytes above which bytes no Chinese encoding reads are a Western text's few accents and quotes.
_WESTERN_ASCII_SHARE = 0.9


def _mostly_ascii(data: bytes) -> bool:
    return sum(byte < 0x80 for byte in data) >= _WESTERN_ASCII_SHARE * len(data)


# UTF-16 holds a NUL in every ASCII character (newlines, digits, punctuation) and, once it holds Chinese, never
# decodes as UTF-8; a UTF-8 export with a stray NUL or two (a database field's terminator) does, and holds almost none.
_STRAY_NUL_SHARE = 0.01


def _utf8_with_stray_nuls(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return data.count(b"\0") <= _STRAY_NUL_SHARE * len(data)


# Longest first: UTF-32-LE's BOM starts with UTF-16-LE's.
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xef\xbb\xbf", "utf-8-sig"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def _best_reading(data: bytes, encodings: list[str]) -> str:
    readings = []
    for encoding in encodings:
        try:
            readings.append(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    if not readings:
        raise UnreadableContract("无法识别文本编码（不是 UTF-8、UTF-16、GB18030 或 Big5）")
    return max(readings, key=_plain_share)  # the first on a tie


def _plain_share(text: str) -> float:
    """The share of a reading made of ASCII, CJK punctuation and common Chinese characters: those in GB2312's first
    level (its 3,755 most used) or Big5's frequently used block (5,401). Bytes read in the wrong encoding come out
    as rare characters. Hand-written: charset-normalizer, asked to choose between GB18030 and Big5, named neither
    or the wrong one for 24 of 312 samples of the corpora (their texts encoded both ways)."""
    sample = text[:_SAMPLE_CHARS]
    plain = sum(c.isascii() or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef" or _is_common(c) for c in sample)
    return plain / len(sample) if sample else 0.0


_SAMPLE_CHARS = 20_000  # plenty to tell readings apart; a whole 200,000-character file would take a second


def _is_common(character: str) -> bool:
    if not "\u4e00" <= character <= "\u9fff":
        return False
    for encoding, low, high in (("gb2312", b"\xb0\xa1", b"\xd7\xf9"), ("big5", b"\xa4\x40", b"\xc6\x7e")):
        try:
            if low <= character.encode(encoding) <= high:
                return True
        except UnicodeEncodeError:
            continue
    return False


def bounded_unzip(data: bytes, limit: int = MAX_UNZIPPED_BYTES) -> bytes:
    """The archive re-packed from members inflated under a hard byte limit, counted as they come out.

    The sizes in a zip's directory are whatever the sender wrote, and zipfile's read() of a member
    inflates all of it at once before comparing: a 1 MB file claiming 40 KB can inflate to 1 GB there.
    Here each member is read in chunks (zipfile inflates at most one chunk per read), the real bytes are
    counted and copied as they come (never a whole member twice in memory), and only verified members
    reach the caller, stored uncompressed, so whatever opens the result (python-docx) cannot inflate
    more than was counted.
    """
    repacked = io.BytesIO()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
        if sum(info.file_size for info in infos) > limit:  # an honest bomb: refused before any work
            raise UnreadableContract(_ZIP_BOMB)
        total = 0
        with zipfile.ZipFile(repacked, "w", zipfile.ZIP_STORED) as verified:
            for info in infos:
                # bzip2/lzma members inflate a whole read at once, unbounded; Word writes only these two
                if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                    raise UnreadableContract("文件已损坏：不是有效的 .docx（使用了不支持的压缩方式）")
                with archive.open(info) as member, verified.open(info.filename, "w") as copy:
                    while chunk := member.read(_INFLATE_CHUNK):
                        total += len(chunk)
                        if total > limit or total > _MAX_COMPRESSION_RATIO * len(data):
                            raise UnreadableContract(_ZIP_BOMB)
                        copy.write(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError, ValueError) as error:
        if isinstance(error, UnreadableContract):
            raise
        raise UnreadableContract("文件已损坏：不是有效的 .docx（zip 结构无法读取）") from error
    return repacked.getvalue()


def _docx_text(data: bytes) -> str:
    import docx  # python-docx is only needed for .docx uploads

    from retrieval.docx_text import DocxReader

    verified = bounded_unzip(data)
    if "word/document.xml" not in zipfile.ZipFile(io.BytesIO(verified)).namelist():
        raise UnreadableContract("文件不是 Word 文档：缺少 word/document.xml")
    try:
        return DocxReader(docx.Document(io.BytesIO(verified))).text()
    except Exception as error:  # python-docx and lxml raise many types on malformed XML
        raise UnreadableContract(f"Word 文档无法解析：{type(error).__name__}") from error


def _page_images(page) -> list:
    """The images drawn on a PDF page, sizes checked before any pixel is decoded."""
    from retrieval.ocr import check_size

    resources = page.get("/Resources") or {}
    xobjects = resources.get("/XObject") or {}
    for name in xobjects:
        xobject = xobjects[name].get_object()
        if xobject.get("/Subtype") == "/Image":
            check_size(int(xobject.get("/Width", 0)), int(xobject.get("/Height", 0)))
    return [image.image for image in page.images]


def _layout_read(page) -> str:
    """The page's text layer, read with its layout (retrieval/pdf_layout.py): a two-column page column by column, a
    table's cells set apart by tabs. The layout is a second reading: when it cannot be read, the text as it comes."""
    from retrieval.pdf_layout import table_rows, two_column_text

    text = page.extract_text() or ""
    try:
        layout = page.extract_text(extraction_mode="layout") or ""
    except Exception:  # pypdf's layout mode raises more kinds than its plain reading on odd fonts
        return text
    columns = two_column_text(layout)
    if columns is not None:
        return columns
    rows = table_rows(layout)
    return "\n".join(rows.get(line.strip(), line) for line in text.split("\n")) if rows else text


def _pdf_text(data: bytes, progress: Progress | None) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    from retrieval.ocr import image_text

    if not data.startswith(b"%PDF"):
        raise UnreadableContract("文件不是 PDF：缺少 %PDF 文件头")
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [_layout_read(page) for page in reader.pages]
        scanned = [i for i, text in enumerate(pages) if len("".join(text.split())) < _MIN_PAGE_CHARS]
        if scanned and progress:
            progress(0, len(scanned))
        for done, i in enumerate(scanned, 1):
            images = _page_images(reader.pages[i])
            if images:
                pages[i] = "\n".join(image_text(image) for image in images)
            if progress:
                progress(done, len(scanned))
    except UnreadableImage as error:
        raise UnreadableContract(str(error)) from error
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        raise UnreadableContract(f"PDF 已损坏或加密，无法提取文字：{type(error).__name__}") from error
    return _PAGE_SEPARATOR.join(pages)


def _photo_text(data: bytes, progress: Progress | None) -> str:
    from retrieval.ocr import image_text, open_image

    try:
        image = open_image(data)
    except UnreadableImage as error:
        raise UnreadableContract(str(error)) from error
    if progress:
        progress(0, 1)
    text = image_text(image)
    if progress:
        progress(1, 1)
    return text


# Word processors' other formats: saved again as .docx, the same file reads with its numbering and tables.
_SAVE_AS_DOCX = (".doc", ".rtf", ".wps", ".odt", ".pages")


def unsupported_type(name: str) -> str:
    """Why a file of NAME's type is refused, in Chinese for the user, and what to send instead."""
    suffix = Path(name).suffix.lower()
    reason = f"不支持的文件类型 {suffix or '（无扩展名）'}：只接受 .txt、.docx、.pdf、网页 .html 或页面照片 .jpg、.png"
    return f"{reason}；请在 Word 或 WPS 中把文件另存为 .docx 后再发送" if suffix in _SAVE_AS_DOCX else reason


def read_contract(name: str, data: bytes, progress: Progress | None = None) -> str:
    """Raw text of a contract file given its name (for the type) and bytes. OCR (scanned PDF pages, photos)
    takes seconds a page: `progress` hears (pages done, pages to read) after each one."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnreadableContract(unsupported_type(name))
    if not data.strip():
        raise UnreadableContract("文件是空的")
    if suffix == ".txt":
        text = decode_text(data)
    elif suffix in HTML_SUFFIXES:
        text = html_text(decode_text(data))
    elif suffix == ".docx":
        text = _docx_text(data)
    elif suffix == ".pdf":
        text = _pdf_text(data, progress)
    else:
        text = _photo_text(data, progress)
    if len(text.strip()) < 20:
        raise UnreadableContract("文件中几乎没有可读文字（文字识别也没有读出内容）")
    return text

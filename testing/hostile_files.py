"""Hostile uploads, made on the spot: zip bombs that lie about their sizes, oversized text, odd names.

Used by tests/reliability and by bench/hostile_inputs.py (peak memory and time of each).
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib

import docx

# Names an upload may carry: globs, dot-files, paths, 300 bytes, NUL and right-to-left marks.
ODD_NAMES = [
    "*.txt",
    "?.txt",
    "[a-z]*.txt",
    ".hidden.txt",
    "../../x.txt",
    "..\\..\\windows.txt",
    "/etc/passwd.txt",
    "合同" * 50 + ".txt",  # 300 bytes of UTF-8
    "nul\x00byte.txt",
    "rtl\u202etxt.exe.txt",
    " .txt",
    "CON.txt",
]

_ONE_MB = 1024 * 1024


def contract_text(title: str, *clauses: str) -> str:
    """A small contract the segmenter reads as articles with clauses."""
    lines = [title, "第一条 服务内容"]
    lines += [f"1.{n} {text}" for n, text in enumerate(clauses, 1)]
    return "\n".join(lines) + "\n"


def docx_bytes(*paragraphs: str) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def lying_zip_bomb(inflated_bytes: int, claimed_bytes: int = 40_000) -> bytes:
    """A .docx whose word/document.xml inflates to `inflated_bytes` while its local header and the
    central directory both claim `claimed_bytes`. Built by hand: zipfile writes honest sizes."""
    template = zipfile.ZipFile(io.BytesIO(docx_bytes("诱饵")))
    members = [
        (info.filename, _deflate_chunks([template.read(info.filename)]), len(template.read(info.filename)))
        for info in template.infolist()
        if info.filename != "word/document.xml"
    ]
    zeros = (b"\0" * _ONE_MB for _ in range(inflated_bytes // _ONE_MB))
    members.append(("word/document.xml", _deflate_chunks(zeros), claimed_bytes))
    return _zip_archive(members)


def xml_heavy_docx(xml_bytes: int) -> bytes:
    """A real .docx whose document.xml is about `xml_bytes` long and compresses about tenfold (text from
    a small alphabet): a big document under the upload limit, not a bomb. The body is written as XML
    directly (python-docx appends paragraphs in quadratic time)."""
    rng = random.Random(0)
    alphabet = "甲乙合同"
    paragraphs, size = [], 0
    while size < xml_bytes:
        paragraph = f"<w:p><w:r><w:t>{''.join(rng.choices(alphabet, k=200))}</w:t></w:r></w:p>"
        paragraphs.append(paragraph)
        size += len(paragraph.encode())
    template = zipfile.ZipFile(io.BytesIO(docx_bytes("模板")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in template.infolist():
            content = template.read(info.filename)
            if info.filename == "word/document.xml":
                head, body, tail = content.decode().partition("<w:body>")
                content = (head + body + "".join(paragraphs) + tail).encode()
            archive.writestr(info.filename, content)
    return out.getvalue()


def many_articles(count: int) -> bytes:
    """A .txt of `count` one-clause articles: one passage each."""
    articles = "".join(f"第{n}条 报告义务\n{n}.1 乙方应于每月第{n}日前按时提交第{n}号服务报告。\n" for n in range(1, count + 1))
    return ("多条款服务合同\n" + articles).encode()


def oversized_text(characters: int) -> bytes:
    """A contract-shaped .txt of about `characters` characters: many articles of ordinary clauses."""
    article = contract_text("服务合同", "乙方应按甲方要求提供外呼服务，并按月提交服务报告。" * 2)
    return (article * (characters // len(article) + 1))[:characters].encode()


def many_lines(shape: str, count: int) -> str:
    """COUNT lines of one SHAPE: the texts on which joining wrapped lines and reading the outline once went
    quadratic (each line asked something of everything read before it). A fill-in line is one line of COUNT
    underscores with no page number after them, which a table of contents' entry pattern once tried at each one."""
    return {
        "one character": lambda: "\n".join("甲" for _ in range(count)),
        "two characters": lambda: "\n".join("甲乙" for _ in range(count)),
        "one English word": lambda: "\n".join("word" for _ in range(count)),
        "an unclosed bracket, then words": lambda: "[\n" + "\n".join("ab" for _ in range(count)),
        "sentences": lambda: "\n".join("甲方应付款。" for _ in range(count)),
        "numbered articles": lambda: "\n".join(f"第{n}条 甲方应付款。" for n in range(1, count + 1)),
        "table rows": lambda: "\n".join(f"|甲{n}|乙|" for n in range(count)),
        "pages": lambda: "\f".join(f"甲方{n}。\n第{n}页" for n in range(count)),
        "a fill-in line": lambda: "签字：" + "_" * count + "日",
    }[shape]()


LINE_SHAPES = (
    "one character", "two characters", "one English word", "an unclosed bracket, then words", "sentences",
    "numbered articles", "table rows", "pages", "a fill-in line",
)


def _deflate_chunks(chunks) -> tuple[bytes, int]:
    """(raw deflate stream, CRC-32 of the input), fed chunk by chunk so a gigabyte never sits in memory."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    out, crc = [], 0
    for chunk in chunks:
        crc = zlib.crc32(chunk, crc)
        out.append(compressor.compress(chunk))
    out.append(compressor.flush())
    return b"".join(out), crc


def _zip_archive(members: list[tuple[str, tuple[bytes, int], int]]) -> bytes:
    """Local headers, data and a central directory, with each member's size as given (true or not)."""
    body, directory = io.BytesIO(), io.BytesIO()
    for name, (data, crc), size in members:
        encoded = name.encode()
        offset = body.tell()
        fields = (20, 0, zipfile.ZIP_DEFLATED, 0, 0x21, crc, len(data), size, len(encoded))
        body.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + encoded + data)
        directory.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, *fields, 0, 0, 0, 0, 0, offset) + encoded)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), directory.tell(), body.tell(), 0)
    return body.getvalue() + directory.getvalue() + end

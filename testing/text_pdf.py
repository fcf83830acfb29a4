"""PDFs with a real text layer, CJK included, written by hand for tests and benchmarks.

No installed package writes PDFs (pypdf edits and merges them but cannot lay out text), so the file is built
directly: a Type0 font in Identity-H encoding whose ToUnicode map turns each 2-byte code back into its character,
which is what makes the text layer readable to pypdf, as a word processor's export is.
"""

from __future__ import annotations

import io

_FONT = (
    (
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H "
        b"/DescendantFonts [4 0 R] /ToUnicode 5 0 R >>"
    ),
    (
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>"
    ),
)


def text_pdf(pages: list[list[str]], furniture: bool = False) -> bytes:
    """A PDF of one page per item of PAGES, each line of a page on a line of its own. With FURNITURE, a page's
    first line is set as a running header at the top and its last as a footer at the bottom, apart from the body."""
    chars = sorted({ch for page in pages for line in page for ch in line})
    code = {ch: i + 1 for i, ch in enumerate(chars)}
    return _pdf([_page_content(page, code, furniture) for page in pages], chars, code)


def placed_pdf(pages: list[list[list[tuple[int, str]]]]) -> bytes:
    """A PDF whose pages are rows of text pieces, each piece placed at its x (points from the left), a row every 16
    points down the page, written row by row as a word processor writes a table's cells or two columns side by
    side: a text layer read in stream order runs the pieces of a row together."""
    chars = sorted({ch for page in pages for row in page for _, text in row for ch in text})
    code = {ch: i + 1 for i, ch in enumerate(chars)}
    contents = []
    for page in pages:
        content = ["BT", "/F1 11 Tf"]
        for number, row in enumerate(page):
            for x, text in row:
                content += [f"1 0 0 1 {x} {800 - 16 * number} Tm", _hex(text, code) + " Tj"]
        contents.append([*content, "ET"])
    return _pdf(contents, chars, code)


def two_column_pdf(pages: list[tuple[list[str], list[str]]], column_width: int = 250) -> bytes:
    """A PDF of pages set in two columns, each page a (left column, right column) pair of lines, written row by row
    (the left line, then the right line beside it)."""
    right_at = 50 + column_width + 20
    rows = [
        [[(x, column[k]) for x, column in ((50, left), (right_at, right)) if k < len(column)] for k in range(max(len(left), len(right)))]
        for left, right in pages
    ]
    return placed_pdf(rows)


def _pdf(pages: list[list[str]], chars: list[str], code: dict[str, int]) -> bytes:
    """The file: one page per content stream of PAGES, the font mapping each code in CODE back to its character."""
    mapping = "\n".join(f"<{code[ch]:04X}> <{ord(ch):04X}>" for ch in chars)
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{len(chars)} beginbfchar\n{mapping}\nendbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode()
    first_page = 5  # objects 1–4: catalog, pages, font, descendant font; then the cmap, then page + content pairs
    kids = " ".join(f"{first_page + 1 + 2 * i} 0 R" for i in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        *_FONT,
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
    ]
    for n, page in enumerate(pages):
        stream = "\n".join(page).encode()
        content = first_page + 2 + 2 * n
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {content} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    return _serialised(objects)


def _page_content(page: list[str], code: dict[str, int], furniture: bool) -> list[str]:
    if not furniture:
        return ["BT", "/F1 12 Tf", "14 TL", "50 800 Td", *(_hex(line, code) + " Tj T*" for line in page), "ET"]
    lines = ["BT", "/F1 10 Tf", "/F1 10 Tf 1 0 0 1 240 805 Tm", _hex(page[0], code) + " Tj"]  # header, centred
    lines += ["1 0 0 1 60 770 Tm", "27 TL"]
    lines += [_hex(line, code) + " Tj T*" for line in page[1:-1]]
    lines += ["1 0 0 1 250 40 Tm", _hex(page[-1], code) + " Tj", "ET"]  # footer
    return lines


def _serialised(objects: list[bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _hex(line: str, code: dict[str, int]) -> str:
    return "<" + "".join(f"{code[ch]:04X}" for ch in line) + ">"

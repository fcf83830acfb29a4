""".docx paragraphs whose words sit outside plain runs: a tracked change (w:ins / w:del, w:moveTo / w:moveFrom), an
inline content control (w:sdt, a template's fill-in field), a simple field (w:fldSimple) and a smart tag. What the
parties signed is the text with every change accepted: inserted words in, deleted words out, a control's and a
field's shown value in. A text box (written twice by Word: a shape and its fallback) is read once, after the paragraph it
is anchored in. The paragraphs are made here as Word writes them (made-up wording)."""

from __future__ import annotations

import io

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from retrieval.loaders import read_contract

_W = nsdecls("w")


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _deleted(text: str) -> str:
    return f'<w:del w:id="1" w:author="A"><w:r><w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>'


def _docx(*paragraph_bodies: str) -> bytes:
    document = docx.Document()
    for body in paragraph_bodies:
        document.element.body.append(parse_xml(f"<w:p {_W}>{body}</w:p>"))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _lines(data: bytes) -> list[str]:
    return [line for line in read_contract("made_up.docx", data).split("\n") if line]


def test_a_tracked_change_reads_as_accepted():
    data = _docx(
        _run("The buyer pays within ")
        + _deleted("thirty")
        + f'<w:ins w:id="2" w:author="A">{_run("forty-five")}</w:ins>'
        + _run(" days of delivery.")
    )
    assert _lines(data) == ["The buyer pays within forty-five days of delivery."]


def test_a_moved_sentence_is_read_once_where_it_now_stands():
    data = _docx(
        f'<w:moveFrom w:id="3" w:author="A">{_run("押金不计利息。")}</w:moveFrom>' + _run("租期为两年。"),
        _run("押金为两个月租金。") + f'<w:moveTo w:id="4" w:author="A">{_run("押金不计利息。")}</w:moveTo>',
    )
    assert _lines(data) == ["租期为两年。", "押金为两个月租金。押金不计利息。"]


def test_content_controls_fields_and_smart_tags_show_their_values():
    control = f"<w:sdt><w:sdtPr><w:alias w:val='amount'/></w:sdtPr><w:sdtContent>{_run('人民币八千元')}</w:sdtContent></w:sdt>"
    field = f'<w:fldSimple w:instr=" DOCPROPERTY Lessee ">{_run("某某仓储有限公司")}</w:fldSimple>'
    tag = f'<w:smartTag w:uri="urn:x" w:element="place">{_run("华东仓库")}</w:smartTag>'
    data = _docx(_run("月租金为") + control + _run("，承租方为") + field + _run("，地点为") + tag + _run("。"))
    assert _lines(data) == ["月租金为人民币八千元，承租方为某某仓储有限公司，地点为华东仓库。"]


_SHAPES = (
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml"'
)


def _text_box(text: str) -> str:
    """A text box as Word writes it: a DrawingML shape and its VML fallback, each holding the box's paragraphs."""
    content = f"<w:txbxContent><w:p>{_run(text)}</w:p></w:txbxContent>"
    return (
        f"<w:r><mc:AlternateContent {_SHAPES}><mc:Choice Requires='wps'><w:drawing><wps:wsp><wps:txbx>{content}"
        f"</wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{content}"
        "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


def test_a_text_box_is_read_once_after_the_paragraph_it_is_anchored_in():
    data = _docx(_run("运输方式如下：") + _text_box("运费由供方承担，保险费由需方承担。"), _run("验收在到货后五日内完成。"))
    assert _lines(data) == ["运输方式如下：", "运费由供方承担，保险费由需方承担。", "验收在到货后五日内完成。"]


def test_a_text_box_in_a_table_cell_is_read_once():
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "运费及其承担方式"
    cell = table.cell(0, 1)._tc
    cell.remove(cell.find(f"{{{cell.nsmap['w']}}}p"))
    cell.append(parse_xml(f"<w:p {_W}>{_text_box('由供方承担，按实际里程计算')}</w:p>"))
    out = io.BytesIO()
    document.save(out)
    assert _lines(out.getvalue()) == ["| 运费及其承担方式 | 由供方承担，按实际里程计算 |"]

"""Splitting and escaping: whatever the core says, every message is valid HTML under the limit."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from bot.models import Intent, NoticeInfo, Reply
from bot.telegram.formatting import Paragraph, notice_caption, paragraphs, reply_paragraphs, split_messages

TEXT = st.text(alphabet=st.sampled_from("合同条款<>&\"'。，；\n a"), max_size=3000)


class TagChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open.pop() == tag

    def handle_data(self, data):
        self.text += data


@given(st.lists(st.tuples(TEXT, st.sampled_from([None, "b", "blockquote"])), max_size=6), st.integers(40, 4096))
def test_split_keeps_every_character_inside_balanced_tags_under_the_limit(parts, limit):
    paragraphs_in = [Paragraph(text, tag) for text, tag in parts if text.strip("\n")]
    kept = ""
    for message in split_messages(paragraphs_in, limit):
        assert len(message) <= limit
        checker = TagChecker()
        checker.feed(message)
        checker.close()
        assert not checker.open
        kept += checker.text
    assert _letters(kept) == _letters("".join(p.text for p in paragraphs_in))


def test_split_prefers_paragraph_boundaries():
    text = "\n\n".join(f"第{n}段。" + "内容" * 300 for n in range(10))
    messages = split_messages(paragraphs(text), 4096)
    assert [m.count("段。") for m in messages] == [6, 4]  # six 604-character paragraphs fit in 4,096
    assert all(m.startswith("第") and m.endswith("内容") for m in messages)


def test_reply_is_escaped():
    [message] = split_messages(reply_paragraphs(Reply(intent=Intent.CLAUSE, text="《外呼<协议>》\n\na < b & c")))
    assert message == "《外呼&lt;协议&gt;》\n\na &lt; b &amp; c"


def test_notice_shows_file_name_not_server_path_and_every_warning():
    notice = NoticeInfo(type="early_termination", docx_path="/srv/data/notices/n1.docx", warnings=["2031年无日历数据"])
    reply = Reply(intent=Intent.NOTICE, text="正文\n\nWord 文件：/srv/data/notices/n1.docx", notice=notice)
    assert split_messages(reply_paragraphs(reply)) == ["正文\n\nWord 文件：n1.docx\n\n<b>⚠️ 2031年无日历数据</b>"]


def test_notice_caption_names_type_and_dates():
    notice = NoticeInfo(type="early_termination", delivery_date="2026-09-30", effective_date="2026-10-30")
    caption = notice_caption(notice, "提前终止通知书")
    assert caption == "提前终止通知书（草稿）\n视为送达：2026-09-30\n最早生效：2026-10-30"


def _letters(text: str) -> str:
    return "".join(text.split())

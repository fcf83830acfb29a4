"""The notice drafter end to end on a fake index: one-shot drafts, the chat, corrections, cancel."""

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from bot.intents import Lexicon
from bot.models import Intent, PenaltyInfo, Session
from bot.notices.docx import docx_text
from bot.notices.drafting import NoticeDrafter, _without_notice_names
from notice_fakes import CRM, OUTBOUND, FakeIndex, clause
from retrieval.models import ContractMetadata, Party
from retrieval.normalize import to_simplified

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = ROOT / "knowledge"
TODAY = date(2026, 9, 20)
LEXICON = Lexicon.load(KNOWLEDGE / "lexicon" / "intents.yaml")
# Sent on a Monday: delivered on the third working day (Thursday); thirty days on is a Saturday, so the
# termination takes effect on the next working day.
COMPLETE = "麻烦起草一份外呼服务协议提前终止的通知：我方（甲方）佛山明川信息技术有限公司，对方（乙方）东莞启辰电话营销有限公司，2026年9月21日发出"


@pytest.fixture
def drafter(tmp_path: Path) -> NoticeDrafter:
    return NoticeDrafter(FakeIndex(), tmp_path, KNOWLEDGE)


def one_shot(drafter: NoticeDrafter, message: str):
    return drafter.handle(message, Session(interactive=False, user="tester"), TODAY)


def test_one_shot_early_termination_has_dates_clause_and_docx(drafter: NoticeDrafter) -> None:
    reply = one_shot(drafter, COMPLETE)
    notice = reply.notice
    assert reply.intent == Intent.NOTICE
    assert (notice.type, notice.contract_id) == ("early_termination", OUTBOUND)
    assert (notice.sent_date, notice.delivery_date, notice.effective_date) == ("2026-09-21", "2026-09-24", "2026-10-26")
    assert notice.missing_fields == [] and notice.warnings == []
    text = docx_text(notice.docx_path)
    for expected in ("提前终止通知书", "佛山明川信息技术有限公司", "东莞启辰电话营销有限公司", "8.3.1.1", "9.4.2", "应提前三十日书面通知对方"):
        assert expected in text
    assert [c.clause for c in reply.citations] == ["第八条 8.3.1.1", "第九条 9.4.2"]


def test_the_cited_clause_comes_from_retrieval_not_the_template(tmp_path: Path) -> None:
    reworded = FakeIndex()
    reworded._clauses[0] = reworded._clauses[0].model_copy(update={"text": "任何一方提前终止合同的,应提前六十日书面通知对方。"})
    reply = one_shot(NoticeDrafter(reworded, tmp_path, KNOWLEDGE), COMPLETE)
    assert "提前六十日" in docx_text(reply.notice.docx_path)
    assert reply.notice.effective_date == "2026-11-23"  # 9-24 + 60 days, a Monday


def test_what_the_message_does_not_say_becomes_a_visible_placeholder(drafter: NoticeDrafter) -> None:
    reply = one_shot(drafter, "外呼服务协议要提前终止，写个通知，我方是甲方佛山明川信息技术有限公司，9月28日寄出")
    assert reply.notice.missing_fields == ["recipient"]
    assert "【待填写：对方名称】" in docx_text(reply.notice.docx_path)


def test_without_a_contract_nothing_is_cited_or_invented(drafter: NoticeDrafter) -> None:
    reply = one_shot(drafter, "帮我写一封催款函，我方（乙方）杭州拱墅客服有限公司，对方（甲方）台州椒江贸易有限公司，欠技术服务费37500元，2026年11月3日寄出")
    notice = reply.notice
    assert notice.contract_id is None and {"contract", "basis"} <= set(notice.missing_fields)
    assert any("未约定通知的送达规则" in w for w in notice.warnings)  # the delivery assumption is stated
    text = docx_text(notice.docx_path)
    assert "37,500.00 元（大写：人民币叁万柒仟伍佰元整）" in text and "【待填写：合同名称】" in text


def test_a_contract_without_a_delivery_rule_states_the_assumption(drafter: NoticeDrafter) -> None:
    reply = one_shot(drafter, "起草客户关系管理外包服务合同的催款函，我方（乙方）某某科技有限公司，对方拖欠服务费3万元，2026年9月25日发出")
    assert reply.notice.contract_id == CRM
    assert reply.notice.delivery_date == "2026-09-30"  # the default: third working day
    assert any("假定" in w for w in reply.notice.warnings)
    assert "3.3" in docx_text(reply.notice.docx_path)


def test_parties_given_only_by_role_make_the_first_the_sender_and_say_so(drafter: NoticeDrafter) -> None:
    reply = one_shot(drafter, "外呼服务协议要提前终止，请拟通知函：甲方湖州吴兴云启科技有限公司，乙方瓯海声达外呼有限公司，9月29日寄出")
    # sent Tuesday 2026-09-29; delivered on the third working day after it (9.4.2): 9-30, then the National Day
    # holiday to 10-7, 10-8, 10-9; thirty days on (8.3.1.1) is Sunday 11-8, so the next working day, 11-9
    assert (reply.notice.delivery_date, reply.notice.effective_date) == ("2026-10-09", "2026-11-09")
    assert any("发函方" in w for w in reply.notice.warnings)
    assert docx_text(reply.notice.docx_path).startswith("提前终止通知书\n致：瓯海声达外呼有限公司（乙方）")


def test_every_draft_leaves_an_audit_line(drafter: NoticeDrafter, tmp_path: Path) -> None:
    one_shot(drafter, COMPLETE)
    one_shot(drafter, COMPLETE)
    lines = [json.loads(line) for line in (tmp_path / "notices" / "audit.jsonl").read_text("utf-8").splitlines()]
    assert [(line["user"], line["type"]) for line in lines] == [("tester", "early_termination")] * 2
    assert lines[0]["inputs"]["messages"] == [COMPLETE] and lines[0]["docx"] != lines[1]["docx"]


def test_chat_asks_one_missing_field_at_a_time_then_drafts(drafter: NoticeDrafter) -> None:
    session = Session(user="42")
    first = drafter.handle("帮我起草一份提前终止通知书", session, TODAY)
    assert "哪份合同" in first.text and "《2024年标准外呼服务协议》" in first.text
    assert first.notice.docx_path is None and session.draft.awaiting == "contract"

    options = session.draft.options
    reply = drafter.handle(str(options.index(OUTBOUND) + 1), session, TODAY)
    assert session.draft.awaiting == "sender" and "我方" in reply.text
    reply = drafter.handle("我方（甲方）佛山明川信息技术有限公司", session, TODAY)
    assert session.draft.awaiting == "recipient"
    reply = drafter.handle("东莞启辰电话营销有限公司", session, TODAY)
    assert session.draft.awaiting == "sent_date"
    reply = drafter.handle("2026年9月21日", session, TODAY)

    assert reply.notice.docx_path and reply.notice.effective_date == "2026-10-26"
    assert "东莞启辰电话营销有限公司（乙方）" in reply.text  # the role follows from ours
    assert session.draft is not None  # kept open for corrections


def test_a_first_message_with_everything_drafts_at_once_in_chat(drafter: NoticeDrafter) -> None:
    reply = drafter.handle(COMPLETE, Session(), TODAY)
    assert reply.notice.docx_path and reply.notice.missing_fields == []


def test_correcting_a_field_gives_a_new_version(drafter: NoticeDrafter) -> None:
    session = Session()
    first = drafter.handle(COMPLETE, session, TODAY)
    assert drafter.is_command("乙方名称改成广州新远景科技有限公司", session)
    second = drafter.handle("乙方名称改成广州新远景科技有限公司", session, TODAY)
    assert second.notice.docx_path != first.notice.docx_path
    assert "致：广州新远景科技有限公司（乙方）" in docx_text(second.notice.docx_path)
    third = drafter.handle("发送日期改为2026年4月30日", session, TODAY)
    assert third.notice.effective_date == "2026-06-08"


def test_cancel_clears_the_draft(drafter: NoticeDrafter) -> None:
    session = Session()
    drafter.handle("帮我起草一份催款函", session, TODAY)
    assert session.draft is not None
    reply = drafter.handle("取消", session, TODAY)
    assert session.draft is None and "取消" in reply.text and reply.notice is None


def test_one_shot_never_keeps_a_draft(drafter: NoticeDrafter) -> None:
    session = Session(interactive=False)
    drafter.handle("帮我起草一份催款函", session, TODAY)
    assert session.draft is None


@pytest.mark.parametrize(
    "message, notice_type",
    [
        (COMPLETE, "early_termination"),
        ("给对方发一份催款函，拖欠服务费5万元", "payment_demand"),
        ("起草违约整改通知书，对方通话质量不达标，要求15日内整改", "breach_rectification"),
        ("对方泄露客户信息严重违约，帮我起草解除合同通知书", "termination_for_breach"),
        ("draft a termination notice for the outbound call agreement", "early_termination"),
        ("给乙方发提前终止通知，外呼服务协议", "early_termination"),
    ],
)
def test_the_request_picks_the_notice_type(drafter: NoticeDrafter, message: str, notice_type: str) -> None:
    assert LEXICON.asks_for_letter(message) and drafter.names_notice_type(message)
    assert one_shot(drafter, message).notice.type == notice_type


@pytest.mark.parametrize(
    "question",
    [
        "解除合同需要提前几天通知？",
        "欠款5万元逾期30天违约金是多少",
        "外呼协议的通知怎么送达",
        "提前终止外呼服务协议要发书面通知吗",
        "解除合同通知书需要写什么内容",
    ],
)
def test_questions_about_notices_are_not_drafting_requests(drafter: NoticeDrafter, question: str) -> None:
    assert not (LEXICON.asks_for_letter(question) and drafter.names_notice_type(question))
    assert not drafter.is_command(question, Session())


def test_breach_notices_carry_facts_and_deadlines(drafter: NoticeDrafter) -> None:
    reply = one_shot(drafter, "外呼服务协议，我方（甲方）佛山明川信息技术有限公司，乙方东莞启辰电话营销有限公司通话质量不达标，起草违约整改通知书，要求15日内整改，2026年9月25日发出")
    notice = reply.notice
    assert notice.missing_fields == []
    assert notice.effective_date == "2026-10-15"  # delivered 9-30 + 15 days
    text = docx_text(notice.docx_path)
    assert "通话质量不达标" in text and "15日内" in text


def test_chat_asks_which_side_is_ours_when_only_roles_are_given(drafter: NoticeDrafter) -> None:
    session = Session()
    reply = drafter.handle("帮我拟一份提前终止外呼服务协议的通知函，甲方无锡恒远科技有限公司，乙方常州博达外呼服务有限公司", session, TODAY)
    assert "甲方（无锡恒远科技有限公司）还是乙方（常州博达外呼服务有限公司）" in reply.text
    drafter.handle("乙方", session, TODAY)
    reply = drafter.handle("今天", session, TODAY)
    assert reply.notice.sent_date == TODAY.isoformat()
    assert "致：无锡恒远科技有限公司（甲方）" in reply.text


class FakePenaltyAssessment:
    def __init__(self, amount: str | None) -> None:
        self.info = PenaltyInfo(amount=amount, formula="100,000.00 元 × 0.05% × 30 天 = 1,500.00 元", amount_in_words="壹仟伍佰元整")
        self.missing = [] if amount else ["违约金的日比例"]
        self.refused = None


def test_a_payment_demand_states_the_accrued_penalty_as_of_sending(tmp_path: Path) -> None:
    asked: list[tuple[str, date]] = []

    def assess(message: str, today: date) -> FakePenaltyAssessment:
        asked.append((message, today))
        return FakePenaltyAssessment("1500.00")

    drafter = NoticeDrafter(FakeIndex(), tmp_path, KNOWLEDGE, penalty=assess)
    reply = one_shot(drafter, "起草外呼服务协议的催款函，我方（乙方）甲有限公司，对方拖欠服务费100000元，违约金按日万分之五计，2026年9月30日发出")
    assert asked[0][1] == date(2026, 9, 30)
    assert "违约金为1,500.00 元（大写：人民币壹仟伍佰元整" in docx_text(reply.notice.docx_path)


def test_a_penalty_that_cannot_be_computed_is_left_out_and_said_so(tmp_path: Path) -> None:
    drafter = NoticeDrafter(FakeIndex(), tmp_path, KNOWLEDGE, penalty=lambda m, d: FakePenaltyAssessment(None))
    reply = one_shot(drafter, "起草催款函，我方（乙方）甲有限公司，对方拖欠服务费100000元，另要求支付违约金")
    assert any("违约金未计入本函" in w and "日比例" in w for w in reply.notice.warnings)
    assert "违约金为" not in docx_text(reply.notice.docx_path)


def test_an_answer_it_cannot_read_is_asked_again_and_other_facts_are_kept(drafter: NoticeDrafter) -> None:
    session = Session()
    drafter.handle("帮我起草外呼服务协议的催款函，我方是乙方，南京博通外呼服务有限公司", session, TODAY)
    assert session.draft.awaiting == "recipient"
    reply = drafter.handle("86000元", session, TODAY)  # answers a later question
    assert "没能识别" in reply.text and session.draft.awaiting == "recipient"
    assert session.draft.fields["amount"] == "86000.00"


def test_a_payment_deadline_given_as_a_date_is_kept_as_given(drafter: NoticeDrafter) -> None:
    reply = one_shot(drafter, "起草外呼服务协议的催款函，我方（乙方）甲有限公司，对方拖欠服务费1万元，请于2026年10月20日前付清，2026年10月9日发出")
    assert (reply.notice.delivery_date, reply.notice.effective_date) == ("2026-10-13", "2026-10-20")  # 10-10 is a make-up Saturday
    assert "请贵方于2026年10月20日前将上述款项支付至我方账户" in docx_text(reply.notice.docx_path)


def test_a_cure_deadline_given_as_a_date_is_kept_as_given_and_asks_for_no_period(drafter: NoticeDrafter) -> None:
    message = (
        "起草违约整改通知，外呼服务协议，我方（甲方）甲有限公司，乙方乙有限公司未按约定保存录音，"
        "要求其于2026年10月30日前完成整改，2026年10月9日发出"
    )
    reply = one_shot(drafter, message)
    assert (reply.notice.delivery_date, reply.notice.effective_date) == ("2026-10-13", "2026-10-30")
    assert "cure_days" not in reply.notice.missing_fields
    assert "请贵方于2026年10月30日前纠正上述违约行为" in docx_text(reply.notice.docx_path)


def test_the_words_that_name_a_letter_name_no_kind_of_contract(drafter: NoticeDrafter) -> None:
    """解除合同 names the letter: the kind of document meant is the 协议 named after it."""
    text = _without_notice_names("起草解除合同通知，乙方擅自转包，决定解除外呼服务协议", drafter.specs)
    assert "合同" not in text and "外呼服务协议" in text


def test_a_deadline_before_the_sending_day_is_not_drafted_with(drafter: NoticeDrafter) -> None:
    message = "起草外呼服务协议的催款函，我方（乙方）甲有限公司，对方拖欠服务费2万元，请于2026年10月2日前付清，2026年10月12日发出"
    reply = one_shot(drafter, message)
    assert reply.notice.effective_date is None
    assert any("早于发函日" in warning for warning in reply.notice.warnings)
    assert "2026年10月2日前" not in docx_text(reply.notice.docx_path)


def test_a_new_notice_type_is_a_template_and_a_spec(tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE / "legal", knowledge / "legal")
    shutil.copytree(KNOWLEDGE / "templates", knowledge / "templates")
    shutil.copy(KNOWLEDGE / "glossary.yaml", knowledge / "glossary.yaml")
    shutil.copy(KNOWLEDGE / "english_chinese.tsv", knowledge / "english_chinese.tsv")  # the glossary's dictionary
    (knowledge / "templates" / "confidentiality_reminder.yaml").write_text(
        "type: confidentiality_reminder\ntitle: 保密义务提示函\ntriggers: [保密提示, 保密义务提示]\n"
        "required: [contract, sender, recipient, sent_date]\n"
        "clauses:\n  basis: {query: 保密 不得泄露给第三方, must_mention: [保密]}\n"
        "  delivery: {query: 通知 视为送达, must_mention: [送达]}\neffective: delivery\n",
        "utf-8",
    )
    (knowledge / "templates" / "confidentiality_reminder.txt.j2").write_text(
        '{% import "_blocks.j2" as blocks with context %}\n{{ blocks.heading() }}\n{{ blocks.opening() }}\n'
        "{{ blocks.cite(basis_clause, basis_placeholder) }}\n请贵方继续履行保密义务。\n{{ blocks.closing() }}\n",
        "utf-8",
    )
    index = FakeIndex([*FakeIndex().clauses(), clause(OUTBOUND, "2024年标准外呼服务协议", "第五条", "5.2.1", "服务提供商应对客户提供的所有数据保密,不得泄露给第三方。")])
    drafter = NoticeDrafter(index, tmp_path, knowledge)
    reply = one_shot(drafter, "起草外呼服务协议的保密义务提示函，我方（甲方）甲有限公司，对方（乙方）乙有限公司，2026年9月25日发出")
    assert reply.notice.type == "confidentiality_reminder" and reply.notice.missing_fields == []
    assert "保密义务提示函" in docx_text(reply.notice.docx_path) and "5.2.1" in docx_text(reply.notice.docx_path)


def test_the_year_of_the_sending_date_names_no_contract(drafter: NoticeDrafter) -> None:
    """"2025年…发出" dates the letter; it does not pick the "2025年度…合同" over the 外呼服务协议 the message names."""
    reply = one_shot(drafter, "起草提前终止外呼服务协议的通知，我方（甲方）宿州灵璧科技有限公司，对方（乙方）蚌埠固镇呼叫有限公司，2025年3月3日发出")
    assert reply.notice.contract_id == OUTBOUND
    # sent Mon 2025-03-03; delivered Thu 03-06; + 30 days = Sat 04-05, Qingming → Mon 04-07
    assert (reply.notice.delivery_date, reply.notice.effective_date) == ("2025-03-06", "2025-04-07")


def test_what_was_not_given_is_also_said_in_the_warnings(drafter: NoticeDrafter) -> None:
    """A placeholder is easy to miss in a page of text: the drafting notes list what is still to fill in."""
    reply = one_shot(drafter, "起草催款函，客户关系管理外包服务合同，我方（乙方）洛阳老城客服有限公司，对方（甲方）洛阳西工商贸有限公司，服务费一直拖着不付，2026年9月21日发出")
    assert reply.notice.missing_fields == ["amount"]
    assert any("未提供欠付金额" in w for w in reply.notice.warnings)
    assert "【待填写：欠付金额】" in docx_text(reply.notice.docx_path)


def test_a_rough_amount_is_left_open_and_named(drafter: NoticeDrafter) -> None:
    reply = one_shot(drafter, "催款函，我方（乙方）洛阳老城客服有限公司，对方（甲方）洛阳西工商贸有限公司，欠我们服务费3万多，2026年9月21日发出")
    assert "amount" in reply.notice.missing_fields
    assert any("“3万多”不是确数" in w for w in reply.notice.warnings)
    assert "30,000.00" not in docx_text(reply.notice.docx_path)


def test_early_termination_of_a_contract_without_a_notice_period_says_so(drafter: NoticeDrafter) -> None:
    """The CRM contract only allows ending it early by agreement (2.2): no period to count, no end date invented."""
    reply = one_shot(drafter, "起草提前终止客户关系管理外包服务合同的通知，我方（甲方）洛阳西工商贸有限公司，对方（乙方）洛阳老城客服有限公司，2026年9月21日发出")
    notice = reply.notice
    assert (notice.contract_id, notice.effective_date) == (CRM, None)
    assert any("未找到约定提前终止通知期限的条款" in w and "协商一致" in w for w in notice.warnings)


def test_time_granted_without_an_act_is_the_rectification_deadline(drafter: NoticeDrafter) -> None:
    """"给5个工作日" in a rectification notice is the time to cure."""
    reply = one_shot(drafter, "整改通知，外呼服务协议，我方（甲方）洛阳西工商贸有限公司，乙方洛阳老城外呼有限公司未按约定时段外呼，给5个工作日，2026年9月21日发出")
    # sent Mon 09-21, delivered Thu 09-24; 5 working days: 09-25 (Mid-Autumn) to 10-07 (National Day) are off,
    # so 09-28, 09-29, 09-30, 10-08, 10-09
    assert (reply.notice.delivery_date, reply.notice.effective_date) == ("2026-09-24", "2026-10-09")
    assert "5个工作日" in docx_text(reply.notice.docx_path)


def test_the_parties_keep_the_spelling_the_user_typed(drafter: NoticeDrafter) -> None:
    """A message is read in simplified characters, but a company's name is its registered spelling: 桃園龜山 stays,
    and the drafting notes give the simplified spelling too, to check against the registered name."""
    typed = "請擬提前終止外呼服務協議通知書，我方（乙方）新竹湖口外呼有限公司，對方（甲方）桃園龜山電商有限公司，2026年9月21日寄出"
    reply = drafter.handle(to_simplified(typed), Session(interactive=False, user="tester"), TODAY, written=typed)
    text = docx_text(reply.notice.docx_path)
    assert "致：桃園龜山電商有限公司（甲方）" in text and "新竹湖口外呼有限公司（乙方" in text
    assert any("桃園龜山電商有限公司（简体：桃园龟山电商有限公司）" in w for w in reply.notice.warnings)


def test_a_demonstrative_before_the_kind_word_still_names_the_contract(drafter: NoticeDrafter) -> None:
    reply = one_shot(drafter, "外呼那个协议要提前终止，帮我拟个函，我方（甲方）洛阳西工商贸有限公司，对方（乙方）洛阳老城外呼有限公司，2026年9月21日发出")
    assert reply.notice.contract_id == OUTBOUND


def test_a_party_named_only_by_its_role_is_the_one_the_contract_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The message names us as 甲方 and not the other side: the letter goes to the contract's 乙方, said in a warning."""
    index = FakeIndex()
    parties = [Party(role="甲方", side="A", name="佛山明川信息技术有限公司"), Party(role="乙方", side="B", name="东莞启辰电话营销有限公司")]
    named = index.contract(OUTBOUND).model_copy(update={"metadata": ContractMetadata(parties=parties)})
    monkeypatch.setattr(index, "contract", lambda cid: named if cid == OUTBOUND else None)
    drafter = NoticeDrafter(index, tmp_path, KNOWLEDGE)
    notice = one_shot(drafter, "外呼服务协议提前终止通知，我方（甲方）佛山明川信息技术有限公司，2026年9月21日发出").notice
    assert "东莞启辰电话营销有限公司" in docx_text(notice.docx_path)
    assert notice.missing_fields == []
    assert any("按合同所载乙方填写为“东莞启辰电话营销有限公司”" in w for w in notice.warnings)


def test_a_contract_that_leaves_its_parties_blank_fills_in_no_name(drafter: NoticeDrafter) -> None:
    notice = one_shot(drafter, "外呼服务协议提前终止通知，我方（甲方）佛山明川信息技术有限公司，2026年9月21日发出").notice
    assert notice.missing_fields == ["recipient"]


def test_a_payment_demand_cites_the_clause_that_sets_the_payment_term(tmp_path: Path) -> None:
    """The demand stands on when the money fell due (3.2: 收到发票后15日内), not on the first clause that speaks of paying
    (3.3, about paying late); a contract that sets no term is cited by its clause on paying late, as before."""
    term = clause(CRM, "2025年度客户关系管理外包服务合同", "三、服务费用", "3.2", "乙方开具发票后,甲方应在收到发票后15日内将当期费用支付至乙方账户。")
    drafter = NoticeDrafter(FakeIndex([*FakeIndex()._clauses, term]), tmp_path, KNOWLEDGE)
    message = "催款函，客户关系管理外包服务合同，我方（乙方）洛阳老城客服有限公司，对方（甲方）洛阳西工商贸有限公司，欠服务费3万元，2026年9月21日发出"
    reply = one_shot(drafter, message)
    assert reply.citations[0].clause.endswith("3.2")
    assert "收到发票后15日内" in docx_text(reply.notice.docx_path)
    without_term = one_shot(NoticeDrafter(FakeIndex(), tmp_path / "none", KNOWLEDGE), message)
    assert without_term.citations[0].clause.endswith("3.3")


def test_a_contract_named_by_its_topic_alone(drafter: NoticeDrafter) -> None:
    """"外呼那边" names no document (no 合同 or 协议 follows), but only one title speaks of 外呼; the words most titles
    share (服务, 外包) name none, and a company's name (某某外呼有限公司) names no contract either."""
    reply = one_shot(drafter, "外呼的乙方洛阳老城呼叫有限公司录音缺失，我方（甲方）洛阳西工商贸有限公司发整改通知，限10日内整改，2026年9月21日发出")
    assert reply.notice.contract_id == OUTBOUND
    reply = one_shot(drafter, "服务外包的乙方洛阳老城外呼有限公司录音缺失，我方（甲方）洛阳西工商贸有限公司发整改通知，限10日内整改，2026年9月21日发出")
    assert reply.notice.contract_id is None
    # a topic is said of the deal (外呼的乙方, 保洁公司, 客服外包): the 外呼 of 外呼平台 is a thing the message speaks of
    reply = one_shot(drafter, "乙方在外呼平台上录音缺失，我方（甲方）洛阳西工商贸有限公司发整改通知，限10日内整改，2026年9月21日发出")
    assert reply.notice.contract_id is None


def test_a_missing_breach_is_asked_for_as_what_the_other_side_did(drafter: NoticeDrafter) -> None:
    reply = one_shot(drafter, "整改通知，外呼服务协议，我方（甲方）洛阳西工商贸有限公司，乙方洛阳老城外呼有限公司，限10日内整改，2026年9月21日发出")
    assert "breach" in reply.notice.missing_fields
    assert any("违约行为" in w for w in reply.notice.warnings)


def test_english_role_words_name_the_contracts_parties(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """"the carrier", "the shipper": the glossary's words for the contract's 承运方 and 托运方 (承运人, 托运人: a role is the
    same with 方 or 人), on the side their sentence says."""
    index = FakeIndex()
    parties = [Party(role="托运方(甲方)", side="A", name="武汉鲜达食品供应链有限公司"), Party(role="承运方(乙方)", side="B", name="湖北凌川冷链物流有限公司")]
    named = index.contract(OUTBOUND).model_copy(update={"metadata": ContractMetadata(parties=parties)})
    monkeypatch.setattr(index, "contract", lambda cid: named if cid == OUTBOUND else None)
    message = "We are the carrier. The shipper still hasn't paid RMB 8,000 under the outbound call service agreement. Send a demand on 21 September 2026."
    text = docx_text(one_shot(NoticeDrafter(index, tmp_path, KNOWLEDGE), message).notice.docx_path)
    assert "致：武汉鲜达食品供应链有限公司" in text and "湖北凌川冷链物流有限公司（乙方" in text


def test_an_english_contracts_own_roles_name_its_parties(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A contract written in English calls its parties the Supplier and the Distributor: "We are the Supplier" and
    我们是供货方 (the glossary's Chinese for supplier) name the one, the letter goes to the other."""
    index = FakeIndex()
    parties = [Party(role="Distributor", side="A", name="Shanghai Huarui Instrument Trading Co., Ltd."), Party(role="Supplier", side="B", name="Kessler Messtechnik GmbH")]
    named = index.contract(OUTBOUND).model_copy(update={"metadata": ContractMetadata(parties=parties)})
    monkeypatch.setattr(index, "contract", lambda cid: named if cid == OUTBOUND else None)
    drafter = NoticeDrafter(index, tmp_path, KNOWLEDGE)
    for message in (
        "Terminate the outbound call service agreement for breach: the Distributor leaked our data. We are the Supplier. Send it on 21 September 2026.",
        "外呼服务协议，经销商泄露了我们的数据，严重违约，我们是供货方，发解除通知，2026年9月21日发出",
    ):
        text = docx_text(one_shot(drafter, message).notice.docx_path)
        assert "致：Shanghai Huarui Instrument Trading Co., Ltd." in text and "Kessler Messtechnik GmbH（" in text


def test_one_company_on_both_sides_is_refused_one_shot_and_asked_about_in_chat(drafter: NoticeDrafter) -> None:
    message = "起草外呼服务协议提前终止通知：甲方佛山明川信息技术有限公司，乙方佛山明川信息技术有限公司，2026年9月21日发出"
    reply = one_shot(drafter, message)
    assert reply.notice is None and "佛山明川信息技术有限公司" in reply.text and "自己" in reply.text

    session = Session(user="42")
    chat = drafter.handle(message, session, TODAY)
    assert chat.notice.docx_path is None and "自己" in chat.text
    assert session.draft is not None and session.draft.awaiting in ("sender", "recipient")


def test_a_debt_in_another_currency_is_demanded_in_it_and_never_converted(drafter: NoticeDrafter) -> None:
    message = "外呼服务协议催款函：我方（乙方）佛山明川信息技术有限公司，对方（甲方）东莞启辰电话营销有限公司欠服务费USD 12,000，2026年9月21日发出"
    notice = one_shot(drafter, message).notice
    text = docx_text(notice.docx_path)
    assert "USD 12,000.00" in text and "人民币" not in text.split("USD 12,000.00")[1][:20]
    assert any("外币" in warning for warning in notice.warnings) and "amount" not in notice.missing_fields


def test_both_roles_said_to_be_one_company_is_refused(drafter: NoticeDrafter) -> None:
    reply = one_shot(drafter, "外呼服务协议提前终止通知：甲方和乙方都是佛山明川信息技术有限公司，2026年9月21日发出")
    assert reply.notice is None and "自己" in reply.text


@pytest.mark.parametrize("period", ["整改期限99999个月", "限99999999天内整改", "整改期限99999个工作日"])
def test_a_period_no_calendar_can_count_is_refused_by_name(drafter: NoticeDrafter, period: str) -> None:
    """A slip of the keyboard in the time granted: refused and named, as an impossible date is, never an error."""
    message = f"外呼服务协议，我方（甲方）佛山明川信息技术有限公司，乙方东莞启辰电话营销有限公司通话质量不达标，起草违约整改通知书，{period}，2026年9月25日发出"
    reply = one_shot(drafter, message)
    assert reply.notice is None
    assert reply.text.startswith("无法起草：期限“") and "超出可处理的日期范围" in reply.text


def test_a_period_that_runs_out_before_the_letter_is_in_is_warned_about(drafter: NoticeDrafter) -> None:
    """整改期限0个工作日 ends on the day the letter is delivered: warned about, as a cure date set that early is."""
    message = "外呼服务协议，我方（甲方）佛山明川信息技术有限公司，乙方东莞启辰电话营销有限公司通话质量不达标，起草违约整改通知书，{}，2026年9月25日发出"
    zero = one_shot(drafter, message.format("整改期限0个工作日")).notice
    assert any("不晚于本函的送达日" in warning for warning in zero.warnings)
    ten = one_shot(drafter, message.format("整改期限10个工作日")).notice
    assert not any("不晚于本函的送达日" in warning for warning in ten.warnings)

"""Which letter a request asks for: the one it names, else the most specific trigger words; a tie is settled by
what the message says, never by the order of the templates."""

from pathlib import Path

import pytest

from bot.notices.periods import CountedPeriod, cure_period
from bot.notices.specs import detect_type, load_specs

SPECS = load_specs(Path(__file__).resolve().parents[1] / "knowledge" / "templates")


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        # The letter named wins over a louder story: their wish to end early is background to our demand.
        ("帮我给甲方发催款函：甲方欠我方服务费68000元。对方上周说想提前终止合同，我们先催款", "payment_demand"),
        # A tie: the trigger our want governs is the request; the 催告 we sent earlier is told of.
        ("培训公司收到我们10月30日的催告后十天过去了还没改，我们南京栖霞精工要解除内训协议", "termination_for_breach"),
        # A 催告 that demands a cure is a rectification notice.
        ("主讲讲师没经过我们同意就换人了，给他们发书面催告要求纠正", "breach_rectification"),
        ("我是租房的乙方，我想提前退租，写个通知", "early_termination"),
        ("我想辞职，劳动合同规定要提前三十日书面通知单位", "early_termination"),
        # Ending a contract with an advance-notice period is the early-termination letter, whatever the ground.
        ("乙方员工刘洋不能胜任工作，我们要依据劳动合同第二十二条提前三十日书面通知解除", "early_termination"),
        ("乙方严重违约，我们要解除合同", "termination_for_breach"),
        # Curing told in other words: put it right (改过来), the Taiwan 改善 and 修缮, a 催告 to repair.
        ("乙方接通率又掉了，发个函让他们7天内改过来", "breach_rectification"),
        ("請擬一份通知要求承攬人依約改善", "breach_rectification"),
        ("通知卖方后一直不修缮，请拟一份催告修缮的通知", "breach_rectification"),  # read in simplified characters
        # Early termination in English with the contract named between "end" and "early", and a rental handed back.
        ("We'd like to end the outbound call service agreement early.", "early_termination"),
        ("We want to give early notice to hand back all the vehicles.", "early_termination"),
        # 提前解除合同 is early, though 解除合同 alone ends a contract for a breach; 提前退还 hands back early
        ("仓储物流服务合同，我方存货人要提前解除合同，通知保管人", "early_termination"),
        ("我们承租方要提前退还两辆车，依约提前十五日书面通知出租方", "early_termination"),
        # the demand said as what it asks for
        ("我司（乙方）要求甲方付款：欠10、11两个月服务费合计12.8万元，请7日内付清，月底发函", "payment_demand"),
        ("甲方到现在还欠我们两个月的服务费，一共四万二千五百元，月底前发个函催一下", "payment_demand"),
        # A letter's name inside a longer one names only the longer: 提前解除通知 holds 解除通知.
        ("绿洲物业的提前解除通知，明天快递寄出", "early_termination"),
        ("发一份解除通知，对方严重违约", "termination_for_breach"),
        # Plain words: handing a car back early, not wanting to go on, chasing a borrower.
        ("我们想提前退掉租的那辆车，下周一发通知", "early_termination"),
        ("帮我给客户写个通知，我们要提前退款", None),  # an early refund ends no contract
        ("供货那份合同我们不想做了，按合同提前30天通知", "early_termination"),
        ("借款人和保证人都要一起催，本息合计八十万", "payment_demand"),
        ("Draft a notice of material breach to the supplier asking them to remedy it, emailed on Friday.", "breach_rectification"),
    ],
)
def test_the_letter_a_request_asks_for(message: str, kind: str | None) -> None:
    assert detect_type(message, SPECS) == kind


@pytest.mark.parametrize(
    ("clause", "period"),
    [
        ("乙方出现违约行为，甲方书面通知整改后10日内仍不进行整改的，甲方有权解除合同", CountedPeriod(10, "day")),
        ("乙方违反本合同约定的，经甲方提出后10个工作日内仍不改正的", CountedPeriod(10, "working_day")),
        ("任何一方严重违约，经对方书面催告后十日内仍未纠正的，守约方有权解除本协议", CountedPeriod(10, "day")),
        ("乙方收到甲方书面整改通知后，应在二十四小时内整改完毕并书面回复", CountedPeriod(1, "day")),
        ("甲方认为保洁员不称职的，有权要求乙方在三日内更换", None),  # no cure of a breach
        ("一方违反本契约，经他方书面通知限期十日改善而未改善者，他方得终止本契约", CountedPeriod(10, "day")),  # 限期 without 内
        ("a material breach which is not remedied within 45 days of a written notice requiring it", CountedPeriod(45, "day")),
        ("commits a material breach and fails to remedy it within thirty (30) days after receiving notice of it", CountedPeriod(30, "day")),
    ],
)
def test_the_cure_period_a_contract_gives(clause: str, period: CountedPeriod | None) -> None:
    assert cure_period(clause) == period

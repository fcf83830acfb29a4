"""Small contracts whose parties recur, the way template-made archives name the same client in several:
the resolver's tests and the Telegram tests of the choice it asks for use them."""

from __future__ import annotations


def contract(
    title: str, number: str, client: str, provider: str, signed: str, notice_days: str, penalty: str, term: str = ""
) -> str:
    """`term`: "<start>起至<end>" when the contract runs for a stated term."""
    term_clause = f"2.2 本合同期限自{term}止。\n" if term else ""
    return f"""{title}
合同编号:{number}
甲方(委托方):{client}
乙方(服务方):{provider}
签订日期:{signed}
第一条 服务内容
1.1 乙方为甲方提供仓储物流信息系统的运维服务,包括系统巡检、故障处理与数据备份。
第二条 合同期限与终止
2.1 任何一方提前终止本合同的,应提前{notice_days}日书面通知对方。
{term_clause}第三条 违约责任
3.1 甲方逾期付款的,每逾期一日按应付金额的{penalty}支付违约金。
第四条 争议解决
4.1 因本合同引起的争议,双方协商不成的,任何一方可向甲方所在地人民法院提起诉讼。
"""


CONTRACTS = {
    "c1_ops": contract("系统运维服务合同", "YW-2024-001", "宁波海岳物流有限公司", "杭州青禾信息技术有限公司",
                       "2024年3月1日", "三十", "万分之五"),
    "c2_ops": contract("数据备份服务合同", "YW-2025-017", "宁波海岳物流有限公司", "苏州远山数据有限公司",
                       "2025年6月9日", "六十", "千分之一"),
    "c3_ops": contract("系统运维服务合同", "YW-2025-020", "温州长帆贸易有限公司", "杭州青禾信息技术有限公司",
                       "2025年7月2日", "十五", "万分之三"),
}

"""What the assistant does, with an example of each: the one source of the help every front end shows.
The core replies with it as plain text (`plain_text`); a front end formats the same guide its own way
(Telegram adds its commands)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Skill(BaseModel):
    name: str
    how: str = Field(description="What to send, leading into the example")
    example: str
    result: str = Field("", description="What comes back, after the example")


class FollowUp(BaseModel):
    example: str
    effect: str


class Guide(BaseModel):
    name: str
    summary: str
    skills: list[Skill]
    follow_ups: list[FollowUp]
    disclaimer: str


GUIDE = Guide(
    name="合同助手",
    summary="回答服务合同的条款问题（附出处），计算违约金，起草通知书",
    skills=[
        Skill(name="查条款", how="直接提问，例如", example="外呼协议提前终止要提前多久通知？", result="——我会引用原文并注明合同和条款号。"),
        Skill(name="问合同信息", how="例如", example="外呼服务合同的乙方是谁？什么时候到期？", result="——双方、编号、签订日期、期限、金额、通知期、管辖法院，附出处。"),
        Skill(name="算违约金", how="给出金额、天数和比例，例如", example="货款8万元晚付了15天，按日万分之五，违约金是多少？"),
        Skill(
            name="起草通知",
            how="例如",
            example="起草外呼服务协议的提前终止通知，我方（甲方）××公司，对方（乙方）××公司，12月1日发出",
            result="，我会生成 .docx。",
        ),
        Skill(name="看合同清单", how="发送", example="有哪些合同", result="。"),
    ],
    follow_ups=[
        FollowUp(example="那违约怎么处理？", effect="沿用上一问的合同"),
        FollowUp(example="换成售后运营协议呢？", effect="切换合同"),
    ],
    disclaimer="计算结果与法律信息仅供参考，不构成法律意见。",
)


def plain_text(guide: Guide = GUIDE) -> str:
    lines = [f"我是{guide.name}，可以帮您："]
    lines += [f"{n}. {s.name}：{s.how}“{s.example}”{s.result}" for n, s in enumerate(guide.skills, 1)]
    lines.append("追问时可以说" + "，或".join(f"“{f.example}”（{f.effect}）" for f in guide.follow_ups) + "。")
    lines.append(f"说明：{guide.disclaimer}")
    return "\n".join(lines)


def hint(guide: Guide = GUIDE) -> str:
    """One line saying how to start: the first skill's example, and where the rest is."""
    return f"直接提问即可，例如“{guide.skills[0].example}”；发送“帮助”查看全部用法。"

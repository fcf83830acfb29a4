"""The fields of a drafting request as a chat model reads them, restated in the wording the rule-based reader
(bot.notices.fields) reads. The model only copies what the message says; dates, amounts and deadlines are then
parsed and computed by the same code as any message, and a party name the message does not contain is dropped."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class NoticeFields(BaseModel):
    """Each field as the message writes it; None when the message does not give it."""

    sender_name: str | None = Field(None, description="发函方（我方）的单位全称，照消息原文抄写")
    sender_role: Literal["甲方", "乙方"] | None = Field(None, description="我方在合同中的身份")
    recipient_name: str | None = Field(None, description="收函方（对方）的单位全称，照消息原文抄写")
    recipient_role: Literal["甲方", "乙方"] | None = Field(None, description="对方在合同中的身份")
    sent_date: str | None = Field(None, description="通知发出日期，如“2026年9月25日”")
    amount: str | None = Field(None, description="对方欠付的金额，含单位，如“服务费52000元”")
    breach: str | None = Field(None, description="对方的违约事实，简短，照消息原文")
    cure_days: str | None = Field(None, description="整改期限，如“15日内整改”")

    def restated(self, message: str) -> str:
        """'我方（甲方）X公司，对方（乙方）Y公司，2026年9月25日发出，…', or '' when nothing usable was read."""
        parts = [
            _party("我方", self.sender_role, self.sender_name, message),
            _party("对方", self.recipient_role, self.recipient_name, message),
            f"{self.sent_date}发出" if self.sent_date else "",
            f"对方拖欠{self.amount}" if self.amount else "",
            f"因对方{self.breach}" if self.breach else "",
            f"{self.cure_days}" if self.cure_days else "",
        ]
        return "，".join(part for part in parts if part)


def _party(side: str, role: str | None, name: str | None, message: str) -> str:
    if not name or name not in message:  # a name the sender never wrote is not a name to put in a letter
        return ""
    return f"{side}（{role}）{name}" if role else f"{side}{name}"

"""The figures of a penalty question as a chat model reads them, restated in the wording the rule-based reader
reads: the model only copies figures out of free wording ("欠的钱是8000", "每天扣万五"); parsing, arithmetic and
dates stay with the engine, which reads the restatement exactly as it reads a user's message."""

from __future__ import annotations

from pydantic import BaseModel, Field


class PenaltyFigures(BaseModel):
    """Each figure as the message gives it, with its unit; None when the message does not give it."""

    overdue_amount: str | None = Field(None, description="未付（逾期）的金额，含单位，如“8000元”“12.5万元”")
    daily_rate: str | None = Field(None, description="按日计的违约金比例，写成“日万分之五”“每日0.05%”的形式")
    annual_rate: str | None = Field(None, description="按年计的利率，如“年利率6%”")
    overdue_days: str | None = Field(None, description="逾期的天数或期间，如“15天”“两个月”")
    due_date: str | None = Field(None, description="应付款日期，如“2026年1月10日”")
    paid_date: str | None = Field(None, description="实际付款日期")
    agreed_damages: str | None = Field(None, description="约定的违约金金额")
    actual_loss: str | None = Field(None, description="实际损失金额")
    cap: str | None = Field(None, description="违约金上限，如“以未付金额的10%为限”")

    def restated(self) -> str:
        """'欠款8000元，逾期15天，违约金按日千分之一…', or '' when no figure was read."""
        labelled = [
            ("欠款", self.overdue_amount),
            ("应付日期", self.due_date),
            ("实际付款日期", self.paid_date),
            ("逾期", self.overdue_days),
            ("违约金按", self.daily_rate),
            ("利息按", self.annual_rate),
            ("约定违约金", self.agreed_damages),
            ("实际损失", self.actual_loss),
            ("", self.cap),
        ]
        return "，".join(f"{label}{value.strip()}" for label, value in labelled if value and value.strip())

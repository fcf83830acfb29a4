"""The guided flows, both persisted across restarts.

/notice: type and contract by buttons, then the parties and dates in one message; the core asks for
whatever is still missing. /penalty: figures gathered until the core can compute.
"""

from __future__ import annotations

import html
import warnings
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.models import Reply
from bot.notices.compose import FIELD_LABELS
from bot.telegram.buttons import NoticeContractButton, NoticeTypeButton, button, open_button, pressed
from bot.telegram.replying import ask, assistant_of, load_session, notice_specs, save_session, work

CHOOSE_TYPE, CHOOSE_CONTRACT, NOTICE_DETAILS, PENALTY_FIGURES = range(4)

NOTICE_EXAMPLE = "<code>我方（甲方）深圳星河数据服务有限公司，对方（乙方）广州远景呼叫中心有限公司，2026年9月25日发出</code>"
PENALTY_PROMPT = (
    "请告诉我计算违约金需要的数字：欠款或合同金额、违约金比例（或日利率）、逾期天数或起止日期。\n"
    "例如：<code>欠款10万元，逾期30天，每日按未付金额的0.05%</code>\n"
    "缺什么我会再问；随时可以 /cancel。"
)


async def start_notice(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    session = load_session(update, context)
    save_session(context, session.model_copy(update={"draft": None}))  # a new notice starts clean
    keyboard = [[button(spec.title, NoticeTypeButton(notice_type=name))] for name, spec in notice_specs(context).items()]
    await update.effective_message.reply_text("要起草哪种通知书？", reply_markup=InlineKeyboardMarkup(keyboard))
    return CHOOSE_TYPE


async def pick_notice_type(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    specs = notice_specs(context)
    payload = await open_button(update, NoticeTypeButton, lambda p: p.notice_type in specs)
    if payload is None:  # a type whose template is gone: the alert said so
        return CHOOSE_TYPE
    spec = specs[payload.notice_type]
    context.chat_data["notice_type"] = spec.type
    contracts = await work(update, assistant_of(context).contracts)
    keyboard = [[button(c.title, NoticeContractButton(contract_id=c.contract_id, title=c.title))] for c in contracts]
    await update.callback_query.edit_message_text(
        f"通知类型：{html.escape(spec.title)}\n依据哪份合同？", reply_markup=InlineKeyboardMarkup(keyboard)
    )
    return CHOOSE_CONTRACT


async def pick_contract(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    contract = await open_button(update, NoticeContractButton)
    if contract is None:
        return CHOOSE_CONTRACT
    context.chat_data["notice_contract"] = contract.contract_id
    spec = notice_specs(context)[context.chat_data["notice_type"]]
    wanted = "、".join(FIELD_LABELS.get(field, field) for field in spec.required if field != "contract")
    await update.callback_query.edit_message_text(
        f"通知类型：{html.escape(spec.title)}\n合同：《{html.escape(contract.title)}》\n\n"
        f"请在一条消息里告诉我{html.escape(wanted)}，缺什么我会再问。例如：\n{NOTICE_EXAMPLE}"
    )
    return NOTICE_DETAILS


async def notice_details(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    text = update.effective_message.text
    if load_session(update, context).draft is not None:  # the core is asking for a missing field
        return _after_draft(await ask(update, context, text))
    # The first answer opens the draft: name the chosen type, so the core drafts exactly that
    spec = notice_specs(context)[context.chat_data["notice_type"]]
    reply = await ask(update, context, f"起草{spec.title}：{text}", contract_id=context.chat_data["notice_contract"])
    return _after_draft(reply)


def _after_draft(reply: Reply) -> int:
    """Done once the core has produced the .docx; until then it is asking for a missing field."""
    return ConversationHandler.END if reply.notice and reply.notice.docx_path else NOTICE_DETAILS


async def start_penalty(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    context.chat_data["penalty_facts"] = []
    if context.args:
        return await _compute_penalty(update, context, " ".join(context.args))
    await update.effective_message.reply_text(PENALTY_PROMPT)
    return PENALTY_FIGURES


async def penalty_figures(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    return await _compute_penalty(update, context, update.effective_message.text)


async def _compute_penalty(update: Update, context: ContextTypes.DEFAULT_TYPE, figures: str) -> int:
    # Each turn resends every figure given so far, so the answer never depends on what the core remembers
    facts: list[str] = context.chat_data.setdefault("penalty_facts", [])
    facts.append(figures)
    reply = await ask(update, context, "计算违约金：" + "；".join(facts))
    if reply.penalty and reply.penalty.amount is not None:
        context.chat_data.pop("penalty_facts", None)
        return ConversationHandler.END
    return PENALTY_FIGURES


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    session = load_session(update, context)
    save_session(context, session.model_copy(update={"draft": None}))
    for key in ("notice_type", "notice_contract", "penalty_facts"):
        context.chat_data.pop(key, None)
    await update.effective_message.reply_text("已取消。")
    return ConversationHandler.END


def notice_conversation() -> ConversationHandler:
    return _persistent_conversation(
        entry_points=[CommandHandler("notice", start_notice)],
        states={
            CHOOSE_TYPE: [CallbackQueryHandler(pick_notice_type, pattern=pressed(NoticeTypeButton))],
            CHOOSE_CONTRACT: [CallbackQueryHandler(pick_contract, pattern=pressed(NoticeContractButton))],
            NOTICE_DETAILS: [MessageHandler(filters.TEXT & ~filters.COMMAND, notice_details)],
        },
        name="notice",
    )


def penalty_conversation() -> ConversationHandler:
    return _persistent_conversation(
        entry_points=[CommandHandler("penalty", start_penalty)],
        states={PENALTY_FIGURES: [MessageHandler(filters.TEXT & ~filters.COMMAND, penalty_figures)]},
        name="penalty",
    )


def _persistent_conversation(**kwargs: Any) -> ConversationHandler:
    with warnings.catch_warnings():
        # Buttons and typed answers share one conversation per chat, which is what we want
        warnings.filterwarnings("ignore", "If 'per_message=False'", PTBUserWarning)
        return ConversationHandler(
            fallbacks=[CommandHandler("cancel", cancel)], allow_reentry=True, persistent=True, **kwargs
        )

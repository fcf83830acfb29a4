"""The guided flows, both persisted across restarts.

/notice: type and contract by buttons (with many contracts, the user types part of a name or number and
picks among the matches), which open the draft in the core (`Assistant.draft_notice`); the
parties and dates then come as ordinary messages, which the core tells apart from questions. /penalty:
figures gathered until the core can compute (`Assistant.assess_penalty`). The flows call the core's typed
methods; they never compose text for its router.
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

from bot.models import ContractPick
from bot.telegram.buttons import NoticeContractButton, NoticeTypeButton, button, open_button, pressed
from bot.telegram.replying import ask, assistant_of, load_session, save_session, send_reply, work

CHOOSE_TYPE, CHOOSE_CONTRACT, PENALTY_FIGURES = range(3)

NOTICE_EXAMPLE = "<code>我方（甲方）××科技有限公司，对方（乙方）××服务有限公司，12月1日发出</code>"
TYPE_TO_PICK = "请输入对方名称、合同编号或合同名称的一部分（例如对方公司的简称，或编号、签订年份），我会列出相符的合同。"
PENALTY_PROMPT = (
    "请告诉我计算违约金需要的数字：欠款或合同金额、违约金比例（或日利率）、逾期天数或起止日期。\n"
    "例如：<code>欠款10万元，逾期30天，每日按未付金额的0.05%</code>\n"
    "缺什么我会再问；随时可以 /cancel。"
)


async def start_notice(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    session = load_session(update, context)
    save_session(context, session.model_copy(update={"draft": None}))  # a new notice starts clean
    kinds = await work(update, assistant_of(context).notice_types)
    keyboard = [[button(kind.title, NoticeTypeButton(notice_type=kind.type))] for kind in kinds]
    await update.effective_message.reply_text("要起草哪种通知书？", reply_markup=InlineKeyboardMarkup(keyboard))
    return CHOOSE_TYPE


async def pick_notice_type(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    kinds = {kind.type: kind for kind in await work(update, assistant_of(context).notice_types)}
    payload = await open_button(update, NoticeTypeButton, lambda p: p.notice_type in kinds)
    if payload is None:  # a type whose template is gone: the alert said so
        return CHOOSE_TYPE
    kind = kinds[payload.notice_type]
    context.chat_data["notice_type"] = kind.type
    offer = await work(update, assistant_of(context).pick_contracts)
    heading = f"通知类型：{html.escape(kind.title)}\n"
    if not offer.total:
        await update.callback_query.edit_message_text(heading + "还没有收录合同，请先由管理员上传合同文件。")
        return ConversationHandler.END
    if not offer.choices:  # too many for buttons: the user types part of a name or number
        await update.callback_query.edit_message_text(heading + f"共 {offer.total} 份合同。{TYPE_TO_PICK}")
        return CHOOSE_CONTRACT
    await update.callback_query.edit_message_text(heading + "依据哪份合同？", reply_markup=contract_keyboard(offer))
    return CHOOSE_CONTRACT


async def search_contracts(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """What the user typed at the contract step: the matches (at most offer.limit) as buttons. Words that
    pick no contract are an ordinary message (a question asked days later): the picker never traps the chat."""
    message = update.effective_message
    offer = await work(update, assistant_of(context).pick_contracts, message.text)
    typed = html.escape(offer.typed)
    if not offer.choices:
        context.chat_data.pop("notice_type", None)
        await message.reply_text(f"没有找到与“{typed}”相符的合同，已退出选择合同（继续起草请重新发送 /notice）。下面按普通消息回答：")
        await ask(update, context, message.text)
        return ConversationHandler.END
    text = f"与“{typed}”相符的合同："
    if len(offer.choices) == offer.limit:
        text += f"\n（最多列出 {offer.limit} 份；没有要找的，请输入更完整的名称或编号。）"
    await message.reply_text(text, reply_markup=contract_keyboard(offer))
    return CHOOSE_CONTRACT


def contract_keyboard(offer: ContractPick) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[button(c.label, NoticeContractButton(contract_id=c.contract_id, label=c.label))] for c in offer.choices]
    )


async def pick_contract(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """The draft opens in the core (`Assistant.draft_notice`); from here on every message goes to the core,
    which tells an answer from a question, so the conversation ends and nothing traps the chat."""
    assistant = assistant_of(context)
    kinds = {kind.type: kind for kind in await work(update, assistant.notice_types)}
    contract = await open_button(update, NoticeContractButton)
    if contract is None:
        return CHOOSE_CONTRACT
    kind = kinds.get(context.chat_data.pop("notice_type", ""))
    if kind is None:
        await update.callback_query.edit_message_text("请重新发送 /notice 选择通知类型。")
        return ConversationHandler.END
    session = load_session(update, context)
    reply = await work(update, assistant.draft_notice, session, kind.type, contract.contract_id)
    save_session(context, session)
    await update.callback_query.edit_message_text(
        f"通知类型：{html.escape(kind.title)}\n合同：{html.escape(contract.label)}\n\n{html.escape(reply.text)}\n\n"
        f"也可以在一条消息里告诉我{html.escape('、'.join(kind.needs))}，例如：\n{NOTICE_EXAMPLE}"
    )
    return ConversationHandler.END


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
    session = load_session(update, context)
    reply = await work(update, assistant_of(context).assess_penalty, "；".join(facts), session)
    save_session(context, session)
    await send_reply(update.effective_message, context, reply, session.last_topic)
    if reply.penalty and reply.penalty.amount is not None:
        context.chat_data.pop("penalty_facts", None)
        return ConversationHandler.END
    return PENALTY_FIGURES


async def set_company(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/company 上海明远科技有限公司: the drafter then knows which party is ours."""
    session = load_session(update, context)
    reply = await work(update, assistant_of(context).set_company, session, " ".join(context.args or []))
    save_session(context, session)
    await send_reply(update.effective_message, context, reply, session.last_topic)


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    session = load_session(update, context)
    reply = await work(update, assistant_of(context).cancel, session)
    save_session(context, session)
    for key in ("notice_type", "notice_contract", "penalty_facts"):
        context.chat_data.pop(key, None)
    await update.effective_message.reply_text(html.escape(reply.text))
    return ConversationHandler.END


def notice_conversation() -> ConversationHandler:
    return _persistent_conversation(
        entry_points=[CommandHandler("notice", start_notice)],
        states={
            CHOOSE_TYPE: [CallbackQueryHandler(pick_notice_type, pattern=pressed(NoticeTypeButton))],
            CHOOSE_CONTRACT: [
                CallbackQueryHandler(pick_contract, pattern=pressed(NoticeContractButton)),
                MessageHandler(filters.TEXT & ~filters.COMMAND, search_contracts),
            ],
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

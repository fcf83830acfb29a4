"""Commands, free text and buttons: each handler does one thing and leaves the answer to the core."""

from __future__ import annotations

import html
import logging

from telegram import Update
from telegram.ext import ContextTypes

from bot.guide import GUIDE, Guide
from bot.telegram.buttons import ChoiceButton, ClauseButton, CompareButton, ContractChoiceButton, open_button
from bot.telegram.formatting import Paragraph, citation_label, comparison_paragraphs, paragraphs
from bot.telegram.replying import answer_choice, ask, assistant_of, load_session, save_session, send_html, send_reply, work

log = logging.getLogger(__name__)

COMMANDS = {
    "start": "开始使用",
    "help": "用法和示例",
    "contracts": "已收录的合同；/contracts 名称或编号：查找",
    "deadlines": "60 天内到期或需发通知的合同",
    "remind": "每日到期提醒：/remind on 或 off",
    "ask": "提问：/ask 问题（和直接发消息一样）",
    "penalty": "计算违约金（引导）",
    "notice": "起草通知书（引导）",
    "company": "设置我方公司：/company 公司全称",
    "cancel": "取消当前操作",
}

_COMMANDS_HELP = """<b>命令</b>
/ask 问题：提问，和直接发消息一样，例如 <code>/ask 提前终止要提前多久通知？</code>
/penalty：计算违约金，例如 <code>/penalty 欠款10万元，逾期30天，日万分之五</code>
/notice：起草通知书，按按钮选择类型和合同
/company 公司全称：记住我方公司，起草时不再问我方是哪一方
/contracts：列出已收录的合同；<code>/contracts 对方简称</code> 按对方名称、编号或合同名称查找
/cancel：取消正在进行的操作"""


def help_html(guide: Guide = GUIDE) -> str:
    """The core's guide as Telegram HTML, with this front end's commands and uploads."""
    examples = [f"• {html.escape(s.example)}" for s in guide.skills]
    examples += [f"• {html.escape(f.example)}（{html.escape(f.effect)}）" for f in guide.follow_ups]
    return "\n\n".join(
        [
            f"<b>{guide.name}</b>：{guide.summary}。",
            _COMMANDS_HELP,
            "<b>也可以直接发消息</b>\n" + "\n".join(examples),
            f"管理员发送 .txt / .docx / .pdf 合同文件即可收录。\n{guide.disclaimer}",
        ]
    )


HELP = help_html()

MAX_COMPARED = 10  # contracts asked for their rule; a longer list would be more than anyone reads
SORRY = "抱歉，处理您的消息时出了点问题，已记录下来。请稍后再试，或换个说法。"


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    name = html.escape(update.effective_user.first_name) if update.effective_user else ""
    await update.effective_message.reply_text(f"您好，{name}！\n\n{HELP}")


async def show_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.effective_message.reply_text(HELP)


async def list_contracts(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/contracts: the whole list while it is short; /contracts <words>: those part of a name, number or title picks."""
    assistant = assistant_of(context)
    typed = " ".join(context.args or [])
    if typed:
        offer = await work(update, assistant.pick_contracts, typed)
        lines = [f"{n}. {c.label}" for n, c in enumerate(offer.choices, 1)] or [f"没有找到与“{offer.typed}”相符的合同。"]
        if len(offer.choices) == offer.limit:
            lines.append(f"（最多列出 {offer.limit} 份；没有要找的，请写得更完整些。）")
        heading = f"已收录 {offer.total} 份合同，与“{offer.typed}”相符的："
        await send_html(update.effective_message, context, [Paragraph(heading, "b"), Paragraph("\n".join(lines))])
        return
    listing = await work(update, assistant.list_contracts)
    if listing.truncated:  # part of a long list is no use in a chat: the search finds the one wanted
        lines = ["合同较多，请在命令后写上对方名称、合同编号或合同名称的一部分来查找，例如：/contracts 对方简称"]
    else:
        lines = [f"{n}. 《{c.title}》：{c.clauses} 条" for n, c in enumerate(listing.shown, 1)] or ["（还没有收录合同）"]
    await send_html(
        update.effective_message, context, [Paragraph(f"已收录 {listing.total} 份合同", "b"), Paragraph("\n".join(lines))]
    )


async def ask_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/ask 问题: the question goes where a plain message would (a clause, a penalty, a notice), nothing more."""
    question = " ".join(context.args or [])
    if not question:
        await update.effective_message.reply_text("请在命令后写上问题，例如：<code>/ask 提前终止要提前多久通知？</code>")
        return
    await ask(update, context, question)


async def answer_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await ask(update, context, update.effective_message.text)


async def pick_choice(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """One side of a near tie the core asked about: the core acts on the message as that."""
    payload = await open_button(update, ChoiceButton)
    if payload is None:
        return
    session = load_session(update, context)
    reply = await work(update, assistant_of(context).choose, session, payload.option)
    save_session(context, session)
    await send_reply(update.effective_message, context, reply, session.last_topic)


async def show_clause(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    payload = await open_button(update, ClauseButton)
    if payload is None:
        return
    citation = payload.citation
    parts = [Paragraph(citation_label(citation), "b"), *paragraphs(citation.text, "blockquote")]
    await send_html(update.effective_message, context, parts)


async def choose_contract(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    payload = await open_button(update, ContractChoiceButton)
    if payload is not None:
        await answer_choice(update, context, payload.contract_id)


async def compare_contracts(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    payload = await open_button(update, CompareButton)
    if payload is None:
        return
    assistant = assistant_of(context)
    rules = await work(update, assistant.rules_elsewhere, payload.topic, payload.contract_id, MAX_COMPARED)
    await send_html(update.effective_message, context, comparison_paragraphs(rules))


async def report_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    log.error("Update %s caused an error", getattr(update, "update_id", update), exc_info=context.error)
    if isinstance(update, Update) and update.effective_message:
        await update.effective_message.reply_text(SORRY)


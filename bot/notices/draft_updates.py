"""Updating a draft's fields from chat messages: first requests, answers to questions, corrections.

Plain functions on the JSON `fields` dict kept in `Session.draft`. Contract choice is not here: it
needs the index (see bot.notices.contracts).
"""

from __future__ import annotations

import re
from datetime import date
from collections.abc import Sequence
from typing import Any

from bot.notices.fields import (
    DEADLINE_DATES,
    RECIPIENT,
    SENDER,
    Party,
    assign_sides,
    extract,
    find_deadlines,
    find_organisation,
    find_parties,
)
from text.amounts import parse_amount, round_fen
from text.dates import find_dates

CANCEL = re.compile(r"^\s*(?:取消|算了|不用了|不要了|放弃|cancel)", re.IGNORECASE)
CORRECTION = re.compile(
    r"^\s*(?:把|将)?(?P<target>.{1,12}?)(?:的)?(?:名称|名字|全称)?\s*"
    r"(?:改成|改为|更正为|更改为|修改为|换成|应为|应该是)\s*(?P<value>.+?)\s*$"
)
_USE_DEFAULT = re.compile(r"^\s*(?:今天|今日|默认|就今天|是|好|对|可以|ok|yes)", re.IGNORECASE)
_BARE_DAYS = re.compile(r"(\d+)\s*(个工作日|日|天)?")
# What a correction's target words mean ("乙方名称改成…" is resolved by role first).
_CORRECTION_TARGETS = [
    (re.compile(r"我方|我司|发函"), SENDER),
    (re.compile(r"对方|收函|欠款方|违约方"), RECIPIENT),
    (re.compile(r"签订|签署"), "signed_date"),
    (re.compile(r"发送|发出|日期"), "sent_date"),
    (re.compile(r"金额|欠款|款项|服务费"), "amount"),
    (re.compile(r"合同|协议"), "contract"),
    (re.compile(r"整改|期限"), "cure_days"),
    (re.compile(r"付款期"), "grace_days"),
    (re.compile(r"违约|事实"), "breach"),
]


def merge_message(fields: dict[str, Any], message: str, today: date) -> None:
    """Take every field the message states; what is already known stays unless restated."""
    found = extract(message, today)
    parties = [Party(**p) for p in found.pop("parties")]
    fields.update(found)
    place_parties(fields, parties)


def fill_missing(fields: dict[str, Any], message: str, today: date) -> None:
    """Take what the message states that is still unknown, leaving every known field as it is: an
    answer to one question may carry the others too ("我方（甲方）X公司，对方（乙方）Y公司，9月25日发出")."""
    found: dict[str, Any] = {}
    merge_message(found, message, today)
    for name, value in found.items():
        current = fields.get(name)
        if name in (SENDER, RECIPIENT) and current:
            fields[name] = {key: current.get(key) or value.get(key) for key in ("name", "role")}
        elif not current and name != "candidates":
            fields[name] = value
    complete_roles(fields)


def place_parties(fields: dict[str, Any], parties: list[Party]) -> None:
    """Parties with a known side go to sender/recipient; with none, they wait as candidates."""
    sides = assign_sides(parties)
    for side, party in sides.items():
        current = fields.get(side) or {}
        fields[side] = {"name": party.name or current.get("name"), "role": party.role or current.get("role")}
    unplaced = [p for p in parties if p not in sides.values()]
    if unplaced and not sides:
        fields["candidates"] = [vars(p) for p in unplaced]
    complete_roles(fields)


def complete_roles(fields: dict[str, Any]) -> None:
    """One side's role gives the other's: the parties are 甲方 and 乙方."""
    for side, other in ((SENDER, RECIPIENT), (RECIPIENT, SENDER)):
        role = (fields.get(side) or {}).get("role")
        theirs = fields.setdefault(other, {"name": None, "role": None}) if role else None
        if theirs is not None and not theirs.get("role"):
            theirs["role"] = "乙方" if role == "甲方" else "甲方"


def _is_ours(name: str | None, own_names: Sequence[str]) -> bool:
    return bool(name) and any(own in name or name in own for own in own_names if own)  # type: ignore[operator]


def recognise_own_side(fields: dict[str, Any], own_names: Sequence[str]) -> None:
    """Our side from our own company's name (said once by the user, or set for the deployment): the
    party that bears it is the sender. Leaves the fields alone when no party bears it."""
    if not own_names:
        return
    candidates = fields.get("candidates", [])
    mine = next((c for c in candidates if _is_ours(c.get("name"), own_names)), None)
    if mine is not None:
        fields.pop("candidates")
        fields[SENDER] = {"name": mine["name"], "role": mine["role"]}
        other = next((c for c in candidates if c is not mine), None)
        if other is not None:
            fields[RECIPIENT] = {"name": other["name"], "role": other["role"]}
        complete_roles(fields)
        return
    sender, recipient = fields.get(SENDER) or {}, fields.get(RECIPIENT) or {}
    if not sender.get("name") and not _is_ours(recipient.get("name"), own_names) and recipient.get("name"):
        fields[SENDER] = {"name": own_names[0], "role": sender.get("role")}  # the other party is named: we are the rest
        complete_roles(fields)


def keep_own_company_ours(
    fields: dict[str, Any], contract_parties: Sequence[tuple[str, str]], own_names: Sequence[str]
) -> list[str]:
    """Our own company (set for the deployment, or said once) sends whenever the contract names it as a party: a
    request whose words put the other party on our side (海纳要提前退租, said to the landlord's staff) is turned
    round. `contract_parties` are (甲方/乙方, name); returns a warning when a side was changed."""
    ours = next(((role, name) for role, name in contract_parties if _is_ours(name, own_names)), None)
    sender = fields.get(SENDER) or {}
    if ours is None or _is_ours(sender.get("name"), own_names):
        return []
    theirs = next(((role, name) for role, name in contract_parties if role != ours[0]), None)
    fields[SENDER] = {"name": ours[1], "role": ours[0]}
    fields[RECIPIENT] = {"name": theirs[1], "role": theirs[0]} if theirs else {"name": None, "role": None}
    if not sender.get("name"):
        return []
    return [f"本公司为合同{ours[0]}（{ours[1]}），本稿由本公司发给{theirs[1] if theirs else '对方'}，请核对发函方。"]


def missing_fields(fields: dict[str, Any], required: list[str]) -> list[str]:
    def has(name: str) -> bool:
        if name == "contract":
            return bool(fields.get("contract_id"))
        if name in (SENDER, RECIPIENT):
            party = fields.get(name) or {}
            return bool(party.get("name") and party.get("role"))
        if name == "amount" and fields.get("foreign_amount"):
            return True  # a debt in another currency, stated in it
        return bool(fields.get(name) or fields.get(DEADLINE_DATES.get(name, "")))  # 于12月10日前整改 sets the period

    return [name for name in required if not has(name)]


def answer_field(fields: dict[str, Any], field: str, message: str, today: date) -> None:
    """Read the answer to the question about `field`; leave the field unset when it cannot be read."""
    if field in (SENDER, RECIPIENT):
        answer_party(fields, field, message)
    elif field in ("sent_date", "signed_date"):
        dates = find_dates(message, today)
        if dates or (field == "sent_date" and _USE_DEFAULT.match(message)):
            fields[field] = (dates[0].value if dates else today).isoformat()
    elif field == "amount":
        amount = parse_amount(message)
        if amount is not None and amount > 0:
            fields["amount"] = str(round_fen(amount))
    elif field == "breach":
        fields["breach"] = message.strip().rstrip("。")
    elif field in ("cure_days", "grace_days"):
        deadline = find_deadlines(message).get(field) or _bare_days(message)
        if deadline:
            fields[field] = deadline
    else:
        merge_message(fields, message, today)


def answer_party(fields: dict[str, Any], side: str, message: str) -> None:
    """'甲方' (picking one of the parties already named), 'X有限公司', or '我方（甲方）X有限公司'."""
    candidates = fields.pop("candidates", [])
    role = next((r for r in ("甲方", "乙方") if r in message), None)
    chosen = next((c for c in candidates if (c["name"] and c["name"] in message) or (role and c["role"] == role)), None)
    if chosen:
        fields[side] = {"name": chosen["name"], "role": chosen["role"]}
        other = next((c for c in candidates if c is not chosen), None)
        if other:
            fields[RECIPIENT if side == SENDER else SENDER] = {"name": other["name"], "role": other["role"]}
    else:
        stated = next(iter(find_parties(message)), None)
        current = fields.get(side) or {}
        fields[side] = {
            "name": (stated.name if stated else None) or find_organisation(message) or current.get("name"),
            "role": (stated.role if stated else None) or role or current.get("role"),
        }
    complete_roles(fields)


def correction_field(fields: dict[str, Any], target: str) -> str | None:
    """Which field a correction names: '乙方名称' → the side whose role is 乙方, '发送日期' → sent_date."""
    role = next((r for r in ("甲方", "乙方") if r in target), None)
    side = next((s for s in (SENDER, RECIPIENT) if role and (fields.get(s) or {}).get("role") == role), None)
    return side or next((name for pattern, name in _CORRECTION_TARGETS if pattern.search(target)), None)


def correct_party_name(fields: dict[str, Any], side: str, value: str) -> None:
    fields[side] = {**(fields.get(side) or {}), "name": find_organisation(value) or value.strip()}


def assume_sender(fields: dict[str, Any]) -> str | None:
    """One-shot, parties named only by role: the first named is taken as ours; returns the warning."""
    candidates = fields.pop("candidates", [])
    if len(candidates) < 2 or fields.get(SENDER):
        return None
    fields[SENDER], fields[RECIPIENT] = ({"name": c["name"], "role": c["role"]} for c in candidates[:2])
    first = candidates[0]
    return f"未说明我方是哪一方，本稿按先列出的{first['role'] or '一方'}（{first['name'] or '未具名'}）作为发函方，请核对。"


def name_parties_from_contract(fields: dict[str, Any], contract_parties: Sequence[tuple[str, str]]) -> list[str]:
    """A party the message names only by its role (对方是乙方, or the complement of our 甲方) is the one the contract
    names in that role: a letter under a contract goes between its parties. `contract_parties` are (甲方/乙方,
    name) as the contract prints them; returns a warning per name filled in, for the user to check."""
    named = dict(contract_parties)
    notes = []
    for side, label in ((RECIPIENT, "对方"), (SENDER, "我方")):
        party = fields.get(side) or {}
        name = named.get(party.get("role") or "")
        if name and not party.get("name"):
            fields[side] = {"name": name, "role": party["role"]}
            notes.append(f"消息中未写{label}名称，本稿按合同所载{party['role']}填写为“{name}”，请核对。")
    return notes


# Whose a party named by its short name or role word is, from the words around it: 我们启明生物, 我们（托运方武汉鲜达）,
# 蓝湾这边 are ours; 和洁美物业, 寄给凌川冷链, and a party said to owe or breach (瑞铂精密10月租金还欠着) are the other side.
_OURS_BEFORE = re.compile(r"(?:我们|我方|我司|本公司)(?:公司)?(?:是|为|作为)?\s*[（(]?[^，,。；;：:（）()]{0,6}$")
# …or the one who acts: 启明要解除保洁协议, 渤远决定终止 (the sender decides; the other side is written to).
_OURS_AFTER = re.compile(r"^[^，,。；;]{0,4}?(?:这边|要求|责令|(?:要|想|决定|打算|准备)(?:立即)?(?:解除|终止|提前|发|催))")
# …and X那边 is over there: the other side (鲜丰那边的供货合同我们不想做了).
_THERE_AFTER = re.compile(r"^\s*那边")
# A name that heads the message as its speaker ("顺程租车：海纳的租金没交…") is ours.
_SPEAKER_AFTER = re.compile(r"^[^，,。；;：:]{0,4}?[：:]")
# A name that writes to the other (X给Y发催款函, X给Y写, X向Y催收) is ours, whatever Y is then said to owe: the lateness after it
# is Y's. It sends something: 给出的报价, 给的期限 and 向法院起诉 write to no one. 给我们 is a letter the other side
# sends, no request of ours.
_WRITES_TO_AFTER = re.compile(r"^[^，,。；;]{0,4}?(?:给|向)(?![我出的])[^，,。；;]{1,12}?(?:发|寄|送|催|写|去函|致函)")
# 对方 right before a name calls it the other side, whatever it is said to do (对方瑞铂要提前终止).
# 通知X: X is the one the letter notifies.
_THEIRS_BEFORE = re.compile(r"(?:和|与|跟|同|向|对|给|致|对方|通知)\s*$")
_THEIRS_AFTER = re.compile(
    r"^[^，,。；;]{0,30}?(?:拖欠|欠|没付|未付|未支付|逾期|违约|违反|没经|未经|擅自|不合格|超标|没达到|未达到|不达标|达不到|都不到|没按时|未按时|没交|未交|不交|泄露|转包|质量问题|不整改|未整改|没整改"
    r"|缺岗|缺勤|不到岗|都要(?:一起)?催|一起催)"
)


# In English the words of the mention's sentence say it: "We, the tenant, …", "We are X, the carrier." are ours; "The
# shipper still hasn't paid", "a notice to the landlord" are the other side.
_EN_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)")
_EN_OURS_BEFORE = re.compile(r"\b(?:we|we're|us|our)\b[^.;!?]*$", re.IGNORECASE)
_EN_THEIRS_BEFORE = re.compile(r"\b(?:to|with|against|chase|from)\s+(?:the\s+)?$", re.IGNORECASE)
_EN_THEIRS_AFTER = re.compile(
    r"^[^.;!?]{0,30}?\b(?:owes?|hasn't|has\s+not|haven't|failed|fails|did\s+not|didn't|breach(?:ed)?|is\s+late|overdue)\b",
    re.IGNORECASE,
)


def side_of_mention(message: str, start: int, end: int) -> str | None:
    """SENDER, RECIPIENT or None for the party named at message[start:end], by the words around it in its clause."""
    before = re.split(r"[，,。；;\n]", message[:start])[-1]
    after = message[end:]
    if not message[:start].strip() and _SPEAKER_AFTER.match(after):
        return SENDER
    if _WRITES_TO_AFTER.match(after) and not _THEIRS_BEFORE.search(before):
        return SENDER
    if _THEIRS_BEFORE.search(before) or _THEIRS_AFTER.match(after) or _THERE_AFTER.match(after):
        return RECIPIENT
    if _OURS_BEFORE.search(before) or _OURS_AFTER.match(after):
        return SENDER
    sentence = _EN_SENTENCE_END.split(message[:start])[-1]
    if _EN_THEIRS_BEFORE.search(sentence) or _EN_THEIRS_AFTER.match(after):
        return RECIPIENT
    if _EN_OURS_BEFORE.search(sentence):
        return SENDER
    return None


def name_mentioned_parties(fields: dict[str, Any], message: str, mentions: Sequence[tuple[str, str, str]]) -> list[str]:
    """The contract's parties the message names by a short name or a role word (启明生物, 托运方; MENTIONS are (甲方/乙方,
    the contract's name, the words that named it)), put on the side the words around them say, with the name the
    contract prints; the other side is then the contract's other party. A side the message gave a name of its own
    keeps it unless that name is part of the contract's (兴业银行天津分行). Returns a warning per name filled in."""
    notes = []
    for role, name, words in mentions:
        # The first place that says whose side it is: 保洁服务协议 names the contract, 保洁这周没按时打扫 the party.
        sides = (side_of_mention(message, at.start(), at.end()) for at in re.finditer(re.escape(words), message))
        side = next(filter(None, sides), None)
        if side is None:
            continue
        current = fields.get(side) or {}
        if current.get("name") == name or current.get("name") and (words not in current["name"] or _registered(current["name"])):
            continue
        fields[side] = {"name": name, "role": role}
        other = RECIPIENT if side == SENDER else SENDER
        if (fields.get(other) or {}).get("role") == role:
            fields[other] = {"name": None, "role": None}  # a side given the same role by a guess gives way
        if words != name:
            notes.append(f"消息中的“{words}”按合同所载{role}名称填写为“{name}”，请核对。")
    complete_roles(fields)
    return notes


# The legal forms a registered name ends with. A name given so is the company's own, kept even when it shares a
# word with the contract's party (天津河西…有限公司 and the contract's …天津分公司 share only their city); a short
# one (移动天津分公司, 兴业银行天津分行) is the contract's party said briefly, and gives way to its printed name.
_REGISTERED_FORM = re.compile(r"(?:有限责任公司|股份有限公司|有限公司|Co\.,?\s*Ltd\.?|Limited|GmbH|Inc\.?|LLC)$", re.IGNORECASE)


def _registered(name: str) -> bool:
    return bool(_REGISTERED_FORM.search(name.strip()))


def _bare_days(message: str) -> dict[str, Any] | None:
    match = _BARE_DAYS.search(message)
    if not match:
        return None
    return {"count": int(match.group(1)), "unit": "working_day" if match.group(2) == "个工作日" else "day"}


def spell_names_as_written(fields: dict[str, Any], read: str, written: str) -> None:
    """The parties' names as the user typed them: a message is read in simplified characters (桃園中壢 → 桃园中坜),
    but a company's name is its registered spelling. Reading keeps every character's place, so a name found in
    the reading is cut from the same place of the message as typed; where the two differ in length, nothing is."""
    if not written or len(written) != len(read) or written == read:
        return
    for party in [fields.get(SENDER) or {}, fields.get(RECIPIENT) or {}, *fields.get("candidates", [])]:
        name = party.get("name")
        at = read.find(name) if name else -1
        if at >= 0 and written[at : at + len(name)] != name:
            party["name"] = written[at : at + len(name)]
            # The letter is in simplified characters: both spellings are named in its drafting notes, as a
            # mainland company's registered name is in simplified characters.
            fields.setdefault("respelt_names", {})[party["name"]] = name

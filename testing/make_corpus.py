"""Synthetic contract archive: N contracts derived from the five real ones, plus questions with known answers.

    python -m testing.make_corpus 200 --seed 7 --out bench/out/corpus-200

writes OUT/contracts/syn_00000.{txt,docx}…, OUT/questions.jsonl (the clauses eval format) and
OUT/manifest.jsonl (template, format, parties and drawn values of each contract, and `truth`: the
metadata the contract states, blank where it leaves a field blank). Each contract
rewrites its template's slots (parties, amounts, rates, notice periods, dates), drifts in wording,
may swap two adjacent articles, and is rendered one of four ways: a scraped page in traditional
characters with pinyin annotations, hard line breaks and the sharing site's boilerplate (like the
originals), the same in simplified characters, a clean simplified .txt, or a .docx. Every answer
substring is checked to survive the product's own normalisation before anything is written.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path

import cn2an
import docx

from testing.corpus_templates import BRANDS, CITIES, SUFFIXES, TEMPLATES, WORDING, Template, draw_values
from retrieval.normalize import compact, normalize_document, nfkc, strip_pinyin, to_simplified, to_traditional

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge" / "contracts"
FORMATS = ("scraped-traditional", "scraped-simplified", "clean", "docx")
FORMAT_WEIGHTS = (35, 15, 25, 25)
_EPOCH = datetime(2024, 1, 1)

# A pinyin annotation as the scraper left it: 標(biāo).
_ANNOTATION = re.compile(r"([\u4e00-\u9fff])\(([a-z\u00e0-\u024f]{1,7})\)")
# Article headings of the first contract part, in the two styles the templates use.
_ARTICLE_STYLES = (
    re.compile(r"第([一二三四五六七八九十]+)条"),
    re.compile(r"(?<=[。;:\n])([一二三四五六七八九十]+)、"),
)
# A line may be hard-broken before a character that cannot open a new unit, so that the
# normaliser's line joiner puts it back together exactly.
_NOT_BREAKABLE_BEFORE = set("篇第甲乙一二三四五六七八九十(（") | set("0123456789")
_SENTENCE_END = set("。;;!！?？:：」』)）")


@dataclass
class Contract:
    contract_id: str
    template: str
    format: str
    client: str
    provider: str
    values: dict[str, str]
    text: str  # simplified, before rendering
    questions: list[dict] = field(default_factory=list)
    truth: dict[str, str] = field(default_factory=dict)  # the metadata the contract states; "" where blank


# Every metadata field the ground truth speaks for: a field no filled slot writes is blank in the contract.
TRUTH_FIELDS = (
    "party_a", "party_b", "number", "signing_date", "term_start", "term_end", "notice_days", "amount", "amount_basis"
)


def _truth_value(field_name: str, value: str) -> str:
    """Dates as ISO, Chinese numerals as digits: the form the product's metadata uses."""
    day = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", value)
    if day:
        return "-".join((day[1], day[2].zfill(2), day[3].zfill(2)))
    if field_name == "notice_days":
        return str(int(cn2an.cn2an(value, "smart")))
    return value


@cache
def template_text(source: str) -> str:
    return normalize_document(_read(KNOWLEDGE / f"{source}.txt"))


@cache
def pinyin_map() -> dict[str, str]:
    """Traditional character → its pinyin, harvested from the annotations in the real files."""
    found: dict[str, str] = {}
    for path in sorted(KNOWLEDGE.glob("*.txt")):
        for char, pinyin in _ANNOTATION.findall(nfkc(_read(path))):
            found.setdefault(char, pinyin)
    return found


@cache
def site_footer() -> str:
    """The sharing site's trailing notices, as the first real file carries them (simplified)."""
    raw = nfkc(_read(KNOWLEDGE / f"{TEMPLATES[0].source}.txt"))
    return to_simplified(strip_pinyin(raw[raw.index("温馨提示") if "温馨提示" in raw else raw.index("溫馨提示") :]))


def _read(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def parties(n: int, seed: int) -> list[tuple[str, str, str]]:
    """(short name, full name, city) for n distinct clients: the same seed gives contract i the same client at any n."""
    pool = [(city, brand) for city in CITIES for brand in BRANDS]
    if n > len(pool):
        raise ValueError(f"at most {len(pool)} contracts have distinct client names")
    random.Random(seed).shuffle(pool)
    rng = random.Random(f"{seed}:suffix")
    return [(city + brand, city + brand + rng.choice(SUFFIXES), city) for city, brand in pool[:n]]


def swap_articles(text: str, rng: random.Random) -> str:
    """Swap two adjacent articles of the first part and renumber their headings and clause numbers."""
    ends = [pos for pos in (text.find("第二部分"), text.find("篇二")) if pos > 0]
    region = text[: min(ends, default=len(text))]
    heads: list[tuple[int, int]] = []  # (position, article number), increasing
    for style in _ARTICLE_STYLES:
        heads = []
        for match in style.finditer(region):
            number = int(cn2an.cn2an(match.group(1), "strict"))
            if number > (heads[-1][1] if heads else 0):
                heads.append((match.start(), number))
        if len(heads) >= 5:
            break
    if len(heads) < 5:
        return text
    i = rng.randrange(2, len(heads) - 2)  # never the first articles, never the last (it runs to the part's end)
    (a_start, a_no), (b_start, b_no) = heads[i], heads[i + 1]
    b_end = heads[i + 2][0]
    first, second = text[a_start:b_start], text[b_start:b_end]
    return text[:a_start] + _renumber(second, b_no, a_no) + _renumber(first, a_no, b_no) + text[b_end:]


def _renumber(block: str, old: int, new: int) -> str:
    old_cn, new_cn = cn2an.an2cn(old), cn2an.an2cn(new)
    block = re.sub(rf"^(第?){old_cn}(条|、)", rf"\g<1>{new_cn}\g<2>", block)
    return re.sub(rf"(?<![\d.]){old}\.(?=\d)", f"{new}.", block)


def build(index: int, seed: int, party: tuple[str, str, str]) -> Contract:
    rng = random.Random(f"{seed}:{index}")
    template: Template = rng.choice(TEMPLATES)
    fmt = rng.choices(FORMATS, FORMAT_WEIGHTS)[0]
    provider_city, provider_brand = rng.choice(CITIES), rng.choice(BRANDS)
    short, client, client_city = party
    values = draw_values(rng) | {
        "client": client,
        "client_city": client_city,
        "provider": provider_city + provider_brand + rng.choice(SUFFIXES),
    }
    text = template_text(template.source)
    for old, new in WORDING:
        if rng.random() < 0.3:
            text = text.replace(old, new)
    contract = Contract(f"syn_{index:05d}", template.source, fmt, client, values["provider"], values, "")
    contract.truth = dict.fromkeys(TRUTH_FIELDS, "") | {"party_a": client, "party_b": values["provider"]}
    for slot in template.slots:
        if slot.old not in text:
            raise ValueError(f"{template.source}: slot literal {slot.old!r} is not in the template text")
        if rng.random() >= slot.fill:
            continue
        text = text.replace(slot.old, slot.new.format(**values))
        contract.truth.update((name, _truth_value(name, fmt_.format(**values))) for name, fmt_ in slot.truth)
        if slot.contains:
            who = rng.choice((short, short, client))
            question = rng.choice(slot.questions).format(who=who, kind=rng.choice(template.kinds), **values)
            if rng.random() < 0.15:
                question = to_traditional(question)
            contract.questions.append(
                {
                    "id": f"{contract.contract_id}-{len(contract.questions)}",
                    "question": question,
                    "answers": [{"contract_id": contract.contract_id, "contains": slot.contains.format(**values)}],
                }
            )
    if rng.random() < 0.4:
        text = swap_articles(text, rng)
    if template.header:
        title = text.split("\n", 1)[0][:40]
        contract.truth["number"] = f"HT-{values['year']}-{index:05d}"
        text = f"{_title(title)}\n合同编号:{contract.truth['number']}\n甲方(委托方):{client}\n乙方(服务方):{values['provider']}\n{text}"
    contract.text = text
    return contract


def _title(first_line: str) -> str:
    """The title glued in front of a table of contents or a preamble, cut where the real title ends."""
    match = re.match(r".*?(?:协议书|协议|合同)(?:[版(（][^本]{0,6})?", first_line)
    return match.group(0) if match else first_line


def render(contract: Contract, rng: random.Random) -> str | list[str]:
    """The file content: a string for .txt, a list of paragraphs for .docx."""
    if contract.format == "docx":
        paragraphs = _paragraphs(contract.text)
        return [to_traditional(p) for p in paragraphs] if rng.random() < 0.3 else paragraphs
    if contract.format == "clean":
        return "\n".join(_paragraphs(contract.text)) + "\n"
    body = _hard_wrap(contract.text, rng)
    title = _title(contract.text.split("\n", 1)[0])
    pages = rng.randint(3, 6)
    page = "\n".join(f"{title}_第{i}页" for i in range(1, pages + 1))
    head = (
        f"{page}\n已阅读{pages}页,还剩{rng.randint(1, 20)}页未读, 继续免费阅读\n\n下载本文档\n\n"
        "版权说明:本文档由用户提供并上传,收益归属内容提供方,若内容存在侵权,请进行举报或认领\n\n文档简介\n\n"
        "甲方:XXX乙方:XXX20XXCOUNTRACTCOVER专业合同封面RESUME"
    )
    page_text = f"{head}{body}\n\n{site_footer()}"
    if contract.format == "scraped-traditional":
        return _annotate(to_traditional(page_text))
    return page_text


def _paragraphs(text: str) -> list[str]:
    """One paragraph per article or part, the way an editor would lay the contract out."""
    text = re.sub(r"(?<=[。;:])(?=第[一二三四五六七八九十]+[条部])", "\n", text)
    return [line for line in text.split("\n") if line.strip()]


def _hard_wrap(text: str, rng: random.Random) -> str:
    width = rng.randint(30, 80)
    out: list[str] = []
    for line in text.split("\n"):
        start = 0
        for pos in range(width, len(line), width):
            while pos < len(line) and (line[pos] in _NOT_BREAKABLE_BEFORE or line[pos - 1] in _SENTENCE_END
                                       or not "\u4e00" <= line[pos] <= "\u9fff"):
                pos += 1
            if start < pos < len(line):
                out.append(line[start:pos])
                start = pos
        out.append(line[start:])
    return "\n".join(out)


def _annotate(text: str) -> str:
    table = pinyin_map()
    return "".join(f"{c}({table[c]})" if c in table else c for c in text)


def loader_text(content: str | list[str]) -> str:
    """What a loader reads back from the file: the text, or the docx paragraphs one per line."""
    return content if isinstance(content, str) else "\n".join(content)


def write(contract: Contract, content: str | list[str], directory: Path, rng: random.Random) -> Path:
    if isinstance(content, list):
        path = directory / f"{contract.contract_id}.docx"
        document = docx.Document()
        document.add_heading(content[0], level=1)
        for paragraph in content[1:]:
            document.add_paragraph(paragraph)
        _save_reproducibly(document, path)
        return path
    path = directory / f"{contract.contract_id}.txt"
    # Some scraped pages come in GB18030, as real downloads do; the loader detects it.
    encoding = "gb18030" if contract.format.startswith("scraped") and rng.random() < 0.25 else "utf-8"
    path.write_bytes(content.encode(encoding))
    return path


def _save_reproducibly(document: docx.document.Document, path: Path) -> None:
    """python-docx stamps "now" into the properties and the zip entries; a seed must give the same bytes."""
    document.core_properties.created = document.core_properties.modified = _EPOCH
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            entry = zipfile.ZipInfo(item.filename, date_time=_EPOCH.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(item))


def check_answers(contract: Contract, content: str | list[str]) -> None:
    """Every answer substring must be findable after the product's normalisation of what was written."""
    normalised = compact(normalize_document(loader_text(content)))
    for question in contract.questions:
        for answer in question["answers"]:
            if compact(answer["contains"]) not in normalised:
                raise AssertionError(f"{contract.contract_id}: {answer['contains']!r} lost in rendering")


def make_corpus(n: int, seed: int, out: Path) -> list[Contract]:
    directory = out / "contracts"
    directory.mkdir(parents=True, exist_ok=True)
    contracts = []
    with (out / "questions.jsonl").open("w", encoding="utf-8") as questions, (out / "manifest.jsonl").open(
        "w", encoding="utf-8"
    ) as manifest:
        for index, party in enumerate(parties(n, seed)):
            contract = build(index, seed, party)
            rng = random.Random(f"{seed}:{index}:render")
            content = render(contract, rng)
            check_answers(contract, content)
            path = write(contract, content, directory, rng)
            for question in contract.questions:
                questions.write(json.dumps(question, ensure_ascii=False) + "\n")
            record = {
                "contract_id": contract.contract_id,
                "file": path.name,
                "template": contract.template,
                "format": contract.format,
                "client": contract.client,
                "provider": contract.provider,
                "values": contract.values,
                "truth": contract.truth,
            }
            manifest.write(json.dumps(record, ensure_ascii=False) + "\n")
            contracts.append(contract)
    return contracts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int, help="number of contracts")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=Path("bench/out/corpus"))
    args = parser.parse_args(argv)
    contracts = make_corpus(args.n, args.seed, args.out)
    asked = sum(len(c.questions) for c in contracts)
    print(f"{len(contracts)} contracts and {asked} questions in {args.out}")


if __name__ == "__main__":
    main()

"""Load benchmark of the Telegram front end: 50 chats × 20 messages against one bot process.

The fake Bot API (testing/fake_bot_api.py) runs in this process; the bot runs as it does in
production, `python -m bot.telegram` in its own process: long polling, the rate limiter,
persistence and the real Assistant over the index in the data directory (`make index` first).
Each chat waits for the answer to one message before sending the next, as a person would.

    .venv/bin/python -m bench.load_telegram [--chats 50] [--messages 20]

Prints messages/s, reply latency (update posted → first reply message) percentiles, and the
replies lost (a message never answered) or duplicated (the same reply sent twice). Expect the
steady state to sit at the rate limiter's 30 requests/s (Telegram's flood limit): with 50 chats
waiting on each other, p50 ≈ 50 / 30 s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from bench.measure import percentiles
from bot.settings import Settings
from retrieval.index import index_folder
from testing.fake_bot_api import FakeBotApi

FIRST_CHAT = 10_001
STARTUP_SECONDS = 300  # loading the index and the embedder
ANSWER_SECONDS = 120
WARM_UP_MESSAGES = 3
QUIET_SECONDS = 2  # after the last answer, how long to listen for stray or repeated replies
MESSAGES = [
    "外呼协议提前终止要提前多久通知？",
    "那违约怎么处理？",
    "欠款10万元，客户晚付了30天，合同写明每日按未付金额的0.05%计违约金，该付多少？",
    "保密义务是怎么规定的？",
    "换成售后运营协议呢？",
    "甲方欠服务费5万元没付，已经拖了45天，按日万分之五算违约金",
    "/contracts",
    "服务费怎么支付？",
    "通知什么时候视为送达？",
    "/help",
]


async def main(chats: int, messages: int) -> int:
    settings = Settings()
    index_dir = index_folder(settings.data_dir)
    if not index_dir.exists():
        print(f"No index at {index_dir}: run `make index` first", file=sys.stderr)
        return 2
    async with FakeBotApi() as api:
        with tempfile.TemporaryDirectory() as data_dir:
            # A fresh data directory (persistence, notices) that reads the real index
            index_folder(Path(data_dir)).symlink_to(index_dir.resolve())
            log_path = Path(data_dir) / "bot.log"
            bot = await start_bot(api, Path(data_dir), chats, log_path)
            try:
                await wait_until_ready(api, bot, log_path)
                started = time.monotonic()
                latencies = await asyncio.gather(*(one_chat(api, FIRST_CHAT + n, messages) for n in range(chats)))
                elapsed = time.monotonic() - started
                await asyncio.sleep(QUIET_SECONDS)
            finally:
                await stop_bot(bot)
    report(api, latencies, elapsed, chats * messages)
    return 0


async def start_bot(api: FakeBotApi, data_dir: Path, chats: int, log_path: Path) -> asyncio.subprocess.Process:
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": api.token,
        "CONTRACTBOT_TELEGRAM_API_URL": api.base_url,
        "CONTRACTBOT_DATA_DIR": str(data_dir),
        "CONTRACTBOT_ALLOWED_USERS": ",".join(str(FIRST_CHAT + n) for n in range(chats)),
        "CONTRACTBOT_WEBHOOK_URL": "",
    }
    with log_path.open("wb") as log:
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.telegram", env=env, stdout=log, stderr=asyncio.subprocess.STDOUT
        )


async def wait_until_ready(api: FakeBotApi, bot: asyncio.subprocess.Process, log_path: Path) -> None:
    """The bot is polling once it has registered its commands (post_init)."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while not any(c.method == "setMyCommands" for c in api.calls):
        if bot.returncode is not None or time.monotonic() > deadline:
            tail = log_path.read_text(errors="replace")[-3000:]
            raise RuntimeError(f"the bot did not start (exit code {bot.returncode}):\n{tail}")
        await asyncio.sleep(0.2)


async def one_chat(api: FakeBotApi, chat_id: int, messages: int) -> list[float]:
    latencies = []
    for n in range(messages):
        sent_at = time.monotonic()
        update = await api.send_text(chat_id, MESSAGES[(chat_id + n) % len(MESSAGES)])
        key = (chat_id, update["message"]["message_id"])
        try:
            await api.wait_for(lambda: key in api.answers, ANSWER_SECONDS)
        except TimeoutError:
            continue  # counted as lost in the report
        latencies.append(api.answers[key][0].at - sent_at)
    return latencies


async def stop_bot(bot: asyncio.subprocess.Process) -> None:
    if bot.returncode is None:
        bot.terminate()  # run_polling stops cleanly on SIGTERM
        try:
            await asyncio.wait_for(bot.wait(), 30)
        except TimeoutError:
            bot.kill()
            await bot.wait()


def report(api: FakeBotApi, per_chat: list[list[float]], elapsed: float, sent: int) -> None:
    answered = len(api.answers)
    duplicated = sum(
        count - 1
        for replies in api.answers.values()
        for count in Counter((c.method, c.text) for c in replies).values()
    )
    print(f"messages:        {sent} ({answered} answered) in {elapsed:.1f} s")
    print(f"throughput:      {sent / elapsed:.1f} messages/s")
    print(f"reply latency:   {latency_line([s for chat in per_chat for s in chat])}")
    # The core's first answers after a start are slow (lazy loading): the steady state, apart
    warm = [s for chat in per_chat for s in chat[WARM_UP_MESSAGES:]]
    print(f"  after warm-up: {latency_line(warm)} (each chat's first {WARM_UP_MESSAGES} messages left out)")
    print(f"lost replies:    {sent - answered}")
    print(f"duplicated:      {duplicated}")


def latency_line(seconds: list[float]) -> str:
    if len(seconds) < 2:
        return "n/a"
    cuts = percentiles([s * 1000 for s in seconds])
    return f"p50 {cuts['p50']:.0f} ms, p95 {cuts['p95']:.0f} ms, p99 {cuts['p99']:.0f} ms"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=50)
    parser.add_argument("--messages", type=int, default=20, help="per chat")
    arguments = parser.parse_args()
    sys.exit(asyncio.run(main(arguments.chats, arguments.messages)))

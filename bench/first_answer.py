"""Start-up probe: answer one clause question with a built index, then exit. The bench times it from outside."""

from __future__ import annotations

import sys

from bot.assistant import Assistant
from bot.models import Session
from bot.settings import Settings


def main() -> None:
    assistant = Assistant.from_settings(Settings())
    question = sys.argv[1] if len(sys.argv) > 1 else "外呼协议提前终止要提前几天通知?"
    print(assistant.reply(question, Session(interactive=False)).text.replace("\n", " "), flush=True)


if __name__ == "__main__":
    main()

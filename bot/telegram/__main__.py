"""`python -m bot.telegram`: serve with the settings from the environment (CONTRACTBOT_*, TELEGRAM_BOT_TOKEN)."""

import logging

from bot.settings import get_settings
from bot.telegram import run_bot

logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=logging.INFO)
logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per Bot API call otherwise
run_bot(get_settings())

"""The contractbot assistant core and its front ends (CLI, Telegram)."""

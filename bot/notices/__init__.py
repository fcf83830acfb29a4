"""Notice drafting: termination letters, payment demands and breach notices as .docx.

Pure core code (no front-end imports). The assistant scores messages (bot.intents) with `NoticeDrafter.progress`,
`names_notice_type` and `is_command`, and calls
`NoticeDrafter.handle`; the evaluation reads drafts back with `docx_text`.
"""

from bot.notices.docx import docx_text
from bot.notices.drafting import NoticeDrafter

__all__ = ["NoticeDrafter", "docx_text"]

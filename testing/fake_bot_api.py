"""A fake Telegram Bot API on 127.0.0.1, just enough for the bot's normal polling loop.

Tests (and bench/load_telegram.py) play the users: they queue updates, the bot long-polls them
with getUpdates (or, once it has called setWebhook, they are posted to its webhook as Telegram
does), and everything the bot sends is recorded as a `Call` to read back.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from aiohttp import ClientSession, web

BOT_USER = {"id": 1000, "is_bot": True, "first_name": "ContractBot", "username": "contract_test_bot"}


@dataclass
class Call:
    """One Bot API request the bot made."""

    method: str
    params: dict[str, Any]
    result: Any = None
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # field → (file name, bytes)
    at: float = field(default_factory=time.monotonic)

    @property
    def chat_id(self) -> int | None:
        chat_id = self.params.get("chat_id")
        return int(chat_id) if chat_id is not None else None

    @property
    def reply_to(self) -> int | None:
        """The id of the message this one quotes."""
        reply = self.params.get("reply_parameters") or {}
        return reply.get("message_id")

    @property
    def text(self) -> str:
        return str(self.params.get("text") or self.params.get("caption") or "")

    def buttons(self) -> list[tuple[str, str]]:
        """(label, callback_data) of every inline button on the message."""
        markup = self.params.get("reply_markup") or {}
        return [
            (button["text"], button["callback_data"])
            for row in markup.get("inline_keyboard", [])
            for button in row
            if "callback_data" in button
        ]


class FakeBotApi:
    """Start with `async with FakeBotApi(token) as api:`; point the bot at `api.base_url`."""

    def __init__(self, token: str = "123456:TEST") -> None:
        self.token = token
        self.calls: list[Call] = []
        self.answers: dict[tuple[int, int], list[Call]] = {}  # (chat, quoted message id) → replies
        self.failing: set[str] = set()  # methods that answer with a server error
        self._updates: list[dict[str, Any]] = []
        self._files: dict[str, tuple[str, bytes]] = {}
        self._ids = itertools.count(1)
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self._closing = False
        self._webhook: tuple[str, str] | None = None  # (url, secret token) from setWebhook
        self.port = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    async def __aenter__(self) -> FakeBotApi:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        self._runner = web.AppRunner(app, shutdown_timeout=1)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # port 0: the OS picked one
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        async with self._changed:
            self._closing = True
            self._changed.notify_all()  # end pending long polls so the server closes at once
        if self._runner:
            await self._runner.cleanup()

    # ---- what users do -------------------------------------------------------------------

    async def send_text(self, chat_id: int, text: str, user_id: int | None = None) -> dict[str, Any]:
        message = self._user_message(chat_id, user_id, text=text)
        if text.startswith("/"):
            command = text.split()[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return await self._push({"message": message})

    async def send_document(
        self, chat_id: int, file_name: str, data: bytes, user_id: int | None = None, mime_type: str = ""
    ) -> dict[str, Any]:
        file_id = f"file{next(self._ids)}"
        self._files[file_id] = (file_name, data)
        document = {"file_id": file_id, "file_unique_id": file_id, "file_name": file_name, "file_size": len(data)}
        if mime_type:
            document["mime_type"] = mime_type
        return await self._push({"message": self._user_message(chat_id, user_id, document=document)})

    async def send_photo(
        self, chat_id: int, data: bytes, size: tuple[int, int], user_id: int | None = None
    ) -> dict[str, Any]:
        """A photo sent as a photo (Telegram keeps it as JPEG sizes, without a file name)."""
        file_id = f"file{next(self._ids)}"
        self._files[file_id] = (f"{file_id}.jpg", data)
        width, height = size
        photo = {"file_id": file_id, "file_unique_id": file_id, "width": width, "height": height, "file_size": len(data)}
        return await self._push({"message": self._user_message(chat_id, user_id, photo=[photo])})

    async def press(self, call: Call, callback_data: str, user_id: int | None = None) -> dict[str, Any]:
        """Press an inline button on a message the bot sent."""
        chat_id = call.chat_id
        assert chat_id is not None
        query = {
            "id": str(next(self._ids)),
            "from": _user(user_id or chat_id),
            "chat_instance": str(chat_id),
            "data": callback_data,
            "message": {**call.result, "from": BOT_USER},
        }
        return await self._push({"callback_query": query})

    # ---- what the bot did ----------------------------------------------------------------

    def sent(self, chat_id: int | None = None) -> list[Call]:
        """Messages and documents the bot sent (to one chat), oldest first."""
        return [
            c
            for c in self.calls
            if c.method in ("sendMessage", "sendDocument") and (chat_id is None or c.chat_id == chat_id)
        ]

    async def wait_for(self, predicate: Callable[[], bool], timeout: float = 10) -> None:
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(predicate), timeout)

    async def replies(self, chat_id: int, after: int, count: int = 1, timeout: float = 10) -> list[Call]:
        """Wait for `count` messages or documents to `chat_id` beyond the first `after` ones."""
        await self.wait_for(lambda: len(self.sent(chat_id)) >= after + count, timeout)
        return self.sent(chat_id)[after:]

    # ---- the server side -----------------------------------------------------------------

    def _user_message(self, chat_id: int, user_id: int | None, **content: Any) -> dict[str, Any]:
        chat = {"id": chat_id, "type": "private" if chat_id > 0 else "group", "title": "staff"}
        return {
            "message_id": next(self._ids),
            "date": int(time.time()),
            "chat": chat,
            "from": _user(user_id or chat_id),
            **content,
        }

    async def _push(self, update: dict[str, Any]) -> dict[str, Any]:
        update["update_id"] = next(self._ids)
        if self._webhook:
            url, secret = self._webhook
            async with ClientSession() as session:
                response = await session.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": secret})
                response.raise_for_status()
            return update
        async with self._changed:
            self._updates.append(update)
            self._changed.notify_all()
        return update

    async def _api(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        method = request.match_info["method"]
        params, files = await _read_params(request)
        if method in self.failing:
            await self._record(Call(method, params, files=files))
            return _error(500, f"Internal Server Error (fake failure of {method})")
        if method == "getUpdates":
            return _ok(await self._get_updates(params))
        handler = getattr(self, f"_do_{method}", None)
        if handler is None:
            return _error(404, f"Not Found: method {method} is not faked")
        result = handler(params, files)
        await self._record(Call(method, params, result, files))
        return _ok(result)

    async def _record(self, call: Call) -> None:
        async with self._changed:
            self.calls.append(call)
            if call.chat_id is not None and call.reply_to is not None:
                self.answers.setdefault((call.chat_id, call.reply_to), []).append(call)
            self._changed.notify_all()

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        async with self._changed:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]  # confirmed ones go
            try:
                await asyncio.wait_for(self._changed.wait_for(lambda: bool(self._updates) or self._closing), timeout)
            except TimeoutError:
                pass
            return list(self._updates[: int(params.get("limit") or 100)])

    async def _download(self, request: web.Request) -> web.Response:
        file_id = PurePosixPath(request.match_info["path"]).stem  # documents/<file_id>.<suffix>
        if request.match_info["token"] != self.token or file_id not in self._files:
            return web.Response(status=404)
        return web.Response(body=self._files[file_id][1])

    def _message(self, params: dict[str, Any], **content: Any) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        message = {
            "message_id": next(self._ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group", "title": "staff"},
            "from": BOT_USER,
            **content,
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return message

    def _do_getMe(self, params: dict[str, Any], files: dict) -> dict[str, Any]:
        return BOT_USER

    def _do_sendMessage(self, params: dict[str, Any], files: dict) -> dict[str, Any]:
        return self._message(params, text=params["text"])

    def _do_editMessageText(self, params: dict[str, Any], files: dict) -> dict[str, Any]:
        return self._message(params, text=params["text"])

    def _do_sendDocument(self, params: dict[str, Any], files: dict) -> dict[str, Any]:
        file_name, data = files["document"]
        file_id = f"file{next(self._ids)}"
        self._files[file_id] = (file_name, data)
        document = {"file_id": file_id, "file_unique_id": file_id, "file_name": file_name, "file_size": len(data)}
        return self._message(params, document=document, caption=params.get("caption", ""))

    def _do_getFile(self, params: dict[str, Any], files: dict) -> dict[str, Any]:
        file_id = params["file_id"]
        file_name, data = self._files[file_id]
        suffix = file_name.rsplit(".", 1)[-1] if "." in file_name else "bin"
        path = f"documents/{file_id}.{suffix}"
        return {"file_id": file_id, "file_unique_id": file_id, "file_size": len(data), "file_path": path}

    def _do_setWebhook(self, params: dict[str, Any], files: dict) -> bool:
        self._webhook = (params["url"], params.get("secret_token", ""))
        return True

    def _do_deleteWebhook(self, params: dict[str, Any], files: dict) -> bool:
        self._webhook = None
        return True

    def _do_true(self, params: dict[str, Any], files: dict) -> bool:
        return True

    _do_sendChatAction = _do_answerCallbackQuery = _do_setMyCommands = _do_true
    _do_deleteMyCommands = _do_close = _do_logOut = _do_true


def _user(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": f"user{user_id}", "language_code": "zh-hans"}


async def _read_params(request: web.Request) -> tuple[dict[str, Any], dict[str, tuple[str, bytes]]]:
    """PTB sends form fields (JSON-encoded when not plain strings) and multipart for uploads."""
    params: dict[str, Any] = {}
    files: dict[str, tuple[str, bytes]] = {}
    if request.content_type == "application/json":
        return await request.json(), files
    form = await request.post()
    for name, value in form.items():
        if isinstance(value, web.FileField):
            files[name] = (value.filename, value.file.read())
        else:
            params[name] = _decode(value)
    return params, files


def _decode(value: str) -> Any:
    if value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _ok(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


def _error(code: int, description: str) -> web.Response:
    return web.json_response({"ok": False, "error_code": code, "description": description}, status=code)

"""A small OpenAI-compatible chat server on 127.0.0.1 that replays canned completions (tests only).

Each canned reply names a piece of text the request's last message contains; the first match answers, as
plain content or as a tool call (what `with_structured_output(method="function_calling")` reads). A request
no canned reply matches gets HTTP 500, as a broken model would.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Canned:
    when: str  # a substring of the last message of the request
    content: str = ""
    tool_arguments: dict[str, Any] | None = None  # answer with a call of the one tool offered


@dataclass
class StubServer:
    url: str  # base URL for an OpenAI client, ending in /v1
    requests: list[dict] = field(default_factory=list)


def _completion(request: dict, canned: Canned) -> dict:
    message: dict[str, Any] = {"role": "assistant", "content": canned.content}
    if canned.tool_arguments is not None:
        tool = request["tools"][0]["function"]["name"]
        message = {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {"id": "call_stub", "type": "function",
                 "function": {"name": tool, "arguments": json.dumps(canned.tool_arguments, ensure_ascii=False)}}
            ],
        }
    return {
        "id": "chatcmpl-stub",
        "object": "chat.completion",
        "created": 0,
        "model": request.get("model", "stub"),
        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


@contextmanager
def openai_stub(canned: list[Canned]) -> Iterator[StubServer]:
    server_info = StubServer(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            server_info.requests.append(request)
            last = request["messages"][-1]["content"]
            match = next((c for c in canned if c.when in last), None)
            status, body = (200, _completion(request, match)) if match else (500, {"error": {"message": "no canned reply"}})
            payload = json.dumps(body, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: object) -> None:  # keep test output clean
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server_info.url = f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server_info
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()

"""A real `chroma run` server on 127.0.0.1, started and stopped around a block (tests and benchmarks)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def chroma_binary() -> str | None:
    """The `chroma` CLI installed beside this interpreter (.venv/bin/chroma), else one on PATH."""
    return shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def heartbeat(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@contextmanager
def chroma_server(path: Path, log_path: Path, timeout: float = 60.0) -> Iterator[str]:
    """Serve PATH on a free loopback port; yields the URL once the heartbeat answers, stops the server after."""
    binary = chroma_binary()
    if binary is None:
        raise FileNotFoundError(f"no `chroma` binary beside {sys.executable} or on PATH (chromadb provides it)")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [binary, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + timeout
            while not heartbeat(url):
                if server.poll() is not None:
                    raise RuntimeError(f"chroma run exited with {server.returncode}:\n{log_path.read_text()}")
                if time.monotonic() > deadline:
                    raise TimeoutError(f"chroma run did not answer its heartbeat within {timeout:.0f} s")
                time.sleep(0.2)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=10)

# contractbot: the Telegram bot (or `docker run -it … chat` for the terminal chat), CPU only.
# `compose.yaml` runs it beside a `chroma run` server; `scripts/check_package.sh` (part of `make test`) stages
# this file's COPY sources and runs the same two scripts outside a container.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    CONTRACTBOT_DATA_DIR=/data CONTRACTBOT_KNOWLEDGE_DIR=/app/knowledge
WORKDIR /app

# gcc: a few wheels (jieba's dictionary build, chinesecalendar) may compile on slim images.
# libgl1, libglib2.0-0: OpenCV (under RapidOCR, which reads scans and page photos) links against them.
RUN apt-get update && apt-get install -y --no-install-recommends gcc libgl1 libglib2.0-0 && rm -rf /var/lib/apt/lists/*

COPY pyproject.toml README.md ./
COPY bot ./bot
COPY evaluation ./evaluation
COPY retrieval ./retrieval
COPY text ./text
COPY knowledge ./knowledge
COPY scripts ./scripts

# torch's CPU build from PyTorch's CPU index, then the wheel built from /app (not an editable install).
RUN TORCH_PIP_ARGS="--index-url https://download.pytorch.org/whl/cpu" scripts/install.sh /app /tmp/wheels \
    && rm -rf /tmp/wheels

# The packaging check: index and ask from outside /app into a throwaway data dir; any failed file fails the
# build. The real index is built in /data on start (compose runs `contractbot index` first).
RUN cd / && CONTRACTBOT_DATA_DIR=/tmp/smoke /app/scripts/smoke.sh && rm -rf /tmp/smoke

VOLUME /data
CMD ["contractbot", "run"]

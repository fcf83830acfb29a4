# contractbot: the Telegram bot (or `docker run -it … chat` for the terminal chat), CPU only.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    CONTRACTBOT_DATA_DIR=/data CONTRACTBOT_KNOWLEDGE_DIR=/app/knowledge
WORKDIR /app

# gcc: a few wheels (jieba's dictionary build, chinesecalendar) may compile on slim images.
RUN apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*

# The CPU build of torch first, from PyTorch's CPU index, so nothing pulls the CUDA wheels.
RUN pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu

COPY pyproject.toml README.md ./
COPY bot ./bot
COPY retrieval ./retrieval
COPY knowledge ./knowledge
RUN pip install .

# Build the index into the image; mount a volume on /data to keep sessions and notices across runs
# (the index is rebuilt there on first start if the volume starts empty).
RUN contractbot index

VOLUME /data
CMD ["contractbot", "run"]

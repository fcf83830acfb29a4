#!/usr/bin/env bash
# The packaging check `make test` runs: install contractbot the way the Dockerfile does, into a fresh
# virtualenv outside the checkout, then index and ask from another directory. Any error fails it.
#
# The files staged are the Dockerfile's COPY sources and the install is the Dockerfile's scripts/install.sh,
# so this is the image build minus the container engine.   Usage: scripts/check_package.sh [PYTHON]
set -euo pipefail
python=${1:-python3}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/contractbot-package.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Stage /app as the Dockerfile does: `COPY a b ./dest` lines, sources relative to the checkout.
mkdir -p "$work/app"
while read -r -a words; do
  for source in "${words[@]:1:${#words[@]}-2}"; do
    cp -R "$repo/$source" "$work/app/"
  done
done < <(grep '^COPY ' "$repo/Dockerfile")

"$python" -m venv "$work/venv"
export PATH="$work/venv/bin:$PATH" VIRTUAL_ENV="$work/venv"
unset PYTHONPATH
(cd "$work/app" && scripts/install.sh "$work/app" "$work/wheels")

# The package must not carry the checkout's data: knowledge/ is found only through the setting.
if python -m zipfile -l "$work"/wheels/contractbot-*.whl | grep -q ' knowledge/'; then
  echo "the wheel contains knowledge/: it must come from CONTRACTBOT_KNOWLEDGE_DIR" >&2
  exit 1
fi

mkdir "$work/elsewhere"
cd "$work/elsewhere"
env -u CONTRACTBOT_CHROMA_URL -u CONTRACTBOT_CHROMA_PATH \
  CONTRACTBOT_KNOWLEDGE_DIR="$work/app/knowledge" CONTRACTBOT_DATA_DIR="$work/data" \
  "$work/app/scripts/smoke.sh"
echo "package check passed"

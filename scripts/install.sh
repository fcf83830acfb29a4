#!/bin/sh
# Install contractbot from a source tree the way a user does: build the wheel, install it (not editable).
# The Dockerfile runs this, and so does scripts/check_package.sh (in a fresh virtualenv), so `make test`
# exercises the image's install steps.   Usage: scripts/install.sh SOURCE_DIR WHEEL_DIR
set -eu
source_dir=$1
wheel_dir=$2
# The CPU build of torch first, so nothing that depends on torch pulls the CUDA wheels. TORCH_PIP_ARGS
# names where it comes from (the Dockerfile: PyTorch's CPU index; here: pip's configured find-links).
# shellcheck disable=SC2086
python -m pip install --quiet ${TORCH_PIP_ARGS:-} torch==2.13.0
python -m pip wheel --quiet --no-deps --wheel-dir "$wheel_dir" "$source_dir"
python -m pip install --quiet "$wheel_dir"/contractbot-*.whl

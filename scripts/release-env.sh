# Sourced before `trunk build --release` (scripts/test.sh, serve.sh, bench.sh; README's build
# line): the release modules are built with the standard library compiled from source
# (nightly's `-Zbuild-std`) with `-Cpanic=immediate-abort`, so a panic is the WebAssembly trap it
# already ends in (panic = "abort") without the formatting and location code that every panic
# site of the precompiled standard library brings: 23.8 KB gzip of the start-up download,
# 22.7 KB of the screens module, 40 KB of the reader worker (BENCHMARKS.md, session 15).
# The page shows its Chinese "程序出现意外错误" banner from JavaScript (public/loader.js), which
# sees the trap either way.
#
# Needs a nightly toolchain with its `rust-src` component and the library's crates fetched
# (scripts/setup.sh does both). Where the machine has not, the build falls back to the stable
# toolchain and its precompiled standard library, says so, and exports JIXIAO_STD=prebuilt, for
# which scripts/size-report.mjs holds the larger figures of that build. Native tests and the
# wasm tests always use the stable toolchain.
jixiao_host="$(rustc -vV 2>/dev/null | sed -n 's/^host: //p')"
jixiao_toolchains="$(rustup toolchain list 2>/dev/null | cut -d' ' -f1)"
jixiao_nightly=""
# Only toolchains already installed are asked (`rustup +name` of another may install it), and
# only one whose library sources and crates are all here (the build runs offline).
for t in nightly-2026-05-19 nightly; do
  grep -qx "$t-$jixiao_host" <<<"$jixiao_toolchains" || continue
  grep -qx 'rust-src' <<<"$(rustup +"$t" component list --installed 2>/dev/null)" || continue
  jixiao_library="$(rustc +"$t" --print sysroot 2>/dev/null)/lib/rustlib/src/rust/library"
  cargo +"$t" fetch --offline --quiet --manifest-path "$jixiao_library/Cargo.toml" >/dev/null 2>&1 || continue
  jixiao_nightly="$t"
  break
done
if [ -n "$jixiao_nightly" ]; then
  export RUSTUP_TOOLCHAIN="$jixiao_nightly"
  export CARGO_UNSTABLE_BUILD_STD="std,panic_abort"
  # Appended to .cargo/config.toml's flags for this target (cargo joins the two lists).
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort"
  export JIXIAO_STD=rebuilt
else
  echo "[release] WARNING: no nightly toolchain with rust-src and its crates here; building with the precompiled standard library (≈24 KB gzip larger start-up)" >&2
  export JIXIAO_STD=prebuilt
fi
unset jixiao_host jixiao_toolchains jixiao_nightly jixiao_library

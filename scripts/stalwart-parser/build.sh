#!/usr/bin/env bash
# Builds Stalwart's own config parser (v0.12.5) from its source, for expect.sh. Needs
# rustc and Stalwart's git repository (STALWART_REPO, by default the machine's mirror).
# Not part of the tests: they compare with the expectations it wrote.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="${STALWART_REPO:-/work/.mirror/stalwartlabs+stalwart/repo}"
out="${TMPDIR:-/tmp}/stalwart-parser"
mkdir -p "$out"
{
  git -C "$repo" show v0.12.5:crates/utils/src/config/parser.rs |
    sed -n '/^use std::{/,/^#\[cfg(test)\]/p' | sed '$d' |
    sed 's/^use super::{Config, Result};/type Result<T> = std::result::Result<T, String>;\n#[derive(Default)]\npub struct Config { pub keys: BTreeMap<String, String> }/'
  cat "$here/main.rs"
} >"$out/main.rs"
rustc -O --edition 2021 "$out/main.rs" -o "$out/parse"
echo "$out/parse"

#!/usr/bin/env bash
# Writes test/fixtures/configs/<origin>/<name>.expected.json: what Stalwart v0.12.5's own
# parser makes of each corpus config (its sorted keys, or its error), for corpus.test.ts.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
parser="$("$here/build.sh")"
cd "$here/../.."
find test/fixtures/configs -name '*.toml' -print0 | sort -z | xargs -0 "$parser" |
  while IFS=$'\t' read -r path result; do
    printf '%s\n' "$result" >"${path%.toml}.expected.json"
    echo "${path%.toml}.expected.json"
  done

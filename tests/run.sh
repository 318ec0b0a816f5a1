#!/usr/bin/env bash
# The one test command (README "Run every test"; .ci/run calls it). It installs what the
# tests need when missing: Debian's Chromium and the npm packages of the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if [ ! -x /usr/bin/chromium ]; then
  echo "== installing Debian's chromium for the browser tests"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
fi
if [ ! -d tests/browser/node_modules/playwright-core ] || [ ! -d tests/browser/node_modules/axe-core ]; then
  echo "== installing the browser tests' npm packages"
  (cd tests/browser && npm ci --no-audit --no-fund)
fi

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== no import cycles between source files"
python3 tests/import_cycles.py src
echo "== cargo clippy"
cargo clippy --all-targets -- -D warnings
echo "== cargo test"
cargo test
echo "== browser tests (headless Chromium)"
cargo build --quiet
(cd tests/browser && AULA_BIN="$PWD/../../target/debug/aula" node --test --test-concurrency=1)

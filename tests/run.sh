#!/usr/bin/env bash
# The one test command (README "Run every test"; .ci/run calls it). It installs what the
# tests need when missing: Debian's Chromium and xmllint, and the npm packages of the browser
# tests (scorm-again is the LMS side of the LMS package's tests).
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
# Chromium for the browser tests, xmllint (libxml2-utils) to validate the LMS packages'
# manifests against the SCORM schemas and to check `aula export`'s Moodle XML
# (tests/export.rs: well-formed, and its structure by XPath).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v xmllint >/dev/null || missing+=(libxml2-utils)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing Debian's ${missing[*]} for the tests"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi
modules=tests/browser/node_modules
if [ ! -d $modules/playwright-core ] || [ ! -d $modules/axe-core ] || [ ! -d $modules/scorm-again ]; then
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

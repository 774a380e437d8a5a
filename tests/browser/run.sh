#!/bin/sh
# Runs one browser test (a Node script of this directory) in headless Chromium.
#
# usage: run.sh WORK_DIR TEST.mjs [ARG...]
# Installs playwright-core from package-lock.json into WORK_DIR (npm ci, only when the lock file
# changed since the last install there), then runs `node TEST.mjs ARG...` with
# JOBAWARD_BROWSER_MODULES=WORK_DIR (harness.mjs loads playwright-core from there) and
# JOBAWARD_BROWSER_ARTEFACTS=WORK_DIR/artefacts. No browser is downloaded: the tests drive
# Debian's /usr/bin/chromium.
#
# Exit 77 (ctest: skipped) when node, npm or chromium is missing — unless CI is set (.ci/run
# and CI machines), where a missing tool is a failure: CI must run these tests.
set -u
work=$1
test=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)

missing() {
  if [ -n "${CI:-}" ]; then
    echo "run.sh: $1 is not installed, and CI must run the browser tests" >&2
    exit 1
  fi
  echo "run.sh: $1 is not installed: browser test skipped (CI runs it)" >&2
  exit 77
}
command -v node >/dev/null 2>&1 || missing node
command -v npm >/dev/null 2>&1 || missing npm
[ -x "${JOBAWARD_CHROMIUM:-/usr/bin/chromium}" ] || missing "chromium (apt-get install chromium fonts-noto-cjk)"

mkdir -p "$work/artefacts"
if ! cmp -s "$here/package-lock.json" "$work/node_modules/.jobaward-lock.json"; then
  cp "$here/package.json" "$here/package-lock.json" "$work/"
  if ! npm ci --prefix "$work" --no-audit --no-fund --loglevel=error >"$work/npm.log" 2>&1; then
    cat "$work/npm.log" >&2
    echo "run.sh: npm ci failed (log above)" >&2
    exit 1
  fi
  cp "$here/package-lock.json" "$work/node_modules/.jobaward-lock.json"
fi
JOBAWARD_BROWSER_MODULES=$work JOBAWARD_BROWSER_ARTEFACTS=$work/artefacts \
  exec node "$here/$test" "$@"

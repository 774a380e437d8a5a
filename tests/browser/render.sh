#!/bin/sh
# Renders an HTML page in headless Chromium with every host name unresolvable, for the browser
# test in tests/unit/html_report_test.cpp.
#
# usage: render.sh PAGE.html OUTDIR
# writes OUTDIR/dom.html (the DOM after load, --dump-dom), OUTDIR/screenshot.png (1280x2000),
# OUTDIR/netlog-dom.json and OUTDIR/netlog-shot.json (Chromium net logs of both runs) and
# OUTDIR/chromium-*.log (its stderr). Exit 77 when no Chromium is installed (the test skips).
set -u
page=$1
out=$2
browser=""
for candidate in chromium chromium-browser google-chrome; do
  if command -v "$candidate" >/dev/null 2>&1; then
    browser=$candidate
    break
  fi
done
if [ -z "$browser" ]; then
  echo "render.sh: no chromium installed (apt-get install chromium fonts-noto-cjk)" >&2
  exit 77
fi
case $page in
  /*) ;;
  *) page=$(pwd)/$page ;;
esac

# --no-sandbox: CI runs as root, where Chromium's sandbox cannot start. The switches that stop
# background services keep the net log about the page; the host-resolver rule makes any request
# that slips through fail instead of reaching the network.
run() {
  log=$1
  shift
  profile=$(mktemp -d)
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --disable-quic --no-first-run --no-default-browser-check --disable-background-networking \
    --disable-component-update --disable-sync --disable-extensions --disable-default-apps \
    --host-resolver-rules="MAP * ~NOTFOUND" --user-data-dir="$profile" "$@" \
    "file://$page" 2>"$out/chromium-$log.log"
  status=$?
  rm -rf "$profile"
  return $status
}

run dom --log-net-log="$out/netlog-dom.json" --dump-dom >"$out/dom.html" || exit 1
run shot --log-net-log="$out/netlog-shot.json" --screenshot="$out/screenshot.png" \
  --window-size=1280,2000 >/dev/null || exit 1
exit 0

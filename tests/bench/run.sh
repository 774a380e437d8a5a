#!/bin/sh
# One command for every benchmark: configures a Release build with the benchmark programs in
# build-bench/ (or $BUILD), builds them, records the machine, then runs each section below.
# Figures are copied by hand into tests/bench/RESULTS.md. Add a section per benchmark.
# The machine is shared: do not run this in a loop.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-$ROOT/build-bench}
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DJOBAWARD_BUILD_BENCHMARKS=ON \
  -DCMAKE_CXX_COMPILER_LAUNCHER=ccache >/dev/null
# Build only the benchmark programs (add yours to BENCH_TARGETS).
BENCH_TARGETS="simulate_bench sensitivity_bench cohorts_bench report_xlsx_bench gaps_bench jobaward"
cmake --build "$BUILD" -j2 --target $BENCH_TARGETS >/dev/null

echo "== machine"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') x $(nproc)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "compiler: $(c++ --version | head -1)"

# -- simulate (issue 4): draws/s with every noise source on, at 1 and 2 threads; peak RSS at
#    10^4, 10^5, 10^6 draws (SIMULATE_ARGS passes extra flags, e.g. --reports DIR).
echo "== simulate"
SIM="$BUILD/tests/bench/simulate_bench ${SIMULATE_ARGS:-}"
$SIM --draws 20000 --threads 1
$SIM --draws 20000 --threads 2
for n in 10000 100000 1000000; do
  /usr/bin/time -f "  /usr/bin/time: max RSS %M KB, %e s elapsed, %U s user" $SIM --draws $n --threads 2
done

# -- the numpy peer side by side (issue 15): the peer (../shared/peers, PEER=DIR to override)
#    and simulate_bench on tests/bench/peer-model/, in turn, 3 times; medians, speed ratios and
#    the agreement (max |z|). Needs python3-numpy; skipped without it or without the peer.
echo "== peer model"
PEER=${PEER:-}
for candidate in "$ROOT/../shared/peers" "$ROOT/../../shared/peers"; do
  [ -z "$PEER" ] && [ -f "$candidate/numpy_award_sim.py" ] && PEER=$candidate
done
if [ -n "$PEER" ] && /usr/bin/python3 -c "import numpy" 2>/dev/null; then
  /usr/bin/python3 "$ROOT/tests/bench/peer_compare.py" --bench "$BUILD/tests/bench/simulate_bench" \
    --peer "$PEER" --draws 100000 --repeats 3
else
  echo "  skipped: needs the numpy peer (PEER=DIR) and python3-numpy"
fi

# -- cohort re-assignment (issues 4 and 5): µs per call of the paths that re-assign the 2020
#    cohorts for drawn thresholds.
echo "== cohorts"
"$BUILD/tests/bench/cohorts_bench"

# -- sensitivity (issue 5): Sobol indices of every uncertainty group of the 2020 default with
#    N = 8,192 base samples on 2 threads: time and peak RSS (SENSITIVITY_ARGS passes extra
#    flags, e.g. --reports DIR).
echo "== sensitivity"
/usr/bin/time -f "  /usr/bin/time: max RSS %M KB, %e s elapsed, %U s user" \
  "$BUILD/tests/bench/sensitivity_bench" --samples 8192 --threads 2 ${SENSITIVITY_ARGS:-}

# -- what it takes (issue 18): every government, input and goal of both 2020 categories on 1
#    and 2 threads (target: < 2 s on 2 threads), best of 3 runs; the CLI end to end once.
echo "== gaps"
"$BUILD/tests/bench/gaps_bench" --threads 1 --repeat 3
"$BUILD/tests/bench/gaps_bench" --threads 2 --repeat 3
DIR=$(mktemp -d)
/usr/bin/time -f "  /usr/bin/time: max RSS %M KB, %e s elapsed, %U s user" \
  "$BUILD/engine/jobaward" gaps --threads 2 --format csv --out "$DIR/gaps.csv"
rm -rf "$DIR"

# -- batch scoring (issue 3): 2,500 / 5,000 / 10,000 generated reports scored through the CLI
#    (synthetic registry of the same size, the 2020 rules and both 2020 rubrics): reports/s and
#    peak RSS. Reports/s = reports / elapsed; on a loaded machine see user time too.
echo "== batch scoring"
JOBAWARD="$BUILD/engine/jobaward"
for n in 2500 5000 10000; do
  DIR=$(mktemp -d)
  "$JOBAWARD" synth --seed 7 --count $n --out "$DIR" >/dev/null
  echo "  $n reports:"
  /usr/bin/time -f "  /usr/bin/time: max RSS %M KB, %e s elapsed, %U s user, %S s sys" \
    "$JOBAWARD" score --registry "$DIR/registry.csv" --reports "$DIR" --format csv \
    --out "$DIR/scores.csv"
  rm -rf "$DIR"
done

# -- batch scoring from workbooks (issue 17): the 243 bundled reports as filled report templates,
#    loaded and scored in-process as `score --reports DIR` does (median of 15 rounds), against
#    the YAML files; then the time `jobaward template` takes to write the blank template.
echo "== batch scoring from workbooks"
"$BUILD/tests/bench/report_xlsx_bench" --rounds 15 --threads 2
DIR=$(mktemp -d)
"$JOBAWARD" template --out "$DIR/template.xlsx" >/dev/null
/usr/bin/time -f "  /usr/bin/time (template): %e s elapsed, %U s user" \
  "$JOBAWARD" template --out "$DIR/template.xlsx" >/dev/null
rm -rf "$DIR"

# -- the what-if server (issue 16): 50 concurrent clients x 4 award recomputations on loopback,
#    each with overrides of its own (no cache hit): errors (must be 0), p50/p99 of the server
#    time and of the latency the clients saw; the first probability estimate (1,024 draws).
echo "== serve"
/usr/bin/python3 "$ROOT/tests/bench/serve_load.py" "$JOBAWARD" --clients 50 --requests 4

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
BENCH_TARGETS="simulate_bench sensitivity_bench"
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

# -- sensitivity (issue 5): Sobol indices of every uncertainty group of the 2020 default with
#    N = 8,192 base samples on 2 threads: time and peak RSS (SENSITIVITY_ARGS passes extra
#    flags, e.g. --reports DIR).
echo "== sensitivity"
/usr/bin/time -f "  /usr/bin/time: max RSS %M KB, %e s elapsed, %U s user" \
  "$BUILD/tests/bench/sensitivity_bench" --samples 8192 --threads 2 ${SENSITIVITY_ARGS:-}

#!/usr/bin/env bash
# Builds the libFuzzer harnesses (clang, ASan + UBSan) and runs each for a bounded time.
#   tests/fuzz/run.sh SECONDS [NAME...]     e.g. tests/fuzz/run.sh 60 expr rubric report csv
# NAMEs are the harnesses fuzz_NAME.cpp (default: all). Each corpus is seeded from the bundled
# files and the error catalogue (tests/errors/) into the build directory, never into the source
# tree. A finding (crash, sanitizer report, leak, timeout, uncaught exception other than
# InputError) stops that fuzzer, leaves the input in $BUILD/fuzz-findings/, and makes the script
# exit 1 after all fuzzers ran. Reproduce with: $BUILD/tests/fuzz/fuzz_NAME FILE
# Environment: JOBAWARD_FUZZ_BUILD (default: build-fuzz in the repository root), JOBAWARD_JOBS
# (parallel compile jobs, default 2).
set -euo pipefail
if [[ $# -lt 1 || ! $1 =~ ^[0-9]+$ ]]; then
  echo "usage: tests/fuzz/run.sh SECONDS [NAME...]" >&2
  exit 2
fi
seconds=$1
shift
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${JOBAWARD_FUZZ_BUILD:-$root/build-fuzz}
all=(expr rubric report csv registry cohort_rules report_csv report_xlsx uncertainty ahp published serve
  report_json options)
names=("$@")
[[ ${#names[@]} -eq 0 ]] && names=("${all[@]}")

# -O1 with line tables: enough for the sanitizers' stacks, half the compile time of -O2 -g.
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG" "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG" \
  -DJOBAWARD_BUILD_FUZZERS=ON -DJOBAWARD_SANITIZE=ON -DJOBAWARD_WERROR=ON >/dev/null
targets=()
for name in "${names[@]}"; do targets+=("fuzz_$name"); done
cmake --build "$build" --parallel "${JOBAWARD_JOBS:-2}" --target "${targets[@]}"

# seed NAME FILE...: copies the files that exist into the corpus of NAME.
seed() {
  local dir=$build/fuzz-corpus/$1
  shift
  mkdir -p "$dir"
  for f in "$@"; do [[ -f $f && $f != *.expected ]] && cp "$f" "$dir/" || true; done
}
shopt -s nullglob
seed csv "$root"/cohorts/*.csv "$root"/examples/2020/*.csv "$root"/tests/errors/csv/* \
  "$root"/tests/errors/registry/* "$root"/tests/errors/report-csv/*
seed registry "$root"/cohorts/*.csv "$root"/tests/errors/registry/*
head -n 30 "$root/cohorts/governments-2020.csv" >"$build/fuzz-corpus/registry/first-29-rows.csv"
seed expr "$root"/tests/errors/expr/*
i=0
while IFS= read -r rule; do
  printf '%s' "$rule" >"$build/fuzz-corpus/expr/bundled-rule-$i.expr"
  i=$((i + 1))
done < <(sed -n 's/^ *rule: //p' "$root"/cohorts/*.yaml)
seed cohort_rules "$root"/cohorts/*.yaml "$root"/tests/errors/cohort-rules/*
seed rubric "$root"/rubrics/*.yaml "$root"/tests/errors/rubric/*
reports=("$root"/examples/2020/reports/*.yaml)
seed report "${reports[@]:0:20}" "$root"/tests/errors/report-yaml/*
seed report_csv "$root"/examples/2020/reports.csv "$root"/tests/errors/report-csv/*
head -n 20 "$root/examples/2020/reports.csv" >"$build/fuzz-corpus/report_csv/first-19-rows.csv" \
  2>/dev/null || true
# The catalogue's workbooks store their parts uncompressed (all but the zip bomb), so that byte
# mutations reach the XML instead of only breaking a deflate stream.
seed report_xlsx "$root"/tests/errors/report-xlsx/*.xlsx
seed uncertainty "$root"/examples/*/uncertainty*.yaml "$root"/tests/errors/uncertainty/*
seed ahp "$root"/examples/*/ahp*.yaml "$root"/tests/errors/ahp/*
seed published "$root"/examples/*/published.yaml "$root"/tests/errors/published/*
# serve: one request per file, "METHOD PATH", headers, an empty line, the body (fuzz_serve.cpp).
mkdir -p "$build/fuzz-corpus/serve"
printf 'GET /api/model\n\n' >"$build/fuzz-corpus/serve/model"
printf 'GET /\nHost: localhost:8080\n\n' >"$build/fuzz-corpus/serve/page"
printf 'POST /api/award\nOrigin: http://127.0.0.1:8080\n\n{}' >"$build/fuzz-corpus/serve/award"
printf 'POST /api/explain\n\n{"category": "disclosure", "code": "11530"}' \
  >"$build/fuzz-corpus/serve/explain"
printf 'POST /api/simulate\n\n{"draws": 256, "seed": 3}' >"$build/fuzz-corpus/serve/simulate"
printf 'POST /api/award\n\n{"overrides": {"2020-disclosure.awards.levels.top.count": 3}}' \
  >"$build/fuzz-corpus/serve/award-overrides"
printf 'POST /api/scenario\n\n{"id": "x", "overrides": {"cohorts.city_split": 0.5}}' \
  >"$build/fuzz-corpus/serve/scenario"

# report_json: the catalogue's cases, each one change away from what simulate and sensitivity
# tornado write.
seed report_json "$root"/tests/errors/report-json/*
# options: one command line per file, one argument per line (tests/errors/options/*.args), and
# each command's --help.
seed options "$root"/tests/errors/options/*.args
for command in cohorts score template award explain check compare gaps synth simulate report serve; do
  printf '%s\n--help\n' "$command" >"$build/fuzz-corpus/options/help-$command"
done
printf 'sensitivity\nsobol\n--samples\n256\n--seed\n7\n--threads\n2\n' \
  >"$build/fuzz-corpus/options/sobol-valid"
printf 'simulate\n--draws\n100\n--until-se\n0.01\n--max-draws\n1000\n' \
  >"$build/fuzz-corpus/options/simulate-valid"

findings=$build/fuzz-findings
mkdir -p "$findings"
failed=()
for name in "${names[@]}"; do
  dict=()
  case $name in
    expr) dict=(-dict="$root/tests/fuzz/expr.dict" -max_len=8192) ;;
    csv | registry | report_csv) ;;
    report_xlsx) dict=(-dict="$root/tests/fuzz/xlsx.dict" -max_len=65536) ;;
    serve) dict=(-dict="$root/tests/fuzz/serve.dict") ;;
    options) dict=(-dict="$root/tests/fuzz/options.dict" -max_len=1024) ;;
    # The catalogue holds an 800 KB case (the value limit); mutating that size is slow.
    report_json) dict=(-dict="$root/tests/fuzz/json.dict" -max_len=65536) ;;
    *) dict=(-dict="$root/tests/fuzz/yaml.dict") ;;
  esac
  echo "fuzz: $name for ${seconds}s"
  if ! ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$build/tests/fuzz/fuzz_$name" "${dict[@]}" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$findings/$name-" \
    "$build/fuzz-corpus/$name" >"$build/fuzz-$name.log" 2>&1; then
    failed+=("$name")
    tail -n 60 "$build/fuzz-$name.log" >&2
  fi
  grep -E '^stat::number_of_executed_units|^Done' "$build/fuzz-$name.log" || true
done
if [[ ${#failed[@]} -ne 0 ]]; then
  echo "fuzz: findings in: ${failed[*]} (inputs in $findings)" >&2
  exit 1
fi
echo "fuzz: no findings"

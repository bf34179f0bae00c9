#!/usr/bin/env bash
# `npm run bench`: the synth benchmark in CPU time (bench/synth.ts). Arguments are passed
# to it, e.g.
#   bash bench/run.sh --runs 5 --scenario 200
# Environment: BENCH_RUNS (timed rounds, default 21), BENCH_LIB / BENCH_COMPARE (see bench/synth.ts).
# The steady measure is bench/instructions.ts (instructions under valgrind): docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."

# The benchmark measures the compiled package, as users load it. Build lib/ when
# it is missing (fresh clone) or older than a source file.
if [ -z "${BENCH_LIB:-}" ]; then
  if [ ! -f lib/index.js ] || [ -n "$(find src -name '*.ts' -newer lib/index.js -print -quit)" ]; then
    echo "# compiling src/ to lib/ (npx jsii)" >&2
    npx jsii --silence-warnings=reserved-word
  fi
fi

export TS_NODE_PROJECT=tsconfig.dev.json
export BENCH_RUNS="${BENCH_RUNS:-21}"
# One process for all variants; --expose-gc for the heap measurement.
node --expose-gc -r ts-node/register/transpile-only bench/synth.ts "$@"

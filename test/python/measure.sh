#!/usr/bin/env bash
# Measure the Python packaging once: wheel size and build time, Python suite time (all from run.sh),
# and the synth time of the example app in Python (test/python/example_app.py, against the wheel)
# against the same app in TypeScript (examples/app.ts), with a check that both synthesize the same
# templates. One run each: expect noise of several seconds on a busy machine.
#
#   bash test/python/measure.sh
set -euo pipefail

cd "$(dirname "$0")/../.."
JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=${JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION:-$(node -p 'process.versions.node.split(".")[0]')}
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION

scratch=$(mktemp -d "${TMPDIR:-/tmp}/cdk-apprunner-vpc-connector-measure.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
venv=$scratch/venv

seconds_since() { awk -v start="$1" -v now="$EPOCHREALTIME" 'BEGIN { printf "%.2f", now - start }'; }

# Wheel size, wheel build time, pytest time: run.sh prints them.
start=$EPOCHREALTIME
VENV_DIR=$venv bash test/python/run.sh -q 2>&1 | tee "$scratch/run.log" | grep -E '^(wheel:|installed in|Python suite:|[0-9]+ passed|=+ .*(passed|failed))' || true
total=$(seconds_since "$start")
grep -qE '[0-9]+ passed' "$scratch/run.log" && ! grep -qE '[0-9]+ (failed|error)' "$scratch/run.log" || { echo "run.sh failed:" >&2; tail -40 "$scratch/run.log" >&2; exit 1; }
echo "run.sh total (build, virtualenv, install, pytest): ${total}s"

echo
echo "==> Example app synth, one run each"
# End to end, as a user runs it: interpreter start, imports (the jsii runtime for Python), build, synth.
start=$EPOCHREALTIME
"$venv/bin/python" test/python/example_app.py "$scratch/py-cli.out" > /dev/null
py_cli=$(seconds_since "$start")
start=$EPOCHREALTIME
npx ts-node --project tsconfig.dev.json examples/app.ts > /dev/null
ts_cli=$(seconds_since "$start")

# In process: only building the construct tree and synthesizing, after the imports.
py_synth=$("$venv/bin/python" - "$scratch/py.out" <<'EOF'
import sys, time
sys.path.insert(0, "test/python")
import aws_cdk as cdk
import example_app
start = time.perf_counter()
example_app.build_app(cdk.App(outdir=sys.argv[1])).synth()
print(f"{time.perf_counter() - start:.2f}")
EOF
)
ts_synth=$(npx ts-node --project tsconfig.dev.json -e "
  const cdk = require('aws-cdk-lib');
  const { buildApp } = require('./examples/app');
  const start = process.hrtime.bigint();
  buildApp(new cdk.App({ outdir: '$scratch/ts.out' })).synth();
  console.log((Number(process.hrtime.bigint() - start) / 1e9).toFixed(2));
")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
printf '%-55s %8s %8s %7s\n' "" "Python" "TS" "ratio"
printf '%-55s %7ss %7ss %6sx\n' "end to end (python example_app.py / ts-node app.ts)" "$py_cli" "$ts_cli" "$(ratio "$py_cli" "$ts_cli")"
printf '%-55s %7ss %7ss %6sx\n' "in process: build_app() + synth() only" "$py_synth" "$ts_synth" "$(ratio "$py_synth" "$ts_synth")"

# Same app, same templates.
for template in "$scratch"/ts.out/*.template.json; do
  name=$(basename "$template")
  if "$venv/bin/python" -c 'import json, sys; sys.exit(json.load(open(sys.argv[1])) != json.load(open(sys.argv[2])))' "$template" "$scratch/py.out/$name"; then
    echo "$name: Python and TypeScript templates are identical"
  else
    echo "$name: Python and TypeScript templates DIFFER" >&2
    diff <("$venv/bin/python" -m json.tool --sort-keys "$template") <("$venv/bin/python" -m json.tool --sort-keys "$scratch/py.out/$name") >&2 || true
    exit 1
  fi
done

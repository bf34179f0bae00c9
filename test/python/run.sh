#!/usr/bin/env bash
# `npm run test:python`: build the Python wheel from this checkout with jsii-pacmak, install it into a
# fresh virtualenv with the pinned test requirements, and run the pytest suite in test/python/ against it.
#
#   bash test/python/run.sh [PYTEST_ARGS...]
#
# Needs Node.js with `npm ci` done, python3 >= 3.10 with venv, and PyPI (pacmak's build and pip).
# Environment:
#   PYTHON=python3   the interpreter the virtualenv is made from
#   VENV_DIR=<dir>   make the virtualenv there (removed first) and keep it; default: a temporary
#                    directory removed on exit. test/python/measure.sh uses it.
set -euo pipefail

cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-python3}

source test/support/assembly.sh

# 1. The assembly, and the README examples translated (pacmak puts them into the Python package's README).
prepare_assembly

# 2. Build the wheel.
step "Building the Python wheel with jsii-pacmak"
pacmak_version=$(node -p 'require("jsii-pacmak/package.json").version')
rm -rf dist/python
start=$EPOCHREALTIME
npx jsii-pacmak --target python --force
build_seconds=$(seconds_since "$start")
shopt -s nullglob
wheels=(dist/python/*.whl)
shopt -u nullglob
if [[ ${#wheels[@]} -ne 1 ]]; then
  echo "expected exactly one wheel in dist/python, found: ${wheels[*]:-none}" >&2
  exit 1
fi
wheel=${wheels[0]}
echo "wheel: $wheel, $(stat -c %s "$wheel") bytes ($(du -k "$wheel" | cut -f1) KiB), built in ${build_seconds}s by jsii-pacmak $pacmak_version"

# 3. A fresh virtualenv with the wheel, the pinned requirements, and the jsii runtime of the pacmak that built it.
if [[ -n "${VENV_DIR:-}" ]]; then
  venv=$VENV_DIR
  rm -rf "$venv"
else
  venv=$(mktemp -d "${TMPDIR:-/tmp}/cdk-apprunner-vpc-connector-venv.XXXXXX")
  trap 'rm -rf "$venv" "${scratch:-/nonexistent}"' EXIT
fi
step "Creating a virtualenv in $venv and installing the wheel"
"$PYTHON" -c 'import sys; assert sys.version_info >= (3, 10), f"Python >= 3.10 needed (the wheel requires it), got {sys.version}"'
start=$EPOCHREALTIME
"$PYTHON" -m venv "$venv"
"$venv/bin/python" -m pip install --disable-pip-version-check --quiet \
  "$wheel" -r test/python/requirements.txt "jsii==$pacmak_version"
echo "installed in $(seconds_since "$start")s: $("$venv/bin/python" -m pip freeze --disable-pip-version-check | grep -iE '^(aws-cdk-lib|aws-cdk.aws-apprunner-alpha|constructs|jsii|pytest|typeguard)==' | tr '\n' ' ')"

# 4. The suite.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/cdk-apprunner-vpc-connector-python.XXXXXX")
[[ -n "${VENV_DIR:-}" ]] && trap 'rm -rf "$scratch"' EXIT
readme_example_template "$scratch/ts.out"

step "Running pytest on test/python/"
start=$EPOCHREALTIME
status=0
"$venv/bin/python" -m pytest test/python "$@" || status=$?
echo "Python suite: ${build_seconds}s wheel build, $(seconds_since "$start")s pytest (including the jsii runtime start)"
exit "$status"

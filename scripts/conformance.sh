#!/usr/bin/env bash
# npm run conformance: offline proof that the templates this library synthesizes
# are ones CloudFormation accepts, and that what it creates passes a security review.
#
#  1. Synthesizes every template of the project with the project's aws-cdk-lib
#     (the lowest supported, 2.224.0): the representative stacks and the example
#     app (scripts/conformance/synth.ts) and every integ app (test/integ.*.ts),
#     and runs cfn-lint (pinned, in a virtualenv created here) on them for every
#     commercial region that has App Runner.
#  2. In a scratch project with the latest aws-cdk-lib (the project's lock file is
#     never touched), synthesizes the same apps again with
#     `@aws-cdk/core:validateAgainstDefaultRules` = true: aws-cdk-lib's built-in
#     CloudFormation validation (since 2.262.0) turns every finding into a synth
#     error. Any finding fails. Then cfn-lint on these templates too.
#  3. Runs cdk-nag v3 AwsSolutionsChecks (validateScope) in the scratch project on
#     the example app and the representative stacks; fails on any finding on a
#     resource VpcConnector creates and lists the others.
#
# cfn-lint: any error or warning fails (fix it, or accept a warning on purpose in
# CFN_LINT_IGNORED_CHECKS with the reason in docs/conformance.md).
# Every check runs even after another failed; the script fails at the end.
# Needs: node_modules from `npm ci`, python3 with venv, the npm registry and PyPI.
# KEEP_WORK=1 keeps the scratch directory for inspection.
set -euo pipefail

CFN_LINT_VERSION=1.58.0
LATEST_CDK_VERSION=2.276.0
LATEST_CONSTRUCTS_VERSION=10.8.1
CDK_NAG_VERSION=3.0.2
INTEG_TESTS_ALPHA_VERSION=2.245.0-alpha.0
TS_NODE_VERSION=10.9.2
TYPESCRIPT_VERSION=5.9.3
TYPES_NODE_VERSION=20.19.43
# The commercial regions where cfn-lint's spec has AWS::AppRunner::VpcConnector.
APPRUNNER_REGIONS=(us-east-1 us-east-2 us-west-2 eu-west-1 eu-west-2 eu-west-3 eu-central-1
  ap-northeast-1 ap-south-1 ap-southeast-1 ap-southeast-2)
# cfn-lint checks accepted on purpose (each explained in docs/conformance.md). None so far.
CFN_LINT_IGNORED_CHECKS=()

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/conformance.XXXXXX")"
SCRATCH="$WORK/latest"
if [[ "${KEEP_WORK:-}" == 1 ]]; then
  echo "scratch directory kept: $WORK"
else
  trap 'rm -rf "$WORK"' EXIT
fi
START=$SECONDS
step() { echo; echo "== $* (at $((SECONDS - START))s)"; }
FAILURES=()
failed() { FAILURES+=("$*"); echo "FAILED: $*" >&2; }

CONTEXT_VALIDATE='{"@aws-cdk/core:validateAgainstDefaultRules":true}'

# Synthesizes the representative stacks, the example app and each integ app into $2,
# running ts-node (with the remaining arguments) in directory $1. $SYNTH_CONTEXT and
# $INTEG_CONTEXT are the CDK context (JSON) of the former and of the integ apps.
# Returns non-zero when any app fails to synthesize, after trying them all.
synth_all() {
  local dir="$1" out="$2" status=0 integ name
  shift 2
  pushd "$dir" > /dev/null
  CDK_CONTEXT_JSON="${SYNTH_CONTEXT:-}" npx ts-node "$@" --project tsconfig.dev.json scripts/conformance/synth.ts "$out" \
    || status=1
  for integ in test/integ.*.ts; do
    [[ -e "$integ" ]] || continue
    name="$(basename "$integ" .ts)"
    # cdk.App synthesizes by itself to $CDK_OUTDIR when the process exits.
    if CDK_CONTEXT_JSON="${INTEG_CONTEXT:-}" CDK_OUTDIR="$out/$name" npx ts-node "$@" --project tsconfig.dev.json "$integ"; then
      echo "$name: $(cd "$out/$name" && ls -- *.template.json | sed 's/\.template\.json$//' | paste -sd, | sed 's/,/, /g')"
    else
      status=1
    fi
  done
  popd > /dev/null
  return $status
}

has_resources() {
  "$WORK/venv/bin/python" -c 'import json, sys; sys.exit(0 if json.load(open(sys.argv[1])).get("Resources") else 1)' "$1"
}

# cfn-lint on every template under $WORK/$1.
lint_templates() {
  local out="$1" t status=0
  local templates=() ignore_args=()
  while IFS= read -r t; do
    # integ-tests-alpha's assertion stack has no resources when a test has no
    # assertions; the CDK CLI skips such a stack, CloudFormation never sees it.
    if [[ "$(basename "$t")" == *DeployAssert* ]] && ! has_resources "$WORK/$t"; then
      echo "skipped (no resources, not deployed): $t"
      continue
    fi
    templates+=("$t")
  done < <(cd "$WORK" && find "$out" -name '*.template.json' | sort)
  if [[ ${#templates[@]} -eq 0 ]]; then
    echo "no template under $out" >&2
    return 1
  fi
  if [[ ${#CFN_LINT_IGNORED_CHECKS[@]} -gt 0 ]]; then
    ignore_args=(--ignore-checks "${CFN_LINT_IGNORED_CHECKS[@]}")
  fi
  (cd "$WORK" && "$WORK/venv/bin/cfn-lint" --format parseable --regions "${APPRUNNER_REGIONS[@]}" \
    "${ignore_args[@]}" -- "${templates[@]}") > "$WORK/cfn-lint-$out.txt" || status=$?
  cat "$WORK/cfn-lint-$out.txt"
  printf '  linted: %s\n' "${templates[@]}"
  echo "cfn-lint $CFN_LINT_VERSION: ${#templates[@]} templates, ${#APPRUNNER_REGIONS[@]} regions," \
    "$(grep -c ':E[0-9]*:' "$WORK/cfn-lint-$out.txt" || true) error(s)," \
    "$(grep -c ':W[0-9]*:' "$WORK/cfn-lint-$out.txt" || true) warning(s), exit code $status"
  return $status
}

step "cfn-lint $CFN_LINT_VERSION into a virtualenv"
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install --quiet --disable-pip-version-check "cfn-lint==$CFN_LINT_VERSION"
"$WORK/venv/bin/cfn-lint" --version

LOWEST_CDK_VERSION="$(node -p "require('$ROOT/node_modules/aws-cdk-lib/package.json').version")"
step "synthesize with the project's aws-cdk-lib $LOWEST_CDK_VERSION"
synth_all "$ROOT" "$WORK/out-lowest" || failed "synth with aws-cdk-lib $LOWEST_CDK_VERSION"

step "cfn-lint the templates of aws-cdk-lib $LOWEST_CDK_VERSION"
lint_templates out-lowest || failed "cfn-lint on the templates of aws-cdk-lib $LOWEST_CDK_VERSION"

step "scratch project with aws-cdk-lib $LATEST_CDK_VERSION and cdk-nag $CDK_NAG_VERSION"
mkdir -p "$SCRATCH/scripts" "$SCRATCH/test"
cat > "$SCRATCH/package.json" <<JSON
{
  "name": "conformance-scratch",
  "private": true,
  "devDependencies": {
    "aws-cdk-lib": "$LATEST_CDK_VERSION",
    "constructs": "$LATEST_CONSTRUCTS_VERSION",
    "cdk-nag": "$CDK_NAG_VERSION",
    "@aws-cdk/integ-tests-alpha": "$INTEG_TESTS_ALPHA_VERSION",
    "ts-node": "$TS_NODE_VERSION",
    "typescript": "$TYPESCRIPT_VERSION",
    "@types/node": "$TYPES_NODE_VERSION"
  }
}
JSON
cp -r "$ROOT/src" "$ROOT/examples" "$ROOT/tsconfig.json" "$ROOT/tsconfig.dev.json" "$SCRATCH/"
cp -r "$ROOT/scripts/conformance" "$SCRATCH/scripts/"
find "$ROOT/test" -maxdepth 1 -name 'integ.*.ts' -exec cp {} "$SCRATCH/test/" \;
cp -r "$ROOT/test/support" "$SCRATCH/test/"
(cd "$SCRATCH" && npm install --no-audit --no-fund --loglevel=error)
INSTALLED="$(node -p "require('$SCRATCH/node_modules/aws-cdk-lib/package.json').version")"
if [[ "$INSTALLED" != "$LATEST_CDK_VERSION" ]]; then
  echo "expected aws-cdk-lib $LATEST_CDK_VERSION in the scratch project, got $INSTALLED" >&2
  exit 1
fi

step "synthesize with aws-cdk-lib $INSTALLED and $CONTEXT_VALIDATE"
# Types were checked by the synth above and by the compat run: transpile only here
# (the scratch project has no @types/jest, which tsconfig.json names).
# The integ apps are synthesized without the flag: integ-tests-alpha adds an assertion
# stack that is empty when a test has no assertions (rule F0001, "Resources section
# must exist"). Their findings are then warnings in the report, and the check below
# fails on every one of them but that.
SYNTH_CONTEXT="$CONTEXT_VALIDATE" synth_all "$SCRATCH" "$WORK/out-latest" --transpile-only \
  || failed "synth with aws-cdk-lib $INSTALLED and $CONTEXT_VALIDATE"
# synth throws on any finding with the flag set; read the reports anyway, so that a
# finding of severity "warning" fails too and the connectors checked are counted.
node "$ROOT/scripts/conformance/check-validation-reports.js" "$WORK/out-latest" \
  || failed "aws-cdk-lib $INSTALLED's CloudFormation validation reported findings"

step "cfn-lint the templates of aws-cdk-lib $INSTALLED"
lint_templates out-latest || failed "cfn-lint on the templates of aws-cdk-lib $INSTALLED"

step "cdk-nag $CDK_NAG_VERSION AwsSolutionsChecks"
(cd "$SCRATCH" && npx ts-node --transpile-only --project tsconfig.dev.json scripts/conformance/nag.ts) \
  || failed "cdk-nag AwsSolutionsChecks on resources VpcConnector creates"

if [[ ${#FAILURES[@]} -gt 0 ]]; then
  step "conformance FAILED in $((SECONDS - START))s"
  printf '  %s\n' "${FAILURES[@]}" >&2
  exit 1
fi
step "conformance passed in $((SECONDS - START))s"

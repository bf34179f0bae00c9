#!/usr/bin/env bash
# npm run conformance: offline proof that the templates this library synthesizes
# are ones CloudFormation accepts, and that what it creates passes a security review.
#
#  1. Synthesizes every template of the project with the project's aws-cdk-lib
#     (the lowest supported, 2.224.0): the representative stacks and the example
#     app (scripts/conformance/synth.ts) and every integ app (test/integ.*.ts).
#  2. In a scratch project with the latest aws-cdk-lib (the project's lock file is
#     never touched), synthesizes the same apps again with
#     `@aws-cdk/core:validateAgainstDefaultRules` = true: aws-cdk-lib's built-in
#     CloudFormation validation (schema rules, since 2.262.0) turns every finding
#     into a synth error. Any finding fails this script.
#  3. Runs cfn-lint (pinned, in a virtualenv created here) on every template of
#     both synths, for every commercial region that has App Runner. Any error or
#     warning fails (fix it, or ignore that check below with a reason in
#     docs/conformance.md).
#  4. Runs cdk-nag v3 AwsSolutionsChecks (validateScope) in the scratch project on
#     the example app and the representative stacks; fails on any finding on a
#     resource VpcConnector creates and lists the others.
#
# Needs: node_modules from `npm ci`, python3 with venv, the npm registry and PyPI.
# Set KEEP_WORK=1 to keep the scratch directory for inspection.
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
# cfn-lint checks ignored on purpose (each explained in docs/conformance.md). None so far.
CFN_LINT_IGNORED_CHECKS=()

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/conformance.XXXXXX")"
if [[ "${KEEP_WORK:-}" == 1 ]]; then
  echo "scratch directory kept: $WORK"
else
  trap 'rm -rf "$WORK"' EXIT
fi
START=$SECONDS
step() { echo; echo "== $* (at $((SECONDS - START))s)"; }

CONTEXT_VALIDATE='{"@aws-cdk/core:validateAgainstDefaultRules":true}'

# Synthesizes the representative stacks, the example app and each integ app into $2,
# running ts-node (with the remaining arguments) in directory $1. $SYNTH_CONTEXT and
# $INTEG_CONTEXT are the CDK context (JSON) of the former and of the integ apps.
synth_all() {
  local dir="$1" out="$2"
  shift 2
  (
    cd "$dir"
    CDK_CONTEXT_JSON="${SYNTH_CONTEXT:-}" npx ts-node "$@" --project tsconfig.dev.json scripts/conformance/synth.ts "$out"
    shopt -s nullglob
    for integ in test/integ.*.ts; do
      local name
      name="$(basename "$integ" .ts)"
      # cdk.App synthesizes by itself to $CDK_OUTDIR when the process exits.
      CDK_CONTEXT_JSON="${INTEG_CONTEXT:-}" CDK_OUTDIR="$out/$name" npx ts-node "$@" --project tsconfig.dev.json "$integ"
      echo "$name: $(cd "$out/$name" && ls -- *.template.json | sed 's/\.template\.json$//' | paste -sd, | sed 's/,/, /g')"
    done
  )
}

step "cfn-lint $CFN_LINT_VERSION into a virtualenv"
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install --quiet --disable-pip-version-check "cfn-lint==$CFN_LINT_VERSION"
"$WORK/venv/bin/cfn-lint" --version

LOWEST_CDK_VERSION="$(node -p "require('$ROOT/node_modules/aws-cdk-lib/package.json').version")"
step "synthesize with the project's aws-cdk-lib $LOWEST_CDK_VERSION"
synth_all "$ROOT" "$WORK/out-lowest"

step "scratch project with aws-cdk-lib $LATEST_CDK_VERSION and cdk-nag $CDK_NAG_VERSION"
SCRATCH="$WORK/latest"
mkdir -p "$SCRATCH/scripts" "$SCRATCH/test"
cat > "$SCRATCH/package.json" <<EOF
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
EOF
cp -r "$ROOT/src" "$ROOT/examples" "$ROOT/tsconfig.json" "$ROOT/tsconfig.dev.json" "$SCRATCH/"
cp -r "$ROOT/scripts/conformance" "$SCRATCH/scripts/"
find "$ROOT/test" -maxdepth 1 -name 'integ.*.ts' -exec cp {} "$SCRATCH/test/" \;
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
# stack that is empty when a test has no assertions (rule F0001, "Resources section must
# exist"); the CDK CLI does not deploy an empty stack. Their findings are then warnings
# in the report, and the check below fails on every one of them but that.
SYNTH_CONTEXT="$CONTEXT_VALIDATE" synth_all "$SCRATCH" "$WORK/out-latest" --transpile-only
# synth throws on any finding with the flag set; read the reports anyway, so that a
# finding of severity "warning" fails too and the connectors checked are listed.
node - "$WORK/out-latest" <<'EOF'
const fs = require('fs');
const path = require('path');
const out = process.argv[2];
const reports = [];
(function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name === 'validation-report.json') reports.push(p);
  }
})(out);
let violations = 0;
let connectors = 0;
for (const report of reports) {
  const assembly = path.dirname(report);
  for (const f of fs.readdirSync(assembly).filter(f => f.endsWith('.template.json'))) {
    const t = JSON.parse(fs.readFileSync(path.join(assembly, f), 'utf8'));
    connectors += Object.values(t.Resources ?? {}).filter(r => r.Type === 'AWS::AppRunner::VpcConnector').length;
  }
  for (const plugin of JSON.parse(fs.readFileSync(report, 'utf8')).pluginReports) {
    for (const v of plugin.violations) {
      for (const c of v.violatingConstructs ?? v.violatingResources ?? [{}]) {
        const where = `${path.relative(out, report)}: ${plugin.pluginName} ${v.ruleName} (${v.severity}) ${c.constructPath ?? '?'}: ${v.description}`;
        if (v.ruleName === 'F0001' && /\/DeployAssert$/.test(c.constructPath ?? '')) {
          console.log(`  accepted (empty integ assertion stack, not deployed): ${where}`);
          continue;
        }
        violations++;
        console.log(`  ${where}`);
      }
    }
  }
}
if (reports.length === 0) {
  console.error('no validation-report.json written: aws-cdk-lib did not run its CloudFormation validation');
  process.exit(1);
}
console.log(`CloudFormation validation: ${reports.length} assemblies, ${connectors} VPC connectors, ${violations} finding(s)`);
process.exit(violations > 0 ? 1 : 0);
EOF

step "cfn-lint every template"
has_resources() {
  "$WORK/venv/bin/python" -c 'import json, sys; sys.exit(0 if json.load(open(sys.argv[1])).get("Resources") else 1)' "$1"
}
mapfile -t ALL_TEMPLATES < <(cd "$WORK" && find out-lowest out-latest -name '*.template.json' | sort)
TEMPLATES=()
for t in "${ALL_TEMPLATES[@]}"; do
  # integ-tests-alpha's assertion stack has no resources when a test has no
  # assertions; the CDK CLI skips such a stack, CloudFormation never sees it.
  if [[ "$(basename "$t")" == *DeployAssert* ]] && ! has_resources "$WORK/$t"; then
    echo "skipped (no resources, not deployed): $t"
    continue
  fi
  TEMPLATES+=("$t")
done
IGNORE_ARGS=()
if [[ ${#CFN_LINT_IGNORED_CHECKS[@]} -gt 0 ]]; then
  IGNORE_ARGS=(--ignore-checks "${CFN_LINT_IGNORED_CHECKS[@]}")
fi
set +e
(cd "$WORK" && "$WORK/venv/bin/cfn-lint" --format parseable --regions "${APPRUNNER_REGIONS[@]}" \
  "${IGNORE_ARGS[@]}" -- "${TEMPLATES[@]}") > "$WORK/cfn-lint.txt"
LINT_RC=$?
set -e
cat "$WORK/cfn-lint.txt"
ERRORS=$(grep -c ':E[0-9]*:' "$WORK/cfn-lint.txt" || true)
WARNINGS=$(grep -c ':W[0-9]*:' "$WORK/cfn-lint.txt" || true)
printf '%s\n' "${TEMPLATES[@]}" | sed 's/^/  linted: /'
echo "cfn-lint $CFN_LINT_VERSION: ${#TEMPLATES[@]} templates, ${#APPRUNNER_REGIONS[@]} regions, $ERRORS error(s), $WARNINGS warning(s), exit code $LINT_RC"
if [[ $LINT_RC -ne 0 ]]; then
  echo "cfn-lint failed: fix the template, or ignore a warning on purpose in CFN_LINT_IGNORED_CHECKS with a reason in docs/conformance.md" >&2
  exit 1
fi

step "cdk-nag $CDK_NAG_VERSION AwsSolutionsChecks"
(cd "$SCRATCH" && npx ts-node --transpile-only --project tsconfig.dev.json scripts/conformance/nag.ts)

step "conformance passed in $((SECONDS - START))s"

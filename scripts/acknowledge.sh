#!/usr/bin/env bash
# `npm run acknowledge`: the README's Warnings section, checked with the real CDK CLI. In a scratch app with this
# package (packed from lib/) and the newest aws-cdk-lib from npm, `npx aws-cdk@2 synth` runs twice:
#
#   without the acknowledgements (the control): synth shows the `fixedName` warning of each of three connectors with
#     the hint the README shows (`Acknowledge with 'Annotation::cdk-apprunner-vpc-connector:fixedName'`), and
#     aws-cdk-lib's `CloudFormation-Validate::W3697` (App Runner is in maintenance mode) on each connector, though
#     `Annotations.of(app).acknowledgeWarning('CloudFormation-Validate::W3697')` (in both runs: the README says
#     `Annotations` cannot acknowledge it);
#   with them (`-c acknowledge=true`): the README's `Annotations.of(connector).acknowledgeWarning(...)` block on the
#     first connector and its `Validations.of(app).acknowledge(...)` block on the app (both taken from README.md), the
#     printed id given to `Annotations` on the second (the README says that acknowledges nothing) and to
#     `Validations.of(connector)` on the third; synth then shows only the second connector's warning.
#
#   bash scripts/acknowledge.sh
#
# Needs Node.js with `npm ci` done (TypeScript compiles the app) and the npm registry. Compiles with jsii first when
# lib/ is missing or older than src/. Environment: ACK_CDK_LIB (default: latest) the aws-cdk-lib to install,
# ACK_CDK_CLI (default: 2) the aws-cdk CLI version that npx runs, KEEP_WORK=1 keeps the scratch app.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CDK_LIB="${ACK_CDK_LIB:-latest}"
CDK_CLI="${ACK_CDK_CLI:-2}"
export npm_config_yes=true CDK_DISABLE_CLI_TELEMETRY=true
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION="$(node -p 'process.versions.node.split(".")[0]')"

START=$EPOCHREALTIME
elapsed() { awk -v start="$START" -v now="$EPOCHREALTIME" 'BEGIN { printf "%.1f", now - start }'; }
step() { printf '\n==> %s (at %ss)\n' "$*" "$(elapsed)"; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/cdk-apprunner-vpc-connector-acknowledge.XXXXXX")"
if [[ "${KEEP_WORK:-}" == 1 ]]; then
  echo "scratch app kept: $WORK"
else
  trap 'rm -rf "$WORK"' EXIT
fi

if [[ ! -f .jsii ]] || [[ ! -f lib/index.js ]] || [[ -n "$(find src package.json tsconfig.json -newer .jsii -print -quit)" ]]; then
  step "Compiling with jsii (lib/ is missing or older than src/)"
  npx jsii --silence-warnings=reserved-word
fi

step "Scratch app: this package (npm pack), aws-cdk-lib@$CDK_LIB and constructs from npm"
tarball="$WORK/$(npm pack --silent --pack-destination "$WORK" | tail -1)"
echo '{ "name": "acknowledge-scratch", "version": "0.0.0", "private": true }' > "$WORK/package.json"
(cd "$WORK" && npm install --silent --no-audit --no-fund --no-package-lock "aws-cdk-lib@$CDK_LIB" 'constructs@^10' "$tarball")
echo "aws-cdk-lib $(node -p "require('$WORK/node_modules/aws-cdk-lib/package.json').version"), aws-cdk CLI $(cd "$WORK" && npx -y "aws-cdk@$CDK_CLI" --version)"

step "The app: the README's acknowledgements, applied with -c acknowledge=true"
node - "$ROOT/README.md" "$WORK/app.ts" <<'EOF'
const fs = require('fs');
const [readmePath, appPath] = process.argv.slice(2);
const readme = fs.readFileSync(readmePath, 'utf8');
// The fenced block after `<!-- acknowledge:NAME -->`.
const block = (name) => {
  const m = new RegExp(`<!-- acknowledge:${name} -->\\n\`\`\`[^\\n]*\\n([\\s\\S]*?)\`\`\``).exec(readme);
  if (!m) throw new Error(`README.md has no fenced block after <!-- acknowledge:${name} -->`);
  return m[1];
};
const imports = (code) => code.split('\n').filter(line => /^import /.test(line));
// The body, without imports and `declare const` lines (the app declares `app` and `connector` itself).
const body = (code) => code.split('\n').filter(line => !/^(import |declare const )/.test(line)).join('\n');
const printed = /Acknowledge with '([^']+)'/.exec(block('cli'));
if (!printed) throw new Error("README.md's acknowledge:cli block has no line `Acknowledge with '<id>'`");
const ours = block('ours');
const forApp = block('app');

fs.writeFileSync(appPath, `import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { VpcConnector } from 'cdk-apprunner-vpc-connector';
${[...new Set([...imports(ours), ...imports(forApp)])].join('\n')}

const app = new cdk.App();
const acknowledge = app.node.tryGetContext('acknowledge') === 'true';
const stack = new cdk.Stack(app, 'AppRunnerService');
const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
const printedId = ${JSON.stringify(printed[1])};

// In both runs: the README says Annotations cannot acknowledge aws-cdk-lib's W3697.
cdk.Annotations.of(app).acknowledgeWarning('CloudFormation-Validate::W3697', 'The README says this acknowledges nothing');

// A fixed name warns (fixedName). The README's acknowledgement:
{
  const connector = new VpcConnector(stack, 'VpcConnector', { vpc, vpcConnectorName: 'orders' });
  if (acknowledge) {
${body(ours)}
  }
}
// The id as the CLI prints it, given to Annotations: acknowledges nothing.
{
  const connector = new VpcConnector(stack, 'PrintedIdToAnnotations', { vpc, vpcConnectorName: 'orders-annotations' });
  if (acknowledge) {
    cdk.Annotations.of(connector).acknowledgeWarning(printedId, 'The README says this acknowledges nothing');
  }
}
// The id as the CLI prints it, given to Validations: acknowledged.
{
  const connector = new VpcConnector(stack, 'PrintedIdToValidations', { vpc, vpcConnectorName: 'orders-validations' });
  if (acknowledge) {
    cdk.Validations.of(connector).acknowledge({ id: printedId, reason: 'The README says this acknowledges it' });
  }
}
if (acknowledge) {
${body(forApp)}
}
app.synth();
`);
EOF
cat > "$WORK/tsconfig.json" <<'EOF'
{ "compilerOptions": { "target": "ES2022", "module": "commonjs", "strict": true, "skipLibCheck": true, "types": [] } }
EOF
echo '{ "app": "node app.js" }' > "$WORK/cdk.json"
(cd "$WORK" && "$ROOT/node_modules/.bin/tsc" -p .) || { cat -n "$WORK/app.ts"; exit 1; }

synth() {
  local log=$1; shift
  (cd "$WORK" && npx -y "aws-cdk@$CDK_CLI" synth -q --no-notices "$@" > "$log" 2>&1) \
    || { cat "$log"; echo "cdk synth $* failed" >&2; exit 1; }
}
step "cdk synth, without the acknowledgements (the control)"
synth "$WORK/control.log"
step "cdk synth -c acknowledge=true"
synth "$WORK/acknowledged.log" -c acknowledge=true

step "Checks"
node - "$ROOT/README.md" "$WORK/control.log" "$WORK/acknowledged.log" <<'EOF'
const fs = require('fs');
const [readmePath, controlLog, acknowledgedLog] = process.argv.slice(2);
const readme = fs.readFileSync(readmePath, 'utf8');
const cli = /<!-- acknowledge:cli -->\n```[^\n]*\n([\s\S]*?)```/.exec(readme)[1].split('\n').filter(Boolean);
// eslint-disable-next-line no-control-regex
const read = (file) => fs.readFileSync(file, 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
// Each warning the CLI printed: the construct path (first word of the line before the hint) and the id.
const hints = (log) => {
  const lines = log.split('\n');
  return lines.flatMap((line, i) => {
    const m = /^\s*Acknowledge with '([^']+)'$/.exec(line);
    return m ? [{ path: lines[i - 1].trim().split(/\s+/)[0], id: m[1] }] : [];
  });
};
const FIXED_NAME = 'Annotation::cdk-apprunner-vpc-connector:fixedName';
const W3697 = 'CloudFormation-Validate::W3697';
const CONNECTORS = ['VpcConnector', 'PrintedIdToAnnotations', 'PrintedIdToValidations'].map(id => `AppRunnerService/${id}`);
const pathsOf = (found, id) => found.filter(h => h.id === id).map(h => h.path).sort();

let passed = 0, failed = 0;
const check = (name, ok, detail) => {
  if (ok) { passed++; console.log(`ok - ${name}`); } else { failed++; console.log(`not ok - ${name}\n  ${detail}`); }
};
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

const control = read(controlLog);
const controlHints = hints(control);
const [first, ...rest] = cli;
const [before, after] = first.split('…');
check("control: synth prints the README's warning block (acknowledge:cli) for the first connector",
  control.split('\n').some((line, i, lines) => line.startsWith(before) && line.endsWith(after)
    && same(lines.slice(i + 1, i + 1 + rest.length), rest)),
  `README block:\n${cli.join('\n')}\n  synth printed:\n${control}`);
check(`control: each of the three connectors warns, with the hint '${FIXED_NAME}'`,
  same(pathsOf(controlHints, FIXED_NAME), [...CONNECTORS].sort()),
  `expected ${JSON.stringify([...CONNECTORS].sort())}, got ${JSON.stringify(pathsOf(controlHints, FIXED_NAME))}; synth printed:\n${control}`);
check(`control: aws-cdk-lib warns ${W3697} on each connector's resource, though Annotations.of(app).acknowledgeWarning('${W3697}')`,
  CONNECTORS.every(path => pathsOf(controlHints, W3697).includes(`${path}/Resource`)),
  `got ${W3697} on ${JSON.stringify(pathsOf(controlHints, W3697))}; synth printed:\n${control}`);

const acknowledged = read(acknowledgedLog);
const acknowledgedHints = hints(acknowledged);
check("acknowledged: the README's Annotations.of(connector).acknowledgeWarning(...) removes the first connector's warning",
  !pathsOf(acknowledgedHints, FIXED_NAME).includes(CONNECTORS[0]),
  `synth printed:\n${acknowledged}`);
check(`acknowledged: Validations.of(connector).acknowledge({ id: '${FIXED_NAME}' }) removes the third connector's warning`,
  !pathsOf(acknowledgedHints, FIXED_NAME).includes(CONNECTORS[2]),
  `synth printed:\n${acknowledged}`);
check(`acknowledged: Annotations.of(connector).acknowledgeWarning('${FIXED_NAME}') leaves the second connector's warning`,
  same(pathsOf(acknowledgedHints, FIXED_NAME), [CONNECTORS[1]]),
  `expected only ${CONNECTORS[1]}, got ${JSON.stringify(pathsOf(acknowledgedHints, FIXED_NAME))}; synth printed:\n${acknowledged}`);
check(`acknowledged: the README's Validations.of(app).acknowledge(...) removes every ${W3697}`,
  pathsOf(acknowledgedHints, W3697).length === 0 && !acknowledged.includes('W3697'),
  `still on ${JSON.stringify(pathsOf(acknowledgedHints, W3697))}; synth printed:\n${acknowledged}`);

console.log(`acknowledge: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
EOF
echo "acknowledge: $(elapsed)s in all"

#!/usr/bin/env bash
# npm run test:compat: the jest suite against the lowest supported aws-cdk-lib
# (the peer minimum, which is the pinned devDependency) and against the latest.
#
#  (a) lowest: in the project itself, with the node_modules of `npm ci`.
#  (b) latest: in a scratch copy of the project (never the project's own
#      node_modules or lock file): `npm ci`, then `npm install --no-save` of the
#      latest aws-cdk-lib and of the newest releases of the packages that peer on it.
#
# Each run first type-checks src/ (what jsii compiles) and the tests, examples and
# scripts (tsconfig.dev.json) against that aws-cdk-lib, since ts-jest only
# transpiles, then runs `npx jest`. Each run prints the aws-cdk-lib it used and
# fails if that is not the version it means to test.
#
# Extra arguments go to jest (e.g. a test path). KEEP_WORK=1 keeps the scratch copy.
# COMPAT_LOWEST_JEST=0 skips jest in (a), keeping its version check and type checks: .ci/run
# sets it, because its `npm test` has just run the same suite on the same node_modules.
set -euo pipefail

LATEST_CDK_VERSION=2.278.0
LATEST_CONSTRUCTS_VERSION=10.8.1
# The newest alpha releases on the registry whose peer range admits LATEST_CDK_VERSION.
LATEST_APPRUNNER_ALPHA_VERSION=2.268.0-alpha.0
LATEST_INTEG_TESTS_ALPHA_VERSION=2.245.0-alpha.0

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
START=$SECONDS
step() { echo; echo "== $* (at $((SECONDS - START))s)"; }

# Prints the version of every copy of aws-cdk-lib under $1/node_modules and fails
# unless there is exactly one, of version $2.
expect_cdk_version() {
  local dir="$1" expected="$2"
  node - "$dir" "$expected" <<'EOF'
const fs = require('fs');
const path = require('path');
const [dir, expected] = process.argv.slice(2);
const found = [];
(function walk(nm) {
  if (!fs.existsSync(nm)) return;
  for (const e of fs.readdirSync(nm, { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    const scoped = e.name.startsWith('@') ? fs.readdirSync(path.join(nm, e.name)).map(n => path.join(e.name, n)) : [e.name];
    for (const name of scoped) {
      const pkg = path.join(nm, name);
      if (name === 'aws-cdk-lib') found.push(`${path.relative(dir, pkg)}@${JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8')).version}`);
      walk(path.join(pkg, 'node_modules'));
    }
  }
})(path.join(dir, 'node_modules'));
const resolved = require(require.resolve('aws-cdk-lib/package.json', { paths: [dir] })).version;
console.log(`aws-cdk-lib resolved from the project: ${resolved}; installed copies: ${found.join(', ')}`);
if (resolved !== expected || found.length !== 1) {
  console.error(`expected exactly one aws-cdk-lib, version ${expected}`);
  process.exit(1);
}
EOF
}

# Type-checks and runs jest in $1, printing the versions it used.
run_suite() {
  local dir="$1"
  shift
  (
    cd "$dir"
    node -e 'for (const p of ["aws-cdk-lib", "constructs", "@aws-cdk/aws-apprunner-alpha", "@aws-cdk/integ-tests-alpha"]) { try { console.log(`  ${p} ${require(require.resolve(p + "/package.json", { paths: [process.cwd()] })).version}`); } catch { console.log(`  ${p} (not installed)`); } }'
    npx tsc --noEmit -p tsconfig.json
    if [[ -n "${DEV_EXCLUDE:-}" ]]; then
      # Files that need a newer aws-cdk-lib than this one (their tests skip themselves here).
      local config
      config="$(mktemp "${TMPDIR:-/tmp}/compat-tsconfig.XXXXXX.json")"
      node -e 'const [dir, out, ...exclude] = process.argv.slice(1); require("fs").writeFileSync(out, JSON.stringify({
        extends: `${dir}/tsconfig.dev.json`, compilerOptions: { typeRoots: [`${dir}/node_modules/@types`] },
        include: [`${dir}/**/*.ts`, `${dir}/.projenrc.ts`],
        exclude: [`${dir}/node_modules`, ...exclude.map(file => `${dir}/${file}`)] }));' "$PWD" "$config" $DEV_EXCLUDE
      echo "  tsconfig.dev.json without $DEV_EXCLUDE (they need a newer aws-cdk-lib)"
      npx tsc --noEmit -p "$config"
      rm -f "$config"
    else
      npx tsc --noEmit -p tsconfig.dev.json
    fi
    if [[ "${RUN_JEST:-1}" == 1 ]]; then
      npx jest --ci "$@"
    else
      echo "  jest skipped (COMPAT_LOWEST_JEST=0: npm test ran the suite on these node_modules)"
    fi
  )
}

LOWEST_CDK_VERSION="$(node -p "require('$ROOT/package.json').devDependencies['aws-cdk-lib']")"
step "(a) lowest supported aws-cdk-lib $LOWEST_CDK_VERSION, in the project"
PEER="$(node -p "require('$ROOT/package.json').peerDependencies['aws-cdk-lib']")"
if [[ "$PEER" != "^$LOWEST_CDK_VERSION" ]]; then
  echo "the peer range $PEER does not start at the devDependency $LOWEST_CDK_VERSION: the lowest supported version is not the one tested" >&2
  exit 1
fi
expect_cdk_version "$ROOT" "$LOWEST_CDK_VERSION"
# examples/migration.ts (and its test) use CfnExpressGatewayService, from aws-cdk-lib 2.230.0 on.
RUN_JEST="${COMPAT_LOWEST_JEST:-1}" DEV_EXCLUDE="examples/migration.ts test/migration.test.ts" run_suite "$ROOT" "$@"
LOWEST_TIME=$((SECONDS - START))

step "(b) latest aws-cdk-lib $LATEST_CDK_VERSION, in a scratch copy"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/compat.XXXXXX")"
if [[ "${KEEP_WORK:-}" == 1 ]]; then
  echo "scratch directory kept: $WORK"
else
  trap 'rm -rf "$WORK"' EXIT
fi
# The project as committed or not, minus what is installed or generated.
tar -C "$ROOT" -cf - --exclude=./node_modules --exclude=./.git --exclude=./cdk.out --exclude=./coverage \
  --exclude=./test-reports --exclude=./lib --exclude=./dist --exclude=./.jsii --exclude='./test/python/.venv' . \
  | tar -C "$WORK" -xf -
(
  cd "$WORK"
  npm ci --no-audit --no-fund --loglevel=error
  npm install --no-save --no-audit --no-fund --loglevel=error \
    "aws-cdk-lib@$LATEST_CDK_VERSION" "constructs@$LATEST_CONSTRUCTS_VERSION" \
    "@aws-cdk/aws-apprunner-alpha@$LATEST_APPRUNNER_ALPHA_VERSION" \
    "@aws-cdk/integ-tests-alpha@$LATEST_INTEG_TESTS_ALPHA_VERSION"
)
expect_cdk_version "$WORK" "$LATEST_CDK_VERSION"
if ! cmp -s "$ROOT/package-lock.json" "$WORK/package-lock.json"; then
  echo "npm install --no-save changed the scratch copy's lock file" >&2
  exit 1
fi
run_suite "$WORK" "$@"

step "compat passed: aws-cdk-lib $LOWEST_CDK_VERSION in ${LOWEST_TIME}s, aws-cdk-lib $LATEST_CDK_VERSION in $((SECONDS - START - LOWEST_TIME))s"

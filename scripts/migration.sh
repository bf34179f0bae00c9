#!/usr/bin/env bash
# npm run migration -- [version...]: synthesizes examples/migration.ts (docs/migration.md), each version given
# (connector-group, app-runner, side-by-side, ecs; all four by default), to cdk.out/migration/<version>/.
#
# The example needs `CfnExpressGatewayService` (aws-cdk-lib 2.230.0 or later), and this repository develops against
# the lowest supported aws-cdk-lib (2.224.0). So, as `npm run conformance` does, it runs in a scratch project with the
# latest aws-cdk-lib (the version conformance pins), never touching the project's node_modules or lock file.
# Needs: Node.js and the npm registry. KEEP_WORK=1 keeps the scratch project.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
conformance_pin() { sed -n "s/^$1=//p" "$ROOT/scripts/conformance.sh"; }
LATEST_CDK_VERSION="$(conformance_pin LATEST_CDK_VERSION)"
LATEST_CONSTRUCTS_VERSION="$(conformance_pin LATEST_CONSTRUCTS_VERSION)"
TS_NODE_VERSION="$(conformance_pin TS_NODE_VERSION)"
TYPESCRIPT_VERSION="$(conformance_pin TYPESCRIPT_VERSION)"
TYPES_NODE_VERSION="$(conformance_pin TYPES_NODE_VERSION)"

PHASES=("$@")
[[ ${#PHASES[@]} -gt 0 ]] || PHASES=(connector-group app-runner side-by-side ecs)

WORK="$(mktemp -d "${TMPDIR:-/tmp}/migration.XXXXXX")"
if [[ "${KEEP_WORK:-}" == 1 ]]; then
  echo "scratch project kept: $WORK"
else
  trap 'rm -rf "$WORK"' EXIT
fi

echo "== scratch project with aws-cdk-lib $LATEST_CDK_VERSION"
cat > "$WORK/package.json" <<JSON
{
  "name": "migration-scratch",
  "private": true,
  "devDependencies": {
    "aws-cdk-lib": "$LATEST_CDK_VERSION",
    "constructs": "$LATEST_CONSTRUCTS_VERSION",
    "ts-node": "$TS_NODE_VERSION",
    "typescript": "$TYPESCRIPT_VERSION",
    "@types/node": "$TYPES_NODE_VERSION"
  }
}
JSON
cp -r "$ROOT/src" "$ROOT/examples" "$ROOT/tsconfig.json" "$ROOT/tsconfig.dev.json" "$WORK/"
(cd "$WORK" && npm install --no-audit --no-fund --loglevel=error)

for phase in "${PHASES[@]}"; do
  echo "== $phase"
  out="$ROOT/cdk.out/migration/$phase"
  rm -rf "$out"
  # Types are checked by `npm run test:compat` on the latest aws-cdk-lib: transpile only (the scratch project has
  # no @types/jest, which tsconfig.json names).
  (cd "$WORK" && npx ts-node --transpile-only --project tsconfig.dev.json examples/migration.ts "$phase" "$out")
done

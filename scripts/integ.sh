#!/usr/bin/env bash
# Integ tests (test/integ.*.ts) against their committed snapshots (test/integ.*.ts.snapshot/).
#
#   bash scripts/integ.sh            synthesize every integ app and compare it with its snapshot;
#                                    fails on any template change (a changed logical ID, or any
#                                    property of AWS::AppRunner::VpcConnector: all are create-only,
#                                    so such a change replaces the connector). Nothing is deployed.
#   bash scripts/integ.sh --update   regenerate all snapshots on purpose (still no deployment);
#                                    review and commit the diff.
#
# Needs neither AWS credentials nor a network beyond the npm registry (for the first install of
# the pinned integ-runner into a scratch directory outside the repository).
set -euo pipefail

# 2.197.10 bundles cloud-assembly-schema revision 53; aws-cdk-lib 2.224.0 writes revision 48,
# which it reads. It is installed outside the repository so package.json and the lock file stay as they are.
INTEG_RUNNER_VERSION=2.197.10
REGION=us-east-1

cd "$(dirname "$0")/.."

mode=verify
case "${1:-}" in
  '') ;;
  --update) mode=update ;;
  *) echo "usage: bash scripts/integ.sh [--update]" >&2; exit 2 ;;
esac

runner_dir="${INTEG_RUNNER_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/cdk-apprunner-vpc-connector/integ-runner-$INTEG_RUNNER_VERSION}"
runner="$runner_dir/node_modules/.bin/integ-runner"
if [ ! -x "$runner" ]; then
  echo "Installing @aws-cdk/integ-runner@$INTEG_RUNNER_VERSION into $runner_dir"
  mkdir -p "$runner_dir"
  echo '{ "name": "integ-runner-scratch", "version": "0.0.0", "private": true }' > "$runner_dir/package.json"
  npm install --prefix "$runner_dir" --no-audit --no-fund --no-package-lock --save-exact \
    "@aws-cdk/integ-runner@$INTEG_RUNNER_VERSION" >/dev/null
fi

# No account or region from the environment: the snapshots are environment-agnostic.
unset AWS_PROFILE AWS_REGION AWS_DEFAULT_REGION CDK_DEFAULT_ACCOUNT CDK_DEFAULT_REGION

args=(
  --directory test
  --language typescript
  --app "npx ts-node --project tsconfig.dev.json {filePath}"
  --parallel-regions "$REGION"
)

if [ "$mode" = verify ]; then
  # Snapshot tests only: without --update-on-failed or --force, integ-runner never deploys.
  "$runner" "${args[@]}"
  exit 0
fi

# --update: move the old snapshots aside so that every test is new (integ-runner refuses to
# update over "destructive changes" otherwise), regenerate them with --dry-run (synthesize and
# write the snapshot, no deployment), and put the old ones back if that fails.
backup="$(mktemp -d)"
trap 'rm -rf "$backup"' EXIT
shopt -s nullglob
for snapshot in test/integ.*.ts.snapshot; do
  mv "$snapshot" "$backup/"
done
if ! "$runner" "${args[@]}" --force --dry-run; then
  for snapshot in "$backup"/integ.*.ts.snapshot; do
    rm -rf "test/$(basename "$snapshot")"
    mv "$snapshot" test/
  done
  echo "integ.sh: regenerating the snapshots failed; the old ones are restored." >&2
  exit 1
fi
echo "Snapshots regenerated. Review 'git diff test/' before committing: a changed logical ID or"
echo "AWS::AppRunner::VpcConnector property means CloudFormation replaces the connector."

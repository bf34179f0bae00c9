#!/usr/bin/env bash
# npm run walk: a newcomer's first hour before the first release, as the README tells it, in fresh apps.
#
# In a new temporary folder each run: for each language given, in that order, an app made with the real CDK CLI from
# npm (`cdk init app`, in <lang>-app/), the README's "Before the first release: build from a clone" steps in it, the
# README's first example put in place as the README says, and `npx aws-cdk@2 synth`; then a check that the template
# in cdk.out/ has an `AWS::AppRunner::VpcConnector`. The apps are siblings, so they share one clone beside them, as
# the README says: the shared block (`<!-- walk:clone -->`) runs once, in the first app; then each language's block
# (`clone-ts`, `clone-py`, `clone-java` with `clone-pom-java` and `pom-java`, `clone-go`) and its example
# (`example-ts`, `example-py`, `example-java`, `example-go`). The blocks are read from README.md, so keep each
# `<!-- walk:NAME -->` comment right before its block.
#
#   bash scripts/newcomer-walk.sh [ts] [py] [java] [go]      (ts and py by default: what CI walks)
#
# Any order works, and is the README's promise: `npm run walk -- go ts` clones and compiles in the Go app, then builds
# the npm tarball in the same clone for the TypeScript app. The Java app gets the README's `<repositories>` block and
# dependency in its pom.xml and its `mainClass` pointed at the example, and its aws-cdk-lib pinned (WALK_JAVA_CDK_VERSION,
# default 2.263.0): the init template asks for the newest, which the Maven Central these machines reach may not have.
#
# The clone URL is replaced by this checkout, and `git clone` takes its committed HEAD: commit before you walk.
# Needs: Node.js, git, python3 with venv, and for Java and Go their tools; the npm registry, PyPI, Maven Central and
# the Go module proxy. KEEP_WORK=1 keeps the temporary folder. WALK_CDK_CLI: the CLI that runs `cdk init` (default
# 2.1148.1, pinned in scripts/lib/readme-apps.sh).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
README="$ROOT/README.md"
URL='https://github.com/cdk-apprunner-vpc-connector/cdk-apprunner-vpc-connector.git'
source "$ROOT/scripts/lib/readme-apps.sh"

LANGS=("$@")
[[ ${#LANGS[@]} -gt 0 ]] || LANGS=(ts py)
for lang in "${LANGS[@]}"; do
  case "$lang" in
    ts | py | java | go) ;;
    *) echo "unknown language: $lang (ts, py, java or go)" >&2; exit 2 ;;
  esac
done

WORK="$(new_work_dir newcomer-walk)"
# Maven keeps the jar of a version it once fetched: our package goes from its repository before a Java app and on
# exit, so that the Java app takes this clone's build, as on a newcomer's machine.
cleanup() {
  forget_our_packages
  if [[ "${KEEP_WORK:-}" == 1 ]]; then echo "temporary folder kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
START=$SECONDS
step() { echo; echo "== $* (at $((SECONDS - START))s)"; }

# The README's block $1, with the clone URL replaced by this checkout.
block() {
  local text
  text="$(readme_block "$1")"
  printf '%s\n' "${text//$URL/$ROOT}"
}

TIMES=()
for lang in "${LANGS[@]}"; do
  t0=$SECONDS
  app="$WORK/$lang-app"
  step "$lang: cdk init app --language $(language_name "$lang") (aws-cdk $CDK_CLI)"
  init_app "$lang" "$app"
  steps=""
  if [[ ! -d "$WORK/cdk-apprunner-vpc-connector" ]]; then
    steps="$(block clone)"$'\n'
  fi
  if [[ "$lang" == java ]]; then
    forget_our_packages
    readme_block clone-pom-java > "$WORK/repositories.xml"
    readme_block pom-java > "$WORK/dependency.xml"
    edit_pom "$app" "$WORK/repositories.xml" "$WORK/dependency.xml"
  fi
  steps+="$(block "clone-$lang")"$'\n'"$(example_steps "$lang" "$app")"
  step "$lang: the README's steps from a clone (the shared block in the first app only), the first example, npx aws-cdk@2 synth"
  follow_readme "$app" "$steps"
  expect_connector "$app"
  TIMES+=("$lang $((SECONDS - t0))s")
done
step "newcomer walk passed in $((SECONDS - START))s (${TIMES[*]})"

#!/usr/bin/env bash
# npm run walk: a newcomer's first hour, as the README tells it, in fresh apps.
#
# For TypeScript and for Python: makes an app with the real CDK CLI from npm (`cdk init app`) in a temporary
# folder, runs the README's install block in it (extracted from README.md: the fenced block after
# `<!-- walk:install-ts -->` or `<!-- walk:install-py -->`, with the clone URL replaced by this checkout), puts
# the README's first example in place as the README says (the block after `<!-- walk:example-ts -->` or
# `<!-- walk:example-py -->`), runs `npx aws-cdk@2 synth` as the README does, and checks that the template in
# cdk.out/ has an `AWS::AppRunner::VpcConnector`.
#
#   bash scripts/newcomer-walk.sh [ts] [py] [go] [java]      (ts and py by default: what CI walks)
#
# Go and Java follow their README sections the same way (blocks `install-go`, `example-go`, `install-java`,
# `pom-java`, `example-java`): the Java walk declares the README's repository and dependency in the init app's pom.xml
# and points its `mainClass` at the example, as the README says. WALK_JAVA_CDK_VERSION (default 2.263.0) pins the
# pom's aws-cdk-lib: the init template asks for the newest, which a Maven Central mirror may not have yet.
#
# The clone is `git clone <this checkout>`: it builds the committed HEAD, as a fresh clone of the repository would.
# Needs: Node.js, git, python3 with venv; the npm registry and PyPI. KEEP_WORK=1 keeps the temporary folder.
# WALK_CDK_CLI: the CLI that runs `cdk init` (pinned: the template of a newer CLI may ask for an aws-cdk-lib that a
# registry mirror does not have yet; 2.1149.0's Python template asked for 2.277.0 when PyPI's newest was 2.275.0).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
README="$ROOT/README.md"
URL='https://github.com/cdk-apprunner-vpc-connector/cdk-apprunner-vpc-connector.git'
WALK_CDK_CLI="${WALK_CDK_CLI:-2.1148.1}"
LANGS=("$@")
[[ ${#LANGS[@]} -gt 0 ]] || LANGS=(ts py)

WORK="$(mktemp -d "${TMPDIR:-/tmp}/newcomer-walk.XXXXXX")"
if [[ "${KEEP_WORK:-}" == 1 ]]; then
  echo "temporary folder kept: $WORK"
else
  trap 'rm -rf "$WORK"' EXIT
fi
START=$SECONDS
step() { echo; echo "== $* (at $((SECONDS - START))s)"; }

# A newcomer answers npx's "Ok to proceed?" with y; CI has no terminal to ask on. No CLI telemetry or notices.
export npm_config_yes=true CDK_DISABLE_CLI_TELEMETRY=true
# The jsii runtime's Node 20 end-of-life banner, as the README says.
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION="$(node -p 'process.versions.node.split(".")[0]')"

# The fenced block that follows the line `<!-- walk:$1 -->` in the README.
readme_block() {
  node - "$README" "$1" <<'EOF'
const [file, name] = process.argv.slice(2);
const text = require('fs').readFileSync(file, 'utf8');
const m = new RegExp(`<!-- walk:${name} -->\\n\`\`\`[^\\n]*\\n([\\s\\S]*?)\`\`\``).exec(text);
if (!m) { console.error(`README.md has no fenced block after <!-- walk:${name} -->`); process.exit(1); }
process.stdout.write(m[1]);
EOF
}

# Fails unless a template in cdk.out/ of the app in $1 has a VPC connector.
expect_connector() {
  local templates
  templates="$(grep -l '"AWS::AppRunner::VpcConnector"' "$1"/cdk.out/*.template.json || true)"
  if [[ -z "$templates" ]]; then
    echo "no template in $1/cdk.out has an AWS::AppRunner::VpcConnector" >&2
    return 1
  fi
  echo "AWS::AppRunner::VpcConnector in: ${templates//$1\//}"
}

# `cdk init app --language $2` in $WORK/$1/my-app.
init_app() {
  mkdir -p "$WORK/$1/my-app"
  step "$1: cdk init app --language $2 (aws-cdk $WALK_CDK_CLI)"
  (cd "$WORK/$1/my-app" && npx -y "aws-cdk@$WALK_CDK_CLI" init app --language "$2" > "$WORK/$1/init.log" 2>&1) \
    || { cat "$WORK/$1/init.log"; return 1; }
}

# In the app of $1, in one shell (a Python venv stays active): the README's install block, the commands $2 that put
# the example in place as the README says, and `npx aws-cdk@2 synth`; then checks the template.
install_and_synth() {
  local install
  install="$(readme_block "install-$1")"
  printf '%s\n' "$install" | sed 's/^/  | /'
  (cd "$WORK/$1/my-app" && bash -euo pipefail -c "${install//$URL/$ROOT}
$2
npx aws-cdk@2 synth > ../synth.log 2>&1 || { cat ../synth.log; exit 1; }")
  expect_connector "$WORK/$1/my-app"
}

walk_ts() {
  local t0=$SECONDS
  init_app ts typescript
  echo "aws-cdk-lib in the app: $(node -p "require('$WORK/ts/my-app/node_modules/aws-cdk-lib/package.json').version")"
  step "TypeScript: the README's install block; the first example replaces bin/my-app.ts, lib/my-app-stack.ts and test/ deleted; npx aws-cdk@2 synth"
  readme_block example-ts > "$WORK/ts/example.ts"
  install_and_synth ts 'cp ../example.ts bin/my-app.ts && rm -rf lib/my-app-stack.ts test'
  TIMES+=("TypeScript $((SECONDS - t0))s")
}

walk_py() {
  local t0=$SECONDS
  init_app py python
  step "Python: the README's install block, the example as app.py (my_app/ and tests/ deleted), npx aws-cdk@2 synth"
  readme_block example-py > "$WORK/py/app.py"
  install_and_synth py 'cp ../app.py app.py && rm -rf my_app tests'
  TIMES+=("Python $((SECONDS - t0))s")
}

walk_go() {
  local t0=$SECONDS
  init_app go go
  step "Go: the README's install block, the example as my-app.go, my-app_test.go deleted, go mod tidy, npx aws-cdk@2 synth"
  readme_block example-go > "$WORK/go/example.go"
  install_and_synth go 'cp ../example.go my-app.go && rm my-app_test.go && go mod tidy'
  TIMES+=("Go $((SECONDS - t0))s")
}

walk_java() {
  local t0=$SECONDS
  init_app java java
  step "Java: the README's install block, its repository and dependency in pom.xml, mainClass, the example, npx aws-cdk@2 synth"
  readme_block pom-java > "$WORK/java/pom-snippet.xml"
  readme_block example-java > "$WORK/java/AppRunnerServiceApp.java"
  node - "$WORK/java/my-app/pom.xml" "$WORK/java/pom-snippet.xml" "${WALK_JAVA_CDK_VERSION:-2.263.0}" <<'EOF'
const fs = require('fs');
const [pomFile, snippetFile, cdkVersion] = process.argv.slice(2);
const snippet = fs.readFileSync(snippetFile, 'utf8');
const [repositories, dependency] = [snippet.slice(0, snippet.indexOf('<!--')), snippet.slice(snippet.indexOf('<dependency>'))];
const pom = fs.readFileSync(pomFile, 'utf8')
  .replace('<dependencies>', `${repositories}<dependencies>\n${dependency}`)
  .replace(/<mainClass>[^<]*<\/mainClass>/, '<mainClass>com.myorg.AppRunnerServiceApp</mainClass>')
  .replace(/<cdk.version>[^<]*<\/cdk.version>/, `<cdk.version>${cdkVersion}</cdk.version>`);
fs.writeFileSync(pomFile, pom);
EOF
  install_and_synth java 'rm -rf src/main/java/com/myorg/* src/test && cp ../AppRunnerServiceApp.java src/main/java/com/myorg/'
  TIMES+=("Java $((SECONDS - t0))s")
}

TIMES=()
for lang in "${LANGS[@]}"; do
  case "$lang" in
    ts) walk_ts ;;
    py) walk_py ;;
    go) walk_go ;;
    java) walk_java ;;
    *) echo "unknown language: $lang (ts, py, go or java)" >&2; exit 2 ;;
  esac
done
step "newcomer walk passed in $((SECONDS - START))s (${TIMES[*]})"

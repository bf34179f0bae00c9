# Sourced by scripts/newcomer-walk.sh and scripts/release-rehearsal.sh: fresh `cdk init` apps that follow the README
# as written. The caller sets README (the README's path).
#
#   new_work_dir NAME              a new temporary folder, in memory (/dev/shm) where there is one with room
#   readme_block NAME              the fenced block after the line `<!-- walk:NAME -->` in the README
#   init_app LANG DIR              `cdk init app` for ts, py, java or go in the new folder DIR (its name names the app)
#   example_steps LANG DIR         the shell commands that put the README's first example in place in the app in DIR, as
#                                  the README says (Go: and `go mod tidy`); the example goes to DIR.example first
#   edit_pom DIR SNIPPET_FILE...   the Java app's pom.xml as the README says: each snippet that starts with
#                                  <repositories> right before <dependencies> (a child of <project>), each <dependency>
#                                  inside <dependencies>; mainClass the example's; aws-cdk-lib pinned
#                                  (WALK_JAVA_CDK_VERSION, default 2.263.0)
#   forget_our_packages            removes our package from the shared Maven repository (MAVEN_REPOSITORY, default
#                                  ~/.m2/repository) and Go module cache: a version once cached is never fetched again,
#                                  and every build, from a clone or a release rehearsal, has the same version
#   follow_readme DIR STEPS        in the app in DIR, in one shell: the commands STEPS, then `npx aws-cdk@2 synth`
#   expect_connector DIR           fails unless a template in DIR/cdk.out has an AWS::AppRunner::VpcConnector

# A newcomer answers npx's "Ok to proceed?" with y; CI has no terminal to ask on. No CLI telemetry or notices.
export npm_config_yes=true CDK_DISABLE_CLI_TELEMETRY=true
# The jsii runtime's Node 20 end-of-life banner, as the README says.
JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION="$(node -p 'process.versions.node.split(".")[0]')"
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION

# The CLI that runs `cdk init`, pinned: the template of a newer CLI may ask for an aws-cdk-lib that a registry mirror
# does not have yet (2.1149.0's Python template asked for 2.277.0 when PyPI's newest was 2.275.0).
CDK_CLI="${WALK_CDK_CLI:-2.1148.1}"
# The init template of the Java CLI asks for the newest aws-cdk-lib, which Maven Central may not serve yet.
JAVA_CDK_VERSION="${WALK_JAVA_CDK_VERSION:-2.263.0}"

MAVEN_REPOSITORY="${MAVEN_REPOSITORY:-$HOME/.m2/repository}"

# The apps and a clone hold a gigabyte of node_modules and virtualenvs. On these machines' disk (ext4 mounted with
# `discard`) deleting them took 70 s to 100 s at the end of a run; from memory it takes a second. TMPDIR, when set,
# wins; without 4 GB free in /dev/shm, /tmp.
new_work_dir() {
  local parent="${TMPDIR:-}"
  if [[ -z "$parent" ]]; then
    parent=/tmp
    if [[ -d /dev/shm && -w /dev/shm ]] && (( $(df -Pk /dev/shm | awk 'NR == 2 { print $4 }') > 4 * 1024 * 1024 )); then
      parent=/dev/shm
    fi
  fi
  mktemp -d "$parent/$1.XXXXXX"
}

forget_our_packages() {
  rm -rf "$MAVEN_REPOSITORY/io/github/cdk-apprunner-vpc-connector"
  local cache d
  cache="$(go env GOMODCACHE 2>/dev/null || true)"
  [[ -n "$cache" ]] || return 0
  for d in "$cache/github.com/cdk-apprunner-vpc-connector" "$cache/cache/download/github.com/cdk-apprunner-vpc-connector"; do
    if [[ -e "$d" ]]; then chmod -R u+w "$d" && rm -rf "$d"; fi
  done
}

readme_block() {
  node - "$README" "$1" <<'EOF'
const [file, name] = process.argv.slice(2);
const text = require('fs').readFileSync(file, 'utf8');
const m = new RegExp(`<!-- walk:${name} -->\\n\`\`\`[^\\n]*\\n([\\s\\S]*?)\`\`\``).exec(text);
if (!m) { console.error(`README.md has no fenced block after <!-- walk:${name} -->`); process.exit(1); }
process.stdout.write(m[1]);
EOF
}

language_name() {
  case "$1" in ts) echo typescript ;; py) echo python ;; java) echo java ;; go) echo go ;; esac
}

init_app() {
  mkdir -p "$2"
  (cd "$2" && npx -y "aws-cdk@$CDK_CLI" init app --language "$(language_name "$1")" > "$2.init.log" 2>&1) \
    || { cat "$2.init.log"; return 1; }
}

example_steps() {
  local lang=$1 dir=$2 app
  app="$(basename "$dir")"
  case "$lang" in
    ts)
      readme_block example-ts > "$dir.example"
      echo "cp ../$app.example bin/$app.ts && rm -rf lib/$app-stack.ts test" ;;
    py)
      readme_block example-py > "$dir.example"
      echo "cp ../$app.example app.py && rm -rf ${app//-/_} tests" ;;
    java)
      readme_block example-java > "$dir.example"
      echo "rm -rf src/main/java/com/myorg/* src/test && cp ../$app.example src/main/java/com/myorg/AppRunnerServiceApp.java" ;;
    go)
      readme_block example-go > "$dir.example"
      echo "cp ../$app.example $app.go && rm $app""_test.go && go mod tidy" ;;
  esac
}

edit_pom() {
  local dir=$1
  shift
  node - "$dir/pom.xml" "$JAVA_CDK_VERSION" "$@" <<'EOF'
const fs = require('fs');
const [pomFile, cdkVersion, ...snippetFiles] = process.argv.slice(2);
let pom = fs.readFileSync(pomFile, 'utf8');
const project = pom.indexOf('\n    <dependencies>');
if (project < 0) throw new Error(`${pomFile}: no <dependencies> at the level of <project>'s children`);
for (const snippet of snippetFiles.map(f => fs.readFileSync(f, 'utf8').trimEnd())) {
  const indent = (s, n) => s.replace(/^/gm, ' '.repeat(n));
  if (snippet.startsWith('<repositories>')) {
    pom = pom.replace('\n    <dependencies>', `\n${indent(snippet, 4)}\n\n    <dependencies>`);
  } else if (snippet.startsWith('<dependency>')) {
    pom = pom.replace('\n    <dependencies>', `\n    <dependencies>\n${indent(snippet, 8)}`);
  } else {
    throw new Error(`a pom.xml snippet of the README starts with neither <repositories> nor <dependency>: ${snippet}`);
  }
}
pom = pom
  .replace(/<mainClass>[^<]*<\/mainClass>/, '<mainClass>com.myorg.AppRunnerServiceApp</mainClass>')
  .replace(/<cdk.version>[^<]*<\/cdk.version>/, `<cdk.version>${cdkVersion}</cdk.version>`);
fs.writeFileSync(pomFile, pom);
EOF
}

# In the app in $1, in one shell (a Python virtualenv stays active): the commands $2, then `npx aws-cdk@2 synth`, as
# the README says. Its output goes to $1.synth.log.
follow_readme() {
  local dir=$1 steps=$2
  printf '%s\n' "$steps" | sed 's/^/  | /'
  (cd "$dir" && bash -euo pipefail -c "$steps
npx aws-cdk@2 synth > ../$(basename "$dir").synth.log 2>&1 || { cat ../$(basename "$dir").synth.log; exit 1; }")
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

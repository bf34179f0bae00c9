# Sourced by test/python/run.sh, test/java/run.sh and test/go/run.sh, from the project root: what every
# jsii-pacmak suite does before it builds its package.
#
#   seconds_since START   seconds since $EPOCHREALTIME was START, one decimal
#   step TEXT             a heading in the log
#   prepare_assembly      compile with jsii when the assembly is missing or stale, then translate the
#                         README's examples with jsii-rosetta (pacmak puts them into the package's docs)
#   readme_example_template DIR   the README's first example synthesized in TypeScript (Python, Java and Go suites)

# The jsii runtime prints a large end-of-life banner for Node.js 20 on every start; the build
# machines run Node.js 20 on purpose (see the README), so keep the log readable.
JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=${JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION:-$(node -p 'process.versions.node.split(".")[0]')}
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION

seconds_since() { awk -v start="$1" -v now="$EPOCHREALTIME" 'BEGIN { printf "%.1f", now - start }'; }
step() { printf '\n==> %s\n' "$*"; }

prepare_assembly() {
  # As the projen compile task does. jsii writes the assembly to ./.jsii and the JavaScript to lib/,
  # and embeds README.md in the assembly.
  if [[ ! -f .jsii ]] || [[ ! -f lib/index.js ]] || [[ -n "$(find src package.json README.md tsconfig.json -newer .jsii -print -quit)" ]]; then
    step "Compiling with jsii (.jsii is missing or older than src/, package.json, tsconfig.json or README.md)"
    local start=$EPOCHREALTIME
    npx jsii --silence-warnings=reserved-word
    echo "compiled in $(seconds_since "$start")s"
  else
    step "Assembly .jsii is up to date with src/, package.json, tsconfig.json and README.md: not recompiling"
  fi
  # Always (a second or two when nothing changed), as the projen post-compile task does.
  step "Compiling the README examples with jsii-rosetta (strict)"
  npx jsii-rosetta extract --strict
}

# The README's first TypeScript example, synthesized into $1: exports the path of its template as
# README_EXAMPLE_TS_TEMPLATE, which the Python, Java and Go suites compare their translations with.
readme_example_template() {
  step "Synthesizing the README's first example in TypeScript"
  README_EXAMPLE_TS_TEMPLATE=$(node test/java/synth-readme-example.js "$1")
  export README_EXAMPLE_TS_TEMPLATE
  echo "$README_EXAMPLE_TS_TEMPLATE"
}

#!/usr/bin/env bash
# `npm run test:go`: build the Go module from this checkout with jsii-pacmak (into dist/go/cdkapprunnervpcconnector),
# and run the go test suite in test/go/ against it: test/go/go.mod replaces our module with that directory, and takes
# github.com/aws/aws-cdk-go/awscdk/v2 v2.224.0 (our peer minimum) from the Go module proxy.
#
#   bash test/go/run.sh [GO_TEST_ARGS...]      e.g. bash test/go/run.sh -v -run TestReadmeExample
#
# Needs Node.js with `npm ci` done, Go 1.25 or later, and the Go module proxy. The first run downloads about 100 MB
# of modules into the module cache and compiles aws-cdk-go into the build cache (go env GOMODCACHE GOCACHE).
set -euo pipefail

cd "$(dirname "$0")/../.."

source test/support/assembly.sh
total_start=$EPOCHREALTIME

# 1. The assembly, and the README examples translated (pacmak puts them into the Go doc comments).
prepare_assembly

# 2. Build the module. pacmak generates it, then runs `go mod tidy` and `go build ./...` in it: the first build
#    compiles the aws-cdk-go packages it imports, which go test below takes from the build cache.
step "Building the Go module with jsii-pacmak"
pacmak_version=$(node -p 'require("jsii-pacmak/package.json").version')
package=$(node -p 'JSON.parse(require("fs").readFileSync(".jsii", "utf8")).targets.go.packageName')
rm -rf dist/go
start=$EPOCHREALTIME
npx jsii-pacmak --target go --force
build_seconds=$(seconds_since "$start")
module_dir=dist/go/$package
if [[ ! -f $module_dir/go.mod ]]; then
  echo "expected $module_dir/go.mod; dist/go has: $(ls dist/go 2>/dev/null | tr '\n' ' ')" >&2
  exit 1
fi
echo "module: $(sed -n 's/^module //p' "$module_dir/go.mod") in $module_dir, $(du -sk "$module_dir" | cut -f1) KiB, built in ${build_seconds}s by jsii-pacmak $pacmak_version"
echo "its go.mod requires: $(sed -n 's/^\t\(github.com\/aws\/[^ ]*\) \(v[^ ]*\)$/\1 \2/p' "$module_dir/go.mod" | paste -sd',' | sed 's/,/, /g')"

# 3. aws-apprunner-alpha's Go module (the alpha Service tests, alpha_test.go), which go.mod replaces with
#    dist/go/awscdkapprunneralpha: the Go module proxy reachable from our machines refuses
#    github.com/aws/aws-cdk-go/awscdkapprunneralpha/v2 (403), so it is generated here by jsii-pacmak, as aws-cdk's
#    release generates the published one, from the npm package the TypeScript and Python suites use.
alpha_version=$(node -p 'require("@aws-cdk/aws-apprunner-alpha/package.json").version')
step "Generating aws-apprunner-alpha $alpha_version's Go module with jsii-pacmak (from its npm package)"
start=$EPOCHREALTIME
alpha_out=$(mktemp -d "${TMPDIR:-/tmp}/cdk-apprunner-vpc-connector-go-alpha.XXXXXX")
npx jsii-pacmak --target go --force --code-only --outdir "$alpha_out" node_modules/@aws-cdk/aws-apprunner-alpha
mv "$alpha_out/go/awscdkapprunneralpha" dist/go/awscdkapprunneralpha
rm -rf "$alpha_out"
echo "module: $(sed -n 's/^module //p' dist/go/awscdkapprunneralpha/go.mod) in dist/go/awscdkapprunneralpha, generated in $(seconds_since "$start")s"

# 4. The TypeScript side of the README example comparison.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/cdk-apprunner-vpc-connector-go.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
readme_example_template "$scratch/ts.out"

# 5. The suite. -mod=mod: a jsii-pacmak upgrade that raises the jsii-runtime-go the generated go.mod requires updates
#    test/go/go.mod and go.sum (reported below, to commit) instead of failing.
step "Running go test in test/go/ with aws-cdk-go $(sed -n 's/^\tgithub.com\/aws\/aws-cdk-go\/awscdk\/v2 //p' test/go/go.mod) (the peer minimum)"
GOFLAGS="${GOFLAGS:+$GOFLAGS }-mod=mod"
export GOFLAGS
mod_files_before=$(cat test/go/go.mod test/go/go.sum | cksum)
start=$EPOCHREALTIME
status=0
(cd test/go && go test -count=1 "$@" ./...) || status=$?
suite_seconds=$(seconds_since "$start")
if [[ "$(cat test/go/go.mod test/go/go.sum | cksum)" != "$mod_files_before" ]]; then
  echo "note: go test updated test/go/go.mod or go.sum (the generated module's requirements changed): commit them"
fi

# The same suite with the newest aws-cdk-go the Go module proxy serves, in a copy of test/go (the committed
# go.mod and go.sum stay at the peer minimum).
latest=${GO_CDK_LATEST:-v2.276.0}
step "Running go test with aws-cdk-go $latest (the newest on the Go module proxy), in a copy of test/go/"
cp -r test/go "$scratch/go"
sed -i "s#=> ../../dist/go/#=> $PWD/dist/go/#" "$scratch/go/go.mod"
start=$EPOCHREALTIME
(readme="$PWD/README.md" && cd "$scratch/go" && go get "github.com/aws/aws-cdk-go/awscdk/v2@$latest" && README_PATH="$readme" go test -count=1 "$@" ./...) || status=$?
latest_seconds=$(seconds_since "$start")
echo "Go suite: ${build_seconds}s module build, go test (compile and run): ${suite_seconds}s at the peer minimum, ${latest_seconds}s at $latest; $(seconds_since "$total_start")s in all"
exit "$status"

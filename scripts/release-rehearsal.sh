#!/usr/bin/env bash
# npm run rehearse: the first release, rehearsed on this machine, and installed by name as users will install it.
#
#   bash scripts/release-rehearsal.sh [ts] [py] [java] [go]      (all four by default: what CI runs)
#
# 1. The release build, in a clone of the committed HEAD in a temporary folder (this checkout is not changed):
#    `npx projen bump`, the release task's own step, sets the version the release would publish (and writes its
#    tag and changelog to dist/); then `npx projen compile`, `post-compile` and `package:<target>` for each language,
#    as the release workflow does. CHANGELOG.md must have an entry for that version, or a non-empty `## Unreleased`
#    one (the entry the release takes), and the README's Maven `<version>` must be that version.
# 2. Four registries on loopback, started here and stopped on exit: verdaccio (npm; it proxies every other package to
#    the npm registry, never ours), pypiserver (PyPI; it redirects pip to PyPI for every other package), a Maven
#    repository in a folder, which `mvn deploy:deploy-file` deploys to (Maven Central stays the source of the rest),
#    and a Go module proxy in a folder (GOPROXY=file://...,<the usual proxy>), holding the module under the path the
#    README imports, at the version's tag.
# 3. Publishing: `npm publish` of the tarball, an upload of the wheel and the source archive, `deploy:deploy-file` of
#    the jar with its pom, sources and Javadoc, and the Go module's .info, .mod and .zip.
# 4. For each language, a fresh `cdk init app` (in apps/<lang>-app, with no clone anywhere near), the README's
#    install commands after the release, as written (blocks `install-ts`, `install-py`, `pom-java`, `install-go`),
#    pointed at the registries above only by the environment (npm_config_registry, PIP_INDEX_URL, Maven's user
#    settings through MAVEN_OPTS' user.home, GOPROXY and GONOSUMDB), the README's first example put in place as the
#    README says, and `npx aws-cdk@2 synth`; then checks that the template has an AWS::AppRunner::VpcConnector and that
#    the app got the published version from the rehearsal's registry.
#
# REHEARSAL_PACKAGES=<folder> (CI: dist): use the packages in that folder, when they are the packages of the version
# the release would publish, instead of building them again: in CI, the package task and the Python, Java and Go
# suites have just built them from this commit, with the same jsii-pacmak (a local build is 0.0.0, and so is the
# first release). When they are not, they are built as above.
#
# The shared caches are used (npm's, pip's, ~/.m2/repository or MAVEN_REPOSITORY, the Go module and build caches);
# our own package is removed from the Maven repository and the Go module cache before the apps run and on exit, so
# that the apps fetch what this run published. KEEP_WORK=1 keeps the temporary folder (registries included).
# Needs: `npm ci` done; Node.js, git, python3 with venv, curl, Java 17 with Maven, Go; the npm registry, PyPI, Maven
# Central and the Go module proxy. WALK_CDK_CLI: the CLI that runs `cdk init` (the walk's pin, 2.1148.1 by default).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
README="$ROOT/README.md"
# 6.10 and later need Node.js 22; the build machines run Node.js 20.
VERDACCIO_VERSION=6.8.0
PYPISERVER_VERSION=2.4.2
MAVEN_DEPLOY_PLUGIN=org.apache.maven.plugins:maven-deploy-plugin:3.1.1
TOOLS="${XDG_CACHE_HOME:-$HOME/.cache}/cdk-apprunner-vpc-connector"
source "$ROOT/scripts/lib/readme-apps.sh"

LANGS=("$@")
[[ ${#LANGS[@]} -gt 0 ]] || LANGS=(ts py java go)
for lang in "${LANGS[@]}"; do
  case "$lang" in
    ts | py | java | go) ;;
    *) echo "unknown language: $lang (ts, py, java or go)" >&2; exit 2 ;;
  esac
done
wants() { [[ " ${LANGS[*]} " == *" $1 "* ]]; }

WORK="$(new_work_dir release-rehearsal)"
REGISTRIES="$WORK/registries"
mkdir -p "$REGISTRIES" "$WORK/apps"
SERVERS=()
# Our package, out of the shared caches before the apps run (so that they fetch what this run published) and on exit.
cleanup() {
  local pid t=$SECONDS
  for pid in "${SERVERS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${SERVERS[@]}"; do wait "$pid" 2>/dev/null || true; done
  forget_our_packages
  if [[ "${KEEP_WORK:-}" == 1 ]]; then echo "temporary folder kept: $WORK"; else rm -rf "$WORK"; fi
  echo "servers stopped, temporary folder removed in $((SECONDS - t))s"
}
trap cleanup EXIT

START=$SECONDS
step() { echo; echo "== $* (at $((SECONDS - START))s)"; }
# Runs "$@" with its output in the log $1 (a file name in $WORK), shown only when it fails.
quiet() {
  local log="$WORK/$1"
  shift
  "$@" > "$log" 2>&1 || { local s=$?; tail -n 60 "$log"; echo "failed ($s): $*; log: $log" >&2; return "$s"; }
}
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() {
  local url=$1 i
  for i in $(seq 1 60); do
    curl -sf -o /dev/null "$url" && return 0
    sleep 0.5
  done
  echo "no answer from $url" >&2
  return 1
}
TIMES=()

# ---------------------------------------------------------------------------------------------------------------
step "the release build: a clone of HEAD, npx projen bump"
t0=$SECONDS
RELEASE="$WORK/release"
git clone -q "$ROOT" "$RELEASE"
# The lock file's packages, as `npm ci` would install them; the clone's files are its own.
ln -s "$ROOT/node_modules" "$RELEASE/node_modules"
cd "$RELEASE"
# The README of the release: the install commands the apps below run are the ones it ships with.
README="$RELEASE/README.md"
quiet bump.log npx projen bump
VERSION="$(cat dist/version.txt)"
TAG="$(cat dist/releasetag.txt)"
echo "version $VERSION, tag $TAG (HEAD $(git rev-parse --short HEAD); tags in the clone: $(git tag -l | wc -l))"

changelog_entry="$(node - CHANGELOG.md "$VERSION" <<'EOF'
const [file, version] = process.argv.slice(2);
const text = require('fs').readFileSync(file, 'utf8');
const sections = text.split(/^## /m).slice(1).map(s => [s.split('\n')[0].trim(), s.split('\n').slice(1).join('\n').trim()]);
const escaped = version.replace(/\./g, '\\.');
const own = sections.find(([heading]) => new RegExp(`^\\[?v?${escaped}\\]?(\\s|$)`).test(heading));
const unreleased = sections.find(([heading]) => /^unreleased$/i.test(heading));
if (own && own[1]) console.log(`"## ${own[0]}"`);
else if (unreleased && unreleased[1]) console.log(`"## ${unreleased[0]}", which the release of ${version} takes (no "## ${version}" yet)`);
else { console.error(`CHANGELOG.md has neither an entry "## ${version}" nor a non-empty "## Unreleased"`); process.exit(1); }
EOF
)"
echo "CHANGELOG.md: $changelog_entry"
readme_maven_version="$(readme_block pom-java | sed -n 's:.*<version>\(.*\)</version>.*:\1:p')"
if [[ "$readme_maven_version" != "$VERSION" ]]; then
  echo "the README's Maven dependency (block pom-java) says <version>$readme_maven_version</version>; the release publishes $VERSION" >&2
  exit 1
fi

read -r GROUP ARTIFACT < <(node -e '
  const { jsii } = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(jsii.targets.java.maven.groupId, jsii.targets.java.maven.artifactId);' package.json)
# The folder $1 holds the packages of $VERSION for the languages rehearsed.
has_packages() {
  [[ -f "$1/js/cdk-apprunner-vpc-connector@$VERSION.jsii.tgz" ]] || return 1
  ! wants py || [[ -f "$1/python/cdk_apprunner_vpc_connector-$VERSION-py3-none-any.whl" ]] || return 1
  ! wants java || [[ -f "$1/java/${GROUP//.//}/$ARTIFACT/$VERSION/$ARTIFACT-$VERSION.jar" ]] || return 1
  ! wants go || [[ "$(cat "$1"/go/*/version 2>/dev/null)" == "$VERSION" ]] || return 1
}
reuse="${REHEARSAL_PACKAGES:-}"
[[ -z "$reuse" || "$reuse" == /* ]] || reuse="$ROOT/$reuse"
if [[ -n "$reuse" ]] && has_packages "$reuse"; then
  DIST="$(cd "$reuse" && pwd)"
  step "the release build: the packages of $VERSION in $DIST, built from this commit before (REHEARSAL_PACKAGES)"
else
  [[ -z "$reuse" ]] || echo "REHEARSAL_PACKAGES: $reuse does not hold the packages of $VERSION; building them"
  step "the release build: compile, post-compile (API.md, the README's examples translated), the packages"
  quiet compile.log npx projen compile
  quiet post-compile.log npx projen post-compile
  targets=(js)
  wants py && targets+=(python)
  wants java && targets+=(java)
  wants go && targets+=(go)
  for target in "${targets[@]}"; do
    t1=$SECONDS
    quiet "package-$target.log" npx projen "package:$target"
    echo "package:$target $((SECONDS - t1))s"
  done
  DIST="$RELEASE/dist"
  has_packages "$DIST" || { echo "the build did not make the packages of $VERSION: $(find "$DIST" -maxdepth 2 | tr '\n' ' ')" >&2; exit 1; }
fi
TARBALL="$DIST/js/cdk-apprunner-vpc-connector@$VERSION.jsii.tgz"
TIMES+=("release build $((SECONDS - t0))s")
cd "$WORK"

# ---------------------------------------------------------------------------------------------------------------
step "registries on loopback: verdaccio $VERDACCIO_VERSION (npm), pypiserver $PYPISERVER_VERSION (PyPI), a Maven repository, a Go module proxy"
t0=$SECONDS
verdaccio="$TOOLS/verdaccio-$VERDACCIO_VERSION/node_modules/.bin/verdaccio"
if [[ ! -x "$verdaccio" ]]; then
  echo "installing verdaccio@$VERDACCIO_VERSION into $TOOLS/verdaccio-$VERDACCIO_VERSION"
  mkdir -p "$TOOLS/verdaccio-$VERDACCIO_VERSION"
  echo '{ "name": "verdaccio-scratch", "version": "0.0.0", "private": true }' > "$TOOLS/verdaccio-$VERDACCIO_VERSION/package.json"
  quiet verdaccio-install.log npm install --prefix "$TOOLS/verdaccio-$VERDACCIO_VERSION" --no-audit --no-fund \
    --no-package-lock --save-exact "verdaccio@$VERDACCIO_VERSION"
fi
pypiserver="$TOOLS/pypiserver-$PYPISERVER_VERSION/bin/pypi-server"
if [[ ! -x "$pypiserver" ]]; then
  echo "installing pypiserver==$PYPISERVER_VERSION into $TOOLS/pypiserver-$PYPISERVER_VERSION"
  rm -rf "$TOOLS/pypiserver-$PYPISERVER_VERSION"
  python3 -m venv "$TOOLS/pypiserver-$PYPISERVER_VERSION"
  quiet pypiserver-install.log "$TOOLS/pypiserver-$PYPISERVER_VERSION/bin/pip" install --disable-pip-version-check \
    "pypiserver==$PYPISERVER_VERSION"
fi

NPM_PORT="$(free_port)"
NPM_URL="http://127.0.0.1:$NPM_PORT/"
mkdir -p "$REGISTRIES/npm"
cat > "$REGISTRIES/npm/config.yaml" <<'EOF'
storage: ./storage
auth:
  htpasswd:
    file: ./htpasswd
uplinks:
  npmjs:
    url: https://registry.npmjs.org/
packages:
  # Ours only from here: no uplink, so the npm registry is never asked for it.
  'cdk-apprunner-vpc-connector':
    access: $all
    publish: $authenticated
  '**':
    access: $all
    publish: $authenticated
    proxy: npmjs
log: { type: stdout, format: pretty, level: warn }
EOF
"$verdaccio" --config "$REGISTRIES/npm/config.yaml" --listen "127.0.0.1:$NPM_PORT" > "$REGISTRIES/npm/verdaccio.log" 2>&1 &
SERVERS+=($!)

PYPI_PORT="$(free_port)"
PYPI_URL="http://127.0.0.1:$PYPI_PORT/"
mkdir -p "$REGISTRIES/pypi"
# -a . -P .: no authentication (loopback only); -v logs each request (the check of the Python app reads it). Packages it lacks are redirected to PyPI (its default fallback).
"$pypiserver" run -v -i 127.0.0.1 -p "$PYPI_PORT" -a . -P . "$REGISTRIES/pypi" > "$REGISTRIES/pypi.log" 2>&1 &
SERVERS+=($!)

wait_for "${NPM_URL}-/ping"
wait_for "${PYPI_URL}health"
echo "npm registry $NPM_URL, PyPI $PYPI_URL, Maven repository file://$REGISTRIES/maven, Go module proxy file://$REGISTRIES/go"

# ---------------------------------------------------------------------------------------------------------------
step "publishing $VERSION: npm publish, an upload to pypiserver, mvn deploy:deploy-file, the Go module proxy's files"
# npm: a user, as `npm adduser` makes one, and `npm publish` of the tarball, as the release workflow does.
token="$(curl -sf -X PUT -H 'content-type: application/json' -d '{"name":"rehearsal","password":"rehearsal"}' \
  "${NPM_URL}-/user/org.couchdb.user:rehearsal" | node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).token')"
printf '//127.0.0.1:%s/:_authToken=%s\n' "$NPM_PORT" "$token" > "$WORK/publish.npmrc"
quiet npm-publish.log npm publish "$TARBALL" --registry "$NPM_URL" --userconfig "$WORK/publish.npmrc" --tag latest --access public
echo "npm: $(npm view cdk-apprunner-vpc-connector@"$VERSION" name version --registry "$NPM_URL" --json | tr -d '\n ')"

if wants py; then
  for file in "$DIST"/python/*; do
    status="$(curl -s -o /dev/null -w '%{http_code}' -F ':action=file_upload' -F "content=@$file" "$PYPI_URL")"
    [[ "$status" == 200 ]] || { echo "pypiserver answered $status to the upload of $file" >&2; exit 1; }
    echo "PyPI: $(basename "$file")"
  done
fi

if wants java; then
  base="$DIST/java/${GROUP//.//}/$ARTIFACT/$VERSION/$ARTIFACT-$VERSION"
  quiet maven-deploy.log mvn -B "$MAVEN_DEPLOY_PLUGIN:deploy-file" -Dmaven.repo.local="$MAVEN_REPOSITORY" \
    -Durl="file://$REGISTRIES/maven" -DrepositoryId=release-rehearsal \
    -Dfile="$base.jar" -DpomFile="$base.pom" -Dsources="$base-sources.jar" -Djavadoc="$base-javadoc.jar"
  echo "Maven: $GROUP:$ARTIFACT:$VERSION ($(cd "$REGISTRIES/maven/${GROUP//.//}/$ARTIFACT/$VERSION" && ls | grep -v '\.\(md5\|sha1\)$' | tr '\n' ' '))"
  mkdir -p "$WORK/maven-user/.m2"
  cat > "$WORK/maven-user/.m2/settings.xml" <<EOF
<settings>
  <localRepository>$MAVEN_REPOSITORY</localRepository>
  <profiles>
    <profile>
      <id>release-rehearsal</id>
      <repositories>
        <repository>
          <id>release-rehearsal</id>
          <url>file://$REGISTRIES/maven</url>
          <snapshots><enabled>false</enabled></snapshots>
        </repository>
      </repositories>
    </profile>
  </profiles>
  <activeProfiles>
    <activeProfile>release-rehearsal</activeProfile>
  </activeProfiles>
</settings>
EOF
fi

if wants go; then
  module_dir="$(ls -d "$DIST"/go/*/)"
  module="$(sed -n 's/^module //p' "$module_dir/go.mod")"
  [[ "$(cat "$module_dir/version")" == "$VERSION" ]] || { echo "$module_dir/version is not $VERSION" >&2; exit 1; }
  [[ "$module" == "${module,,}" ]] || { echo "$module has capitals: the proxy's paths would need Go's !-escaping" >&2; exit 1; }
  # The layout of a Go module proxy (go help goproxy): <module>/@v/list, and the version's .info, .mod and .zip, the
  # zip's files under <module>@<version>/. The release pushes dist/go to the module's repository and tags the
  # module's directory with the version (<dir>/v<version>); the proxy serves that tag as the module's version.
  at="$REGISTRIES/go/$module/@v"
  mkdir -p "$at"
  echo "v$VERSION" > "$at/list"
  printf '{"Version":"v%s","Time":"%s"}\n' "$VERSION" "$(TZ=UTC git -C "$RELEASE" log -1 --format=%cd --date=format-local:%Y-%m-%dT%H:%M:%SZ)" \
    > "$at/v$VERSION.info"
  cp "$module_dir/go.mod" "$at/v$VERSION.mod"
  python3 - "$module_dir" "$module@v$VERSION" "$at/v$VERSION.zip" <<'EOF'
import os, sys, zipfile
src, prefix, out = sys.argv[1:]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for root, dirs, files in os.walk(src):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            z.write(path, f"{prefix}/{os.path.relpath(path, src)}")
EOF
  echo "Go: $module v$VERSION ($(ls "$at" | tr '\n' ' '))"
fi
TIMES+=("registries and publishing $((SECONDS - t0))s")

# ---------------------------------------------------------------------------------------------------------------
# The registries, by the environment only. Go: ours first, then the usual proxies; the checksum database is not
# asked about a module it has never seen (GONOSUMDB), and is still asked about every other.
forget_our_packages
APP_ENV=(
  "npm_config_registry=$NPM_URL"
  "PIP_INDEX_URL=${PYPI_URL}simple/"
  "MAVEN_OPTS=-Duser.home=$WORK/maven-user${MAVEN_OPTS:+ $MAVEN_OPTS}"
  "GOPROXY=file://$REGISTRIES/go,$(go env GOPROXY 2>/dev/null || echo https://proxy.golang.org,direct)"
  "GONOSUMDB=github.com/cdk-apprunner-vpc-connector${GONOSUMDB:+,$GONOSUMDB}"
)

# What the app in $2 (language $1) installed: the version, and where it came from.
installed() {
  local lang=$1 dir=$2
  case "$lang" in
    ts) node -e '
          const [dir, version] = process.argv.slice(1);
          const pkg = require(`${dir}/node_modules/cdk-apprunner-vpc-connector/package.json`);
          const spec = require(`${dir}/package.json`).dependencies["cdk-apprunner-vpc-connector"];
          if (pkg.version !== version) { console.error(`installed ${pkg.version}, published ${version}`); process.exit(1); }
          console.log(`cdk-apprunner-vpc-connector ${pkg.version} in node_modules; package.json says "${spec}"`);' "$dir" "$VERSION" ;;
    py) local v
        v="$("$dir/.venv/bin/python" -m pip show cdk-apprunner-vpc-connector | sed -n 's/^Version: //p')"
        [[ "$v" == "$VERSION" ]] || { echo "installed $v, published $VERSION" >&2; return 1; }
        grep -q "GET /packages/cdk_apprunner_vpc_connector-$VERSION-py3-none-any.whl" "$REGISTRIES/pypi.log" \
          || { echo "pypiserver's log has no download of the wheel" >&2; return 1; }
        echo "cdk-apprunner-vpc-connector $v in .venv, downloaded from pypiserver" ;;
    java) local remote="$MAVEN_REPOSITORY/${GROUP//.//}/$ARTIFACT/$VERSION/_remote.repositories"
        grep -q "\.jar>release-rehearsal=" "$remote" 2>/dev/null \
          || { echo "the jar in $MAVEN_REPOSITORY did not come from the rehearsal's repository: $(cat "$remote" 2>&1)" >&2; return 1; }
        echo "$GROUP:$ARTIFACT:$VERSION, from the rehearsal's repository" ;;
    go) local v
        v="$(cd "$dir" && env "${APP_ENV[@]}" go list -m -f '{{.Version}}' "$module")"
        [[ "$v" == "v$VERSION" ]] || { echo "go.mod requires $module $v, published v$VERSION" >&2; return 1; }
        echo "$module $v in go.mod" ;;
  esac
}

for lang in "${LANGS[@]}"; do
  app="$WORK/apps/$lang-app"
  step "$lang: cdk init app --language $(language_name "$lang") (aws-cdk $CDK_CLI)"
  t0=$SECONDS
  init_app "$lang" "$app"
  t_init=$((SECONDS - t0))
  step "$lang: the README's install after the release, as written, from the rehearsal's registries; the first example; npx aws-cdk@2 synth"
  t0=$SECONDS
  case "$lang" in
    java)
      readme_block pom-java > "$WORK/dependency.xml"
      edit_pom "$app" "$WORK/dependency.xml"
      steps="$(example_steps java "$app")" ;;
    *) steps="$(readme_block "install-$lang")"$'\n'"$(example_steps "$lang" "$app")" ;;
  esac
  (export "${APP_ENV[@]}" && follow_readme "$app" "$steps")
  expect_connector "$app"
  installed "$lang" "$app"
  TIMES+=("$lang: init ${t_init}s, fresh app to template $((SECONDS - t0))s")
done

step "release rehearsal of $VERSION passed in $((SECONDS - START))s"
printf '  %s\n' "${TIMES[@]}"

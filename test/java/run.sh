#!/usr/bin/env bash
# `npm run test:java`: build the Maven package from this checkout with jsii-pacmak (into dist/java, which is laid out
# as a Maven repository), and run the JUnit 5 suite in test/java/ against it twice: with aws-cdk-lib 2.224.0 (our peer
# minimum) and constructs 10.0.5, and with the newest aws-cdk-lib Maven Central serves (2.263.0) and its constructs
# (10.8.0), all from Maven Central.
#
#   bash test/java/run.sh [MAVEN_ARGS...]      e.g. bash test/java/run.sh -Dtest=ErrorsTest
#
# Needs Node.js with `npm ci` done, Java 17 or later, Maven 3.6 or later, and Maven Central.
# Environment:
#   MAVEN_REPOSITORY=<dir>   Maven's local repository, the download cache of both Maven runs (pacmak's and the
#                            suite's); default ~/.m2/repository. The first run downloads about 350 MB into it.
#   JAVA_CDK_VERSIONS="<aws-cdk-lib>:<constructs> ..."   the versions to run the suite with; default
#                            "2.224.0:10.0.5 2.263.0:10.8.0" (the peer minimum, and the newest on Maven Central).
set -euo pipefail

cd "$(dirname "$0")/../.."
repository=${MAVEN_REPOSITORY:-$HOME/.m2/repository}

source test/support/assembly.sh
total_start=$EPOCHREALTIME

# 1. The assembly, and the README examples translated (pacmak puts them into the Javadoc).
prepare_assembly

# 2. Build the Maven package. pacmak runs Maven (resolve the version ranges, compile, Javadoc, deploy to dist/java);
#    without --maven-local-repository it would download everything into a new temporary repository on every run.
step "Building the Maven package with jsii-pacmak"
pacmak_version=$(node -p 'require("jsii-pacmak/package.json").version')
read -r version group artifact < <(node -e '
  const a = JSON.parse(require("fs").readFileSync(".jsii", "utf8"));
  console.log(a.version, a.targets.java.maven.groupId, a.targets.java.maven.artifactId);')
rm -rf dist/java
start=$EPOCHREALTIME
npx jsii-pacmak --target java --force --maven-local-repository "$repository"
build_seconds=$(seconds_since "$start")
package_dir=dist/java/${group//.//}/$artifact/$version
jar=$package_dir/$artifact-$version.jar
if [[ ! -f $jar ]]; then
  echo "expected $jar; dist/java has: $(find dist/java -name '*.jar' | tr '\n' ' ')" >&2
  exit 1
fi
echo "jar: $jar, $(stat -c %s "$jar") bytes ($(du -k "$jar" | cut -f1) KiB), built in ${build_seconds}s by jsii-pacmak $pacmak_version"
echo "its pom requires: $(node -e '
  const pom = require("fs").readFileSync(process.argv[1], "utf8").split("<dependencies>")[1];
  const deps = [...pom.matchAll(/<artifactId>([^<]+)<\/artifactId>\s*<version>([^<]+)<\/version>\s*<\/dependency>/g)];
  console.log(deps.map(([, artifact, version]) => `${artifact} ${version}`).join(", "));' "$package_dir/$artifact-$version.pom")"

# 3. The TypeScript side of the README example comparison.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/cdk-apprunner-vpc-connector-java.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
readme_example_template "$scratch/ts.out"

# 4. The suite. pacmak's deploy also installed the package into the local repository: remove it there, so that
#    Maven takes the package from dist/java, the repository the suite's pom declares.
status=0
suite_seconds=""
for pair in ${JAVA_CDK_VERSIONS:-2.224.0:10.0.5 2.263.0:10.8.0}; do
  cdk_version=${pair%%:*}
  constructs_version=${pair##*:}
  step "Running the JUnit suite in test/java/ (Maven) with aws-cdk-lib $cdk_version, constructs $constructs_version"
  rm -rf "$repository/${group//.//}/$artifact" test/java/target
  start=$EPOCHREALTIME
  set +e
  mvn -B -q -f test/java/pom.xml \
    -Dmaven.repo.local="$repository" \
    -Dpacmak.repository="file://$PWD/dist/java" \
    -Dconnector.version="$version" \
    -Djsii-runtime.version="$pacmak_version" \
    -Daws-cdk-lib.version="$cdk_version" \
    -Dconstructs.version="$constructs_version" \
    test "$@" 2>&1 | sed -u $'s/\e\\[0m//g'
  run_status=${PIPESTATUS[0]}
  set -e
  suite_seconds="$suite_seconds ${cdk_version}: $(seconds_since "$start")s"
  [[ $run_status -eq 0 ]] || status=$run_status

  # Maven's -q hides Surefire's summary: count the reports.
  node -e '
    const fs = require("fs"), dir = "test/java/target/surefire-reports";
    const n = { tests: 0, failures: 0, errors: 0, skipped: 0 };
    const reports = fs.existsSync(dir) ? fs.readdirSync(dir).filter(f => /^TEST-.*\.xml$/.test(f)) : [];
    if (reports.length === 0) {
      console.log("java: no test ran (Maven stopped before Surefire: see its errors above)");
      process.exit(0);
    }
    for (const f of reports) {
      const suite = /<testsuite\b[^>]*>/.exec(fs.readFileSync(`${dir}/${f}`, "utf8"))[0];
      for (const k of Object.keys(n)) n[k] += Number((new RegExp(`\\b${k}="(\\d+)"`).exec(suite) || [0, 0])[1]);
    }
    const failed = n.failures + n.errors;
    console.log(`java: ${n.tests - failed - n.skipped} passed, ${failed} failed, ${n.skipped} skipped (aws-cdk-lib ${process.argv[1]})`);' "$cdk_version"
done
echo "Java suite: ${build_seconds}s package build, Maven (resolve, compile, JUnit):${suite_seconds}, $(seconds_since "$total_start")s in all"
exit "$status"

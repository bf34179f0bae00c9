import { awscdk, javascript } from 'projen';

/**
 * The lowest aws-cdk-lib that exports `interfaces.aws_apprunner.IVpcConnectorRef`
 * (the `interfaces` submodule first shipped in 2.224.0). It is both the peer
 * minimum and the pinned dev dependency that jsii compiles against.
 */
const CDK_MIN_VERSION = '2.224.0';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-apprunner-vpc-connector',
  description:
    'An AWS CDK L2 construct for AWS App Runner VPC connectors: typed subnets and security groups, synth-time validation, importers and connections.',
  author: 'cdk-apprunner-vpc-connector maintainers',
  authorAddress: 'maintainers@users.noreply.example',
  repositoryUrl: 'https://github.com/cdk-apprunner-vpc-connector/cdk-apprunner-vpc-connector.git',
  homepage: 'https://github.com/cdk-apprunner-vpc-connector/cdk-apprunner-vpc-connector#readme',
  bugsUrl: 'https://github.com/cdk-apprunner-vpc-connector/cdk-apprunner-vpc-connector/issues',
  // The README's Install: `npm ci` and jsii run on Node.js 20.16 and later (package.json `engines`).
  minNodeVersion: '20.16.0',
  // minNodeVersion would also become the GitHub workflows' Node.js; they keep the current LTS.
  workflowNodeVersion: 'lts/*',
  license: 'Apache-2.0',
  keywords: ['cdk', 'awscdk', 'aws-cdk', 'apprunner', 'app-runner', 'vpc', 'vpc-connector'],
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,

  cdkVersion: CDK_MIN_VERSION,
  constructsVersion: '10.0.5',
  // jsii 5.9 supports Node.js 20 (the Node.js on our machines) without the
  // end-of-life banner that jsii 6 prints; see README "Contributing".
  jsiiVersion: '~5.9.0',

  tsconfigDevFile: 'tsconfig.dev.json',
  // No source maps. jsii's default, an inline map, puts the TypeScript source, in base64, into every lib/*.js, and
  // require() reads and parses every byte of it: that tripled the bytes our package loads (measured
  // with the require() benchmark of an earlier release). A map in a separate file named src/*.ts, which the package does not ship, so a stack trace
  // under `node --enable-source-maps` pointed at files users do not have. Without a map a trace points at
  // lib/*.js, which is shipped and reads like the source (tsc only strips the types).
  tsconfig: {
    compilerOptions: { inlineSourceMap: false, sourceMap: false, inlineSources: false },
  },

  publishToPypi: {
    distName: 'cdk-apprunner-vpc-connector',
    module: 'cdk_apprunner_vpc_connector',
  },
  // Maven Central grants a GitHub account or organisation the namespace io.github.<its exact name>, so the
  // group is the organisation's name, hyphens and all (valid in a groupId). A Java package cannot contain a
  // hyphen: the Java Language Specification's rule for such a name turns each one into an underscore, the
  // spelling of the Python module too. test/java/ builds and tests this package (`npm run test:java`).
  publishToMaven: {
    mavenGroupId: 'io.github.cdk-apprunner-vpc-connector',
    mavenArtifactId: 'cdk-apprunner-vpc-connector',
    javaPackage: 'io.github.cdk_apprunner_vpc_connector',
  },
  // As for cdklabs' libraries (github.com/cdklabs/cdk-nag-go, package cdknag): the module is published to a
  // repository of its own named after this one with `-go`, in a directory named after the package, so the
  // import path is github.com/cdk-apprunner-vpc-connector/cdk-apprunner-vpc-connector-go/cdkapprunnervpcconnector.
  // test/go/ builds and tests it (`npm run test:go`).
  publishToGo: {
    moduleName: 'github.com/cdk-apprunner-vpc-connector/cdk-apprunner-vpc-connector-go',
    packageName: 'cdkapprunnervpcconnector',
  },
  // No .NET package: NuGet cannot be reached from our machines, so one could be neither built nor tested.

  devDeps: [
    // ts-node and ts-jest compile with the TypeScript that jsii 5.9 is built on.
    'typescript@~5.9.0',
    '@types/node@^20',
    // aws-cdk's experimental App Runner module: interop tests and the benchmark.
    // 2.207.0-alpha.0 is the newest release whose peer range admits our minimum aws-cdk-lib.
    '@aws-cdk/aws-apprunner-alpha@2.207.0-alpha.0',
    'fast-check@^4',
    // Integ tests (test/integ.*.ts); 2.214.0-alpha.0 is the newest whose peer range admits our minimum.
    '@aws-cdk/integ-tests-alpha@2.214.0-alpha.0',
    // What `cdk diff` runs: the upgrade suite (test/upgrade.test.ts) asks it which resources a change replaces.
    '@aws-cdk/cloudformation-diff@2.187.5',
  ],

  jestOptions: {
    // Snapshots are never written by the test task: every expectation is explicit.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    // Every message a test file produces is at most 300 characters (issue 27).
    jestConfig: { setupFilesAfterEnv: ['<rootDir>/test/support/message-lengths.ts'] },
  },

  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'bench', 'projenrc'],
    tsconfigPath: './tsconfig.dev.json',
    projectService: false,
    // Lint is a check, not a rewrite: the test task fails on any finding.
    commandOptions: { fix: false, extraArgs: ['--max-warnings=0'] },
  },

  gitignore: ['.jsii.tabl.json', 'cdk.out/', '.venv/', '*.pyc', '__pycache__/', '.pytest_cache/'],

  // commit-and-tag-version 13 (projen's default for `bump`) and its conventional-changelog
  // dependencies declare `engines: node >= 22`; 12 is the newest line that supports Node.js 20,
  // the Node.js of our machines. See README "Contributing".
  bumpPackage: 'commit-and-tag-version@^12',
});

// jsii 5.9 and 6 print an 11-line "Node 20 is end-of-life" banner from every jsii tool on Node.js 20, the Node.js of
// our build machines (README, "Contributing"): every task silences it.
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');

// A jsii warning is a build failure.
project.compileTask.reset('jsii --silence-warnings=reserved-word --fail-on-warnings');

// Maven's build output of the Java suite. Added after the constructor: projen's `!/test/` (added there) drops
// every earlier pattern under /test/. pacmak's output goes to dist/java and dist/go, ignored with /dist/.
project.gitignore.exclude('/test/java/target/');

// eslint type-checks .projenrc.ts through tsconfig.dev.json too.
project.tsconfigDev.addInclude('.projenrc.ts');

// What the npm tarball (and the copy of it inside the Python wheel) contains: npm always adds
// package.json, README.md and LICENSE; `files` adds the compiled JavaScript and its declarations,
// the jsii assembly, the rosetta tablet (the README's examples translated, for Construct Hub and
// for packages that build on this one) and API.md. An allow-list, so that a new development folder
// or a local leftover is never published; test/package-contents.test.ts checks the packed list.
// With `files` set, npm does not read the root .npmignore; projen still writes one because
// jsii-pacmak creates (and then changes) an .npmignore when there is none.
project.package.addField('files', ['lib/**/*.js', 'lib/**/*.d.ts', '.jsii', '.jsii.tabl.json', 'API.md']);

// npm 11 lists dependencies whose install scripts no `allowScripts` entry covers. The only one is
// @parcel/watcher (jest's watch mode): its install script builds the native module from source,
// and only when npm_config_build_from_source=true; otherwise it does nothing, and the prebuilt
// binary comes from its optional per-platform package. Denied, so `npm ci` is quiet about it.
project.package.addField('allowScripts', { '@parcel/watcher': false });

// README examples are compiled by jsii-rosetta in strict mode, so every TypeScript
// block compiles and the Python README gets real translations.
project.postCompileTask.exec('jsii-rosetta extract --strict');

project.addTask('example', {
  description: 'Synthesize the example app to cdk.out/ and summarize its VPC connectors',
  exec: 'ts-node --project tsconfig.dev.json examples/app.ts',
});

project.addTask('migration', {
  description: 'Synthesize examples/migration.ts (docs/migration.md), each version given or all four, with the latest aws-cdk-lib',
  exec: 'bash scripts/migration.sh',
  receiveArgs: true,
});

project.addTask('walk', {
  description: "A newcomer's walk before the first release: the README's build from a clone and first example, as written, in fresh `cdk init` apps (TypeScript and Python by default; any of ts, py, java, go, in any order)",
  exec: 'bash scripts/newcomer-walk.sh',
  receiveArgs: true,
});

project.addTask('acknowledge', {
  description: "The README's Warnings section with the CDK CLI: its acknowledgements (ours and aws-cdk-lib's W3697) in a scratch app with the newest aws-cdk-lib",
  exec: 'bash scripts/acknowledge.sh',
});

project.addTask('rehearse', {
  description: "The release, rehearsed: the packages at the version `bump` sets, published to registries on loopback, installed by name with the README's commands in fresh `cdk init` apps (all four languages by default)",
  exec: 'bash scripts/release-rehearsal.sh',
  receiveArgs: true,
});

project.addTask('test:python', {
  description: 'Build the Python wheel and run the pytest suite against it in a fresh virtualenv',
  exec: 'bash test/python/run.sh',
});

project.addTask('test:java', {
  description: 'Build the Maven package with jsii-pacmak and run the JUnit suite in test/java/ against it',
  exec: 'bash test/java/run.sh',
});

project.addTask('test:go', {
  description: 'Build the Go module with jsii-pacmak and run the go test suite in test/go/ against it',
  exec: 'bash test/go/run.sh',
});

project.addTask('conformance', {
  description: 'cfn-lint every synthesized template, aws-cdk-lib template validation, cdk-nag on the example',
  exec: 'bash scripts/conformance.sh',
});

project.addTask('integ', {
  description: 'Compare the integ test templates with their committed snapshots (no deployment)',
  exec: 'bash scripts/integ.sh',
});

project.addTask('integ:update', {
  description: 'Refresh the committed integ snapshots on purpose (review the diff: a changed logical ID or create-only property replaces the connector)',
  exec: 'bash scripts/integ.sh --update',
});

project.addTask('test:compat', {
  description: 'Run the jest suite against the lowest supported and the latest aws-cdk-lib',
  exec: 'bash scripts/compat.sh',
});

project.addTask('bench', {
  description: 'Synth benchmark against the raw L1 and the alpha L2',
  exec: 'bash bench/run.sh',
});

project.synth();

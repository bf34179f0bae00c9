#!/usr/bin/env node
/*
 * The TypeScript side of "the README's first example synthesizes the same template in every language": runs the
 * README's first TypeScript block (a complete program, ```ts fixture=app) as `cdk synth` runs an app, with
 * CDK_OUTDIR set, and prints the path of the template it wrote.
 *
 *   node test/java/synth-readme-example.js OUTDIR    # writes OUTDIR/AppRunnerService.template.json
 *
 * It runs the README's text as it is now (no copy to drift), against the compiled library in lib/ (the JavaScript
 * that the Java and Go packages embed) and the aws-cdk-lib of node_modules (2.224.0, our peer minimum). Used by
 * test/java/run.sh and test/go/run.sh, which pass the path to their suites (README_EXAMPLE_TS_TEMPLATE).
 */
'use strict';
const fs = require('fs');
const { createRequire } = require('module');
const path = require('path');
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '..', '..');
const STACK = 'AppRunnerService';

const outdir = process.argv[2];
if (!outdir) {
  console.error('usage: node test/java/synth-readme-example.js OUTDIR');
  process.exit(2);
}
if (!fs.existsSync(path.join(ROOT, 'lib', 'index.js'))) {
  throw new Error('lib/index.js is missing: compile first (npx projen compile)');
}

const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const first = /```ts(?: fixture=(\w+))?\n([\s\S]*?)```/.exec(readme);
if (!first || first[1] !== 'app' || !first[2].includes(`'${STACK}'`)) {
  throw new Error(`README.md's first TypeScript block is no longer the complete program with the stack '${STACK}' `
    + '(```ts fixture=app) that the Java and Go translations in test/java and test/go mirror: update them together.');
}

// `import ... from 'cdk-apprunner-vpc-connector'` is this package: its package.json `main`, lib/index.js.
const requireFromRoot = createRequire(path.join(ROOT, 'package.json'));
const requireForExample = (id) => requireFromRoot(id === 'cdk-apprunner-vpc-connector' ? ROOT : id);
const js = ts.transpileModule(first[2], {
  compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
}).outputText;

// What the CDK CLI sets for the app it runs; `new App()` reads it.
process.env.CDK_OUTDIR = path.resolve(outdir);
const exampleModule = { exports: {} };
new Function('require', 'module', 'exports', js)(requireForExample, exampleModule, exampleModule.exports);

const template = path.join(process.env.CDK_OUTDIR, `${STACK}.template.json`);
if (!fs.existsSync(template)) {
  throw new Error(`the README example wrote no ${template}`);
}
console.log(template);

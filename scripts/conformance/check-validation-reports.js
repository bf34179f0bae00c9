// Reads every validation-report.json that aws-cdk-lib (>= 2.262) wrote under the
// directory given as the argument, lists every finding of its built-in
// CloudFormation validation (and of any other validation plugin), and exits 1 on
// any finding but one accepted case: the empty assertion stack that
// integ-tests-alpha adds to an integ test without assertions (the CDK CLI does not
// deploy a stack without resources).
//
// Usage: node scripts/conformance/check-validation-reports.js <directory of cloud assemblies>
'use strict';
const fs = require('fs');
const path = require('path');

const out = process.argv[2];
const reports = [];
(function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      walk(p);
    } else if (e.name === 'validation-report.json') {
      reports.push(p);
    }
  }
})(out);

let findings = 0;
let connectors = 0;
for (const report of reports) {
  const assembly = path.dirname(report);
  for (const f of fs.readdirSync(assembly).filter(name => name.endsWith('.template.json'))) {
    const template = JSON.parse(fs.readFileSync(path.join(assembly, f), 'utf8'));
    connectors += Object.values(template.Resources ?? {}).filter(r => r.Type === 'AWS::AppRunner::VpcConnector').length;
  }
  for (const plugin of JSON.parse(fs.readFileSync(report, 'utf8')).pluginReports) {
    for (const v of plugin.violations) {
      for (const c of v.violatingConstructs ?? v.violatingResources ?? [{}]) {
        const where = `${path.relative(out, report)}: ${plugin.pluginName} ${v.ruleName} (${v.severity}) ${c.constructPath ?? '?'}: ${v.description}`;
        if (v.ruleName === 'F0001' && /\/DeployAssert$/.test(c.constructPath ?? '')) {
          console.log(`  accepted (empty integ assertion stack, not deployed): ${where}`);
          continue;
        }
        findings++;
        console.log(`  ${where}`);
      }
    }
  }
}
if (reports.length === 0) {
  console.error(`no validation-report.json under ${out}: aws-cdk-lib did not run its CloudFormation validation`);
  process.exit(1);
}
console.log(`CloudFormation validation: ${reports.length} assemblies, ${connectors} VPC connectors, ${findings} finding(s)`);
process.exit(findings > 0 ? 1 : 0);

/**
 * Runs cdk-nag v3's `AwsSolutionsChecks` (`validateScope`) on the example app
 * and on the representative stacks of synth.ts, lists every finding, and fails
 * when a finding is on a resource this library creates (anything under a
 * `VpcConnector` construct: the connector and the security group it creates).
 *
 * cdk-nag v3 needs aws-cdk-lib >= 2.257, newer than the aws-cdk-lib this
 * project builds against, so scripts/conformance.sh runs this file in a scratch
 * copy of the project where cdk-nag is installed. cdk-nag is loaded from that
 * copy at run time: this file type-checks without it.
 */
import { createRequire } from 'module';
import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { buildRepresentativeApp } from './synth';
import { buildApp } from '../../examples/app';
import { VpcConnector } from '../../src';

/** The part of cdk-nag's report this script reads. */
interface NagReport {
  readonly success: boolean;
  readonly violations: Array<{
    readonly ruleName: string;
    readonly description: string;
    readonly severity?: string;
    readonly violatingResources: Array<{ readonly constructPath?: string; readonly resourceLogicalId?: string }>;
  }>;
}

interface NagPack {
  validateScope(scope: IConstruct): NagReport;
}

type NagPackClass = new (scope?: IConstruct, props?: { verbose?: boolean }) => NagPack;

function loadAwsSolutionsChecks(): NagPackClass {
  // Resolve from the working directory: the scratch copy that has cdk-nag installed.
  const requireHere = createRequire(path.join(process.cwd(), 'package.json'));
  const versionOf = (pkg: string): string => requireHere(`${pkg}/package.json`).version;
  console.log(`cdk-nag ${versionOf('cdk-nag')}, aws-cdk-lib ${versionOf('aws-cdk-lib')}`);
  return requireHere('cdk-nag').AwsSolutionsChecks;
}

/** Paths of the constructs this library creates resources under. */
function connectorPaths(app: cdk.App): string[] {
  return app.node.findAll().filter(c => c instanceof VpcConnector).map(c => c.node.path);
}

function check(name: string, app: cdk.App, AwsSolutionsChecks: NagPackClass): number {
  const ours = connectorPaths(app);
  const report = new AwsSolutionsChecks(app).validateScope(app);
  let findings = 0;
  let onOurs = 0;
  console.log(`\n${name}: VPC connectors checked: ${ours.join(', ') || '(none)'}`);
  for (const violation of report.violations) {
    for (const resource of violation.violatingResources) {
      const where = resource.constructPath ?? resource.resourceLogicalId ?? '(unknown)';
      const isOurs = ours.some(p => where === p || where.startsWith(`${p}/`));
      findings++;
      if (isOurs) {
        onOurs++;
      }
      console.log(`  ${isOurs ? 'FAIL' : 'info'} ${violation.ruleName} (${violation.severity ?? 'error'}) ${where}: ${violation.description.split('\n')[0]}`);
    }
  }
  console.log(`${name}: ${findings} finding(s), ${onOurs} on resources this library creates`);
  return onOurs;
}

if (require.main === module) {
  const AwsSolutionsChecks = loadAwsSolutionsChecks();
  const failures = check('example app', buildApp(new cdk.App()), AwsSolutionsChecks)
    + check('representative stacks', buildRepresentativeApp(new cdk.App()), AwsSolutionsChecks);
  if (failures > 0) {
    console.error(`\ncdk-nag: ${failures} finding(s) on resources created by VpcConnector`);
    process.exit(1);
  }
  console.log('\ncdk-nag: no finding on resources created by VpcConnector');
}

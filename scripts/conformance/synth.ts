/**
 * Synthesizes the templates that `npm run conformance` checks:
 *
 * - `<outdir>/representative`: one stack per way of using the construct
 *   (default, named, tagged, explicit groups, imported VPC, imported
 *   connector, cross-stack with `CfnService`);
 * - `<outdir>/example`: the example app (examples/app.ts);
 * - `<outdir>/migration-<version>`: each version of the move to ECS Express Mode
 *   (examples/migration.ts), where aws-cdk-lib has `CfnExpressGatewayService` (2.230.0 and later).
 *
 * Usage: `npx ts-node --project tsconfig.dev.json scripts/conformance/synth.ts <outdir>`.
 * Context such as `@aws-cdk/core:validateAgainstDefaultRules` is passed in
 * `CDK_CONTEXT_JSON`, which every `cdk.App` reads.
 */
import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';
import { buildApp } from '../../examples/app';
import { VpcConnector } from '../../src';
import { serviceThrough } from '../../test/support/service';


function vpcIn(scope: Construct): ec2.Vpc {
  return new ec2.Vpc(scope, 'Vpc', { maxAzs: 2, natGateways: 1 });
}

/** One stack per representative use of the construct. */
export function buildRepresentativeApp(app: cdk.App): cdk.App {
  // default: a VPC and nothing else.
  const defaults = new cdk.Stack(app, 'ConformanceDefault');
  new VpcConnector(defaults, 'Connector', { vpc: vpcIn(defaults) });

  // named
  const named = new cdk.Stack(app, 'ConformanceNamed');
  new VpcConnector(named, 'Connector', { vpc: vpcIn(named), vpcConnectorName: 'conformance-named_01' });

  // tagged: stack tags and construct tags both reach the connector.
  const tagged = new cdk.Stack(app, 'ConformanceTagged', { tags: { stage: 'conformance' } });
  const taggedConnector = new VpcConnector(tagged, 'Connector', { vpc: vpcIn(tagged) });
  cdk.Tags.of(taggedConnector).add('team', 'payments');
  cdk.Tags.of(taggedConnector).add('cost-center', '1234');

  // explicit groups and explicit subnets (with a duplicate of each), plus a group added later.
  const explicit = new cdk.Stack(app, 'ConformanceExplicitGroups');
  const explicitVpc = vpcIn(explicit);
  const first = new ec2.SecurityGroup(explicit, 'First', { vpc: explicitVpc, description: 'First group of the connector' });
  const second = new ec2.SecurityGroup(explicit, 'Second', { vpc: explicitVpc, description: 'Second group of the connector', allowAllOutbound: false });
  const explicitConnector = new VpcConnector(explicit, 'Connector', {
    subnets: [explicitVpc.privateSubnets[1], explicitVpc.privateSubnets[0], explicitVpc.privateSubnets[1]],
    securityGroups: [first, second, first],
  });
  explicitConnector.connections.addSecurityGroup(
    ec2.SecurityGroup.fromSecurityGroupId(explicit, 'Imported', 'sg-0123456789abcdef0', { mutable: false }));

  // imported VPC, least-privilege egress to one port of an imported group.
  const importedVpcStack = new cdk.Stack(app, 'ConformanceImportedVpc');
  const importedVpc = ec2.Vpc.fromVpcAttributes(importedVpcStack, 'Vpc', {
    vpcId: 'vpc-0123456789abcdef0',
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    privateSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
  });
  const importedConnector = new VpcConnector(importedVpcStack, 'Connector', { vpc: importedVpc, allowAllOutbound: false });
  const database = ec2.SecurityGroup.fromSecurityGroupId(importedVpcStack, 'Database', 'sg-0fedcba9876543210');
  importedConnector.connections.allowTo(database, ec2.Port.tcp(5432), 'App Runner to PostgreSQL');

  // imported connector, used by a service.
  const importedConnectorStack = new cdk.Stack(app, 'ConformanceImportedConnector');
  serviceThrough(importedConnectorStack, 'Service', VpcConnector.fromVpcConnectorArn(importedConnectorStack, 'Connector',
    'arn:aws:apprunner:us-east-1:123456789012:vpcconnector/imported-connector/3/0123456789abcdef0123456789abcdef'));

  // cross-stack: the connector in one stack, the service in another.
  const producer = new cdk.Stack(app, 'ConformanceCrossStackConnector');
  const shared = new VpcConnector(producer, 'Connector', { vpc: vpcIn(producer), vpcConnectorName: 'conformance-shared' });
  const consumer = new cdk.Stack(app, 'ConformanceCrossStackService');
  serviceThrough(consumer, 'Service', shared);

  return app;
}

if (require.main === module) {
  const outdir = process.argv[2];
  if (!outdir) {
    throw new Error('usage: synth.ts <outdir>');
  }
  const apps: [string, (app: cdk.App) => cdk.App][] = [['representative', buildRepresentativeApp], ['example', buildApp]];
  if ('CfnExpressGatewayService' in ecs) {
    // Required only here: the example needs aws-cdk-lib 2.230.0 or later to compile.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const migration: { buildMigrationApp(phase: string, app: cdk.App): cdk.App } = require('../../examples/migration');
    for (const phase of ['connector-group', 'app-runner', 'side-by-side', 'ecs'] as const) {
      apps.push([`migration-${phase}`, app => migration.buildMigrationApp(phase, app)]);
    }
  } else {
    console.log('migration: skipped (aws-cdk-lib has no CfnExpressGatewayService before 2.230.0)');
  }
  for (const [name, build] of apps) {
    const assembly = build(new cdk.App({ outdir: path.join(outdir, name) })).synth();
    console.log(`${name}: ${assembly.stacks.map(s => s.stackName).join(', ')}`);
  }
}

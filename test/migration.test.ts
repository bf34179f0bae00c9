/**
 * docs/migration.md: moving a service from App Runner to Amazon ECS Express Mode side by side
 * (examples/migration.ts). Each version synthesizes, and each update, as `cdk diff` sees it, deploys
 * and leaves the database rules alone. `CfnExpressGatewayService` exists from aws-cdk-lib 2.230.0 on:
 * on the lowest aws-cdk-lib these tests are skipped; test:compat runs them on the latest.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { buildMigrationApp, Phase } from '../examples/migration';
import { checkStacksUpgrade, resourceNames, UpgradeOutcome } from './support/upgrade';

const HAS_EXPRESS_MODE = 'CfnExpressGatewayService' in ecs;
const run = HAS_EXPRESS_MODE ? test : test.skip;
const WHY = HAS_EXPRESS_MODE ? '' : ' (needs aws-cdk-lib 2.230.0 or later: runs in test:compat on the latest)';

function stacksOf(phase: Phase): Stack[] {
  return buildMigrationApp(phase).node.children.filter(Stack.isStack);
}

function update(from: Phase, to: Phase): UpgradeOutcome {
  const v1 = stacksOf(from);
  const v2 = stacksOf(to);
  return checkStacksUpgrade(v1.map((stack, i) => ({
    stackName: stack.stackName,
    v1: Template.fromStack(stack).toJSON(),
    v2: Template.fromStack(v2[i]).toJSON(),
    names: resourceNames(stack, v2[i]),
  })));
}

/** The database's rules: ingress rules on its group, wherever they are. */
const DATABASE_RULE = /Database|AppSecurityGroup.*to/;

run(`moving the database rule from the connector's group to the application's replaces the connector, and deploys${WHY}`, () => {
  const outcome = update('connector-group', 'app-runner');

  expect(outcome.deploys).toBe(true);
  expect(outcome.replaced.filter(name => outcome.types[name] === 'AWS::AppRunner::VpcConnector')).toEqual(['Orders/VpcConnector']);
  // CloudFormation creates what is added before it deletes what is removed: the new rule is there before the old one goes.
  expect(outcome.added.filter(name => outcome.types[name] === 'AWS::EC2::SecurityGroupIngress')).toHaveLength(1);
});

run(`side by side: the ECS Express Mode service runs in the connector's subnets with the application's security group${WHY}`, () => {
  const [network, orders] = stacksOf('side-by-side');
  const template = Template.fromStack(orders);
  const connector = Object.values<any>(template.findResources('AWS::AppRunner::VpcConnector'))[0];
  const express = Object.values<any>(template.findResources('AWS::ECS::ExpressGatewayService'))[0];
  const appGroup = orders.node.findChild('AppSecurityGroup') as unknown as { securityGroupId: string };

  expect(express.Properties.NetworkConfiguration).toEqual({
    Subnets: connector.Properties.Subnets,
    SecurityGroups: [orders.resolve(appGroup.securityGroupId)],
  });
  expect(connector.Properties.SecurityGroups).toContainEqual(orders.resolve(appGroup.securityGroupId));
  expect(network.stackName).toBe('Network');
});

run(`the first update adds the ECS Express Mode service and changes nothing else${WHY}`, () => {
  const outcome = update('app-runner', 'side-by-side');

  expect(outcome).toMatchObject({ deploys: true, replaced: [], updated: [], removed: [] });
  expect(outcome.added.map(name => outcome.types[name]).sort()).toEqual(['AWS::ECS::ExpressGatewayService', 'AWS::IAM::Role', 'AWS::IAM::Role']);
});

run(`the second update removes the App Runner service and its connector, and no database rule${WHY}`, () => {
  const outcome = update('side-by-side', 'ecs');

  expect(outcome).toMatchObject({ deploys: true, added: [], replaced: [], updated: [] });
  expect(outcome.removed.map(name => outcome.types[name]).sort()).toEqual([
    'AWS::AppRunner::Service', 'AWS::AppRunner::VpcConnector', 'AWS::EC2::SecurityGroup',
  ]);
  expect(outcome.removed.filter(name => DATABASE_RULE.test(name))).toEqual([]);
});

test('docs/migration.md shows the example as it is in examples/migration.ts', () => {
  const example = fs.readFileSync(path.join(__dirname, '..', 'examples', 'migration.ts'), 'utf-8');
  const doc = fs.readFileSync(path.join(__dirname, '..', 'docs', 'migration.md'), 'utf-8');
  const blocks = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map(m => m[1]);

  expect(blocks.length).toBeGreaterThan(0);
  for (const block of blocks) {
    expect(example).toContain(block.trim());
  }
});

/**
 * The description of the group a connector owns is a contract from the first published release on:
 * a change to its text or to what its digest covers replaces the group of every deployed connector,
 * and with it the connector. These descriptions are pinned byte for byte, for a few fixed apps; a
 * change here must be deliberate, and said in the release notes (docs/upgrades.md).
 */
import * as path from 'path';
import { App, CfnParameter, NestedStack, Stack, Tags } from 'aws-cdk-lib';
import { CfnVpcConnector } from 'aws-cdk-lib/aws-apprunner';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { VpcConnector } from '../src';
import { serviceThrough } from './support/service';
import { AZS, ENV, newApp, newVpc } from './support/stacks';
import { DESCRIPTION_PREFIX, REPLACING_PROPERTIES } from '../src/private/digest';

/*
 * npm test runs these on the lowest supported aws-cdk-lib and `npm run test:compat` on the latest: the same
 * pins on both say that an upgrade of aws-cdk-lib keeps every description.
 */

/** The descriptions of the groups the connectors of `app` own, by the path of their connector, as their templates have them. */
function descriptions(app: App): Record<string, unknown> {
  app.synth();
  const found: Record<string, unknown> = {};
  for (const connector of app.node.findAll().filter(VpcConnector.isVpcConnector)) {
    const group = connector.node.tryFindChild('SecurityGroup')!.node.defaultChild as ec2.CfnSecurityGroup;
    found[connector.node.path] = Stack.of(group).resolve(group.groupDescription);
  }
  return found;
}

const pinned = (digest: string) => `${DESCRIPTION_PREFIX} (configuration ${digest})`;

test('one stack: the default, a name and a tag, an added group, given groups, an override, a dual-stack VPC', () => {
  const app = newApp();
  const stack = new Stack(app, 'Stack', { env: ENV });
  const vpc = newVpc(stack);
  serviceThrough(stack, 'Service', new VpcConnector(stack, 'Default', { vpc }));
  const named = new VpcConnector(stack, 'Named', { vpc, vpcConnectorName: 'orders-connector' });
  Tags.of(named).add('team', 'orders');
  const extended = new VpcConnector(stack, 'Extended', { vpc, vpcSubnets: { availabilityZones: ['eu-west-1a'] } });
  extended.connections.addSecurityGroup(new ec2.SecurityGroup(stack, 'Extra', { vpc }));
  new VpcConnector(stack, 'Given', { vpc, securityGroups: [new ec2.SecurityGroup(stack, 'Group', { vpc })] });
  const overridden = new VpcConnector(stack, 'Overridden', { vpc });
  (overridden.node.defaultChild as CfnVpcConnector).addPropertyOverride('Tags', [{ Key: 'set', Value: 'by an escape hatch' }]);
  new VpcConnector(stack, 'DualStack', { vpc: newVpc(stack, 'DualStackVpc', { ipProtocol: ec2.IpProtocol.DUAL_STACK }) });

  expect(descriptions(app)).toEqual({
    'Stack/Default': pinned('f7546aa45e39'),
    'Stack/Named': pinned('4e4bace4aff9'),
    'Stack/Extended': pinned('9e5e500ddf9f'),
    'Stack/Given': pinned('b1a0326dd0af'),
    'Stack/Overridden': pinned('f131d51f202c'),
    'Stack/DualStack': pinned('b180056e9c57'),
  });
});

test('subnets imported by ID: literal, and a parameter carried with the values', () => {
  const app = newApp();
  const stack = new Stack(app, 'Stack', { env: ENV });
  const imported = (id: string, subnetId: string) => ec2.Subnet.fromSubnetAttributes(stack, id, { subnetId, availabilityZone: AZS[0] });
  new VpcConnector(stack, 'Imported', { vpc: ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-1', availabilityZones: AZS }), subnets: [imported('A', 'subnet-0a1b2c3d4e5f60718')] });
  const parameter = new CfnParameter(stack, 'SubnetId', { type: 'AWS::EC2::Subnet::Id' });
  new VpcConnector(stack, 'FromParameter', { vpc: ec2.Vpc.fromVpcAttributes(stack, 'Vpc2', { vpcId: 'vpc-1', availabilityZones: AZS }), subnets: [imported('B', parameter.valueAsString)] });

  expect(descriptions(app)).toEqual({
    'Stack/Imported': pinned('4db53e95e53e'),
    'Stack/FromParameter': { 'Fn::Join': ['', [`${pinned('493cc55fa7b0')} for `, { Ref: 'SubnetId' }]] },
  });
});

test('across stacks and in a nested stack: the VPC in one stack, the connector in another', () => {
  const app = newApp();
  const network = new Stack(app, 'Network', { env: ENV });
  const vpc = newVpc(network);
  const services = new Stack(app, 'Services', { env: ENV });
  serviceThrough(services, 'Service', new VpcConnector(services, 'Connector', { vpc }));
  const nested = new NestedStack(network, 'Nested');
  new VpcConnector(nested, 'Connector', { vpc });

  // The same configuration: the VPC's subnets, through a reference to another stack or a nested stack's parameter.
  expect(descriptions(app)).toEqual({
    'Services/Connector': pinned('fc969ddd2954'),
    'Network/Nested/Connector': pinned('fc969ddd2954'),
  });
});

test('the properties that replace a subnet, a VPC or a security group are those `cdk diff` knows', () => {
  // The database @aws-cdk/cloudformation-diff loads (its own dependency, so the very one `cdk diff` reads here):
  // `causesReplacement` 'yes' (createOnlyProperties) or 'maybe'.
  const specPath = require.resolve('@aws-cdk/aws-service-spec', { paths: [path.dirname(require.resolve('@aws-cdk/cloudformation-diff'))] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const db = require(specPath).loadAwsServiceSpecSync();
  const replacing = (type: string) => {
    const resource = db.lookup('resource', 'cloudFormationType', 'equals', type).only();
    return Object.entries<{ causesReplacement?: string }>(resource.properties)
      .filter(([, property]) => property.causesReplacement === 'yes' || property.causesReplacement === 'maybe')
      .map(([name]) => name)
      .sort();
  };

  for (const type of Object.keys(REPLACING_PROPERTIES)) {
    expect([type, [...REPLACING_PROPERTIES[type]].sort()]).toEqual([type, replacing(type)]);
  }
  expect(Object.keys(REPLACING_PROPERTIES).sort()).toEqual(['AWS::EC2::SecurityGroup', 'AWS::EC2::Subnet', 'AWS::EC2::VPC']);
});

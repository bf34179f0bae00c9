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
    'Stack/Default': pinned('62840affd036'),
    'Stack/Named': pinned('f1f32e3036c5'),
    'Stack/Extended': pinned('5ce394b156d0'),
    'Stack/Given': pinned('138ec432de25'),
    'Stack/Overridden': pinned('7cbbf737230b'),
    'Stack/DualStack': pinned('5661be07bcf9'),
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
    'Stack/Imported': pinned('1afd6d8c9ea7'),
    'Stack/FromParameter': { 'Fn::Join': ['', [`${pinned('efd3cd61f95e')} for `, { Ref: 'SubnetId' }]] },
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

  // The same configuration, but the connector's template refers to the VPC's subnets through an import in one, and
  // through the nested stack's parameters in the other.
  expect(descriptions(app)).toEqual({
    'Services/Connector': pinned('5bbff276c44d'),
    'Network/Nested/Connector': pinned('69113a5714a1'),
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

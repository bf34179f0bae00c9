/**
 * The description of the group a connector owns is a contract from the first published release on:
 * a change to its text or to what its digest covers replaces the group of every deployed connector,
 * and with it the connector. These descriptions are pinned byte for byte, for a few fixed apps; a
 * change here must be deliberate, and said in the release notes (docs/upgrades.md).
 */
import * as path from 'path';
import { App, Stack, Tags } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { VpcConnector } from '../src';
import { serviceThrough } from './support/service';
import { ENV, newApp, newVpc } from './support/stacks';
import { REPLACING_PROPERTIES } from '../src/private/digest';

const WHY = 'replaced whenever the connector is, so that each connector has a security-group set of its own';

/** The descriptions of the groups the connectors of `app` own, by the path of their connector. */
function descriptions(app: App): Record<string, string> {
  const found: Record<string, string> = {};
  for (const stack of app.node.children.filter((c): c is Stack => c instanceof Stack)) {
    const template = Template.fromStack(stack).toJSON();
    for (const resource of Object.values<any>(template.Resources)) {
      const description = resource.Properties?.GroupDescription;
      if (resource.Type === 'AWS::EC2::SecurityGroup' && description.startsWith('App Runner VPC connector ')) {
        found[description.split(':')[0].slice('App Runner VPC connector '.length)] = description;
      }
    }
  }
  return found;
}

test('one stack: the default, a name and a tag, an added group, given groups with uniqueSecurityGroupSet', () => {
  const app = newApp();
  const stack = new Stack(app, 'Stack', { env: ENV });
  const vpc = newVpc(stack);
  serviceThrough(stack, 'Service', new VpcConnector(stack, 'Default', { vpc }));
  const named = new VpcConnector(stack, 'Named', { vpc, vpcConnectorName: 'orders-connector' });
  Tags.of(named).add('team', 'orders');
  const extended = new VpcConnector(stack, 'Extended', { vpc, vpcSubnets: { availabilityZones: ['eu-west-1a'] } });
  extended.connections.addSecurityGroup(new ec2.SecurityGroup(stack, 'Extra', { vpc }));
  new VpcConnector(stack, 'Unique', { vpc, securityGroups: [new ec2.SecurityGroup(stack, 'Given', { vpc })], uniqueSecurityGroupSet: true });

  expect(descriptions(app)).toEqual({
    'Stack/Default': `App Runner VPC connector Stack/Default: ${WHY} (configuration b0d858781b55)`,
    'Stack/Named': `App Runner VPC connector Stack/Named: ${WHY} (configuration 1f948a115846)`,
    'Stack/Extended': `App Runner VPC connector Stack/Extended: ${WHY} (configuration 0aaa58b3c495)`,
    'Stack/Unique': `App Runner VPC connector Stack/Unique: ${WHY} (configuration 30dd6b46044a)`,
  });
});

test('across stacks: the VPC in one stack, the connector in another', () => {
  const app = newApp();
  const network = new Stack(app, 'Network', { env: ENV });
  const services = new Stack(app, 'Services', { env: ENV });
  serviceThrough(services, 'Service', new VpcConnector(services, 'Connector', { vpc: newVpc(network) }));

  expect(descriptions(app)).toEqual({
    'Services/Connector': `App Runner VPC connector Services/Connector: ${WHY} (configuration 18ec5b674bc6)`,
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

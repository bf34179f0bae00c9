import * as apprunnerAlpha from '@aws-cdk/aws-apprunner-alpha';
import { App, Fn, Stack, Tags, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as apprunner from 'aws-cdk-lib/aws-apprunner';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { VpcConnector, VpcConnectorBase } from '../src';
import { serviceThrough } from './support/service';
import { ARN, importVpc, newStack } from './support/stacks';

const CONNECTOR = 'AWS::AppRunner::VpcConnector';

let app: App;
let stack: Stack;
let vpc: ec2.Vpc;

beforeEach(() => {
  stack = newStack();
  app = stack.node.root as App;
  vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
});

/** A VPC imported with two private and two public subnets whose IDs start with `prefix`. */
function importVpcWithSubnets(id: string, vpcId: string, prefix: string): ec2.IVpc {
  return importVpc(stack, id, vpcId, [`${prefix}-private-a`, `${prefix}-private-b`], [`${prefix}-public-a`, `${prefix}-public-b`]);
}

function isolatedVpc(): ec2.Vpc {
  return new ec2.Vpc(stack, 'IsolatedVpc', {
    maxAzs: 2,
    natGateways: 0,
    subnetConfiguration: [
      { name: 'public', subnetType: ec2.SubnetType.PUBLIC },
      { name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      { name: 'other', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    ],
  });
}

function connectorProperties(): any {
  const resources = Template.fromStack(stack).findResources(CONNECTOR);
  expect(Object.keys(resources)).toHaveLength(1);
  return Object.values(resources)[0].Properties;
}

describe('the template', () => {
  test('with only `vpc`: the private subnets and a new security group, no name', () => {
    new VpcConnector(stack, 'Connector', { vpc });

    const template = Template.fromStack(stack);
    template.resourceCountIs(CONNECTOR, 1);
    template.hasResourceProperties(CONNECTOR, {
      Subnets: vpc.privateSubnets.map(s => stack.resolve(s.subnetId)),
      SecurityGroups: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^ConnectorSecurityGroup'), 'GroupId'] }],
      VpcConnectorName: Match.absent(),
    });
    template.resourceCountIs('AWS::EC2::SecurityGroup', 1);
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: Match.stringLikeRegexp('^App Runner VPC connector group, replaced with its connector \\(configuration [0-9a-f]{12}\\)$'),
      VpcId: stack.resolve(vpc.vpcId),
      SecurityGroupEgress: [{ CidrIp: '0.0.0.0/0', IpProtocol: '-1' }],
      SecurityGroupIngress: Match.absent(),
    });
  });

  test('the created group\'s description holds only characters EC2 accepts, whatever the construct path', () => {
    new VpcConnector(stack, 'Connèctor%'.repeat(30), { vpc: importVpcWithSubnets('Imported', 'vpc-1', 'subnet-1') });

    const description: string = Object.values(Template.fromStack(stack).findResources('AWS::EC2::SecurityGroup'))[0].Properties.GroupDescription;
    expect(description).toMatch(/^[a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]{1,255}$/);
    expect(description).not.toContain('Conn');
  });

  test('the L1 child is `Resource` and the created group is `SecurityGroup`', () => {
    const connector = new VpcConnector(stack, 'Connector', { vpc });

    expect(connector.node.defaultChild).toBeInstanceOf(apprunner.CfnVpcConnector);
    expect(connector.node.findChild('Resource')).toBe(connector.node.defaultChild);
    expect(connector.node.findChild('SecurityGroup')).toBeInstanceOf(ec2.SecurityGroup);
  });

  test('`subnets` are de-duplicated and keep their order', () => {
    const [a, b] = vpc.privateSubnets;
    new VpcConnector(stack, 'Connector', { subnets: [b, a, b, a] });

    expect(connectorProperties().Subnets).toEqual([stack.resolve(b.subnetId), stack.resolve(a.subnetId)]);
  });

  test('a subnet imported twice with the same ID counts once', () => {
    const imported = importVpcWithSubnets('Imported', 'vpc-1', 'subnet-1');
    new VpcConnector(stack, 'Connector', {
      subnets: [...imported.privateSubnets, ec2.Subnet.fromSubnetId(stack, 'Again', 'subnet-1-private-a')],
      vpc: imported,
    });

    expect(connectorProperties().Subnets).toEqual(['subnet-1-private-a', 'subnet-1-private-b']);
  });

  test('given `securityGroups` are used, de-duplicated, followed by a group of the connector\'s own', () => {
    const sg1 = new ec2.SecurityGroup(stack, 'Sg1', { vpc });
    const sg2 = ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg2', 'sg-12345678');
    const sg2Again = ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg2Again', 'sg-12345678');
    const connector = new VpcConnector(stack, 'Connector', { vpc, securityGroups: [sg1, sg2, sg1, sg2Again] });

    const own = connector.node.findChild('SecurityGroup') as ec2.SecurityGroup;
    expect(connectorProperties().SecurityGroups).toEqual([stack.resolve(sg1.securityGroupId), 'sg-12345678', stack.resolve(own.securityGroupId)]);
    expect(connector.connections.securityGroups).toEqual([sg1, sg2]);
  });

  test('with `uniqueSecurityGroupSet: false`, the given groups only, and no group is created', () => {
    const sg1 = new ec2.SecurityGroup(stack, 'Sg1', { vpc });
    const connector = new VpcConnector(stack, 'Connector', { vpc, securityGroups: [sg1], uniqueSecurityGroupSet: false });

    expect(connectorProperties().SecurityGroups).toEqual([stack.resolve(sg1.securityGroupId)]);
    expect(connector.node.tryFindChild('SecurityGroup')).toBeUndefined();
    Template.fromStack(stack).resourceCountIs('AWS::EC2::SecurityGroup', 1);
  });

  test('an empty `securityGroups` list counts as omitted', () => {
    const connector = new VpcConnector(stack, 'Connector', { vpc, securityGroups: [], allowAllOutbound: false });

    const created = connector.node.findChild('SecurityGroup') as ec2.SecurityGroup;
    expect(connectorProperties().SecurityGroups).toEqual([stack.resolve(created.securityGroupId)]);
    Template.fromStack(stack).resourceCountIs('AWS::EC2::SecurityGroup', 1);
  });

  test('`vpcConnectorName` is set when given', () => {
    new VpcConnector(stack, 'Connector', { vpc, vpcConnectorName: 'my-connector_01' });

    expect(connectorProperties().VpcConnectorName).toBe('my-connector_01');
  });

  test('`allowAllOutbound: false` creates a group without egress', () => {
    new VpcConnector(stack, 'Connector', { vpc, allowAllOutbound: false });

    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '255.255.255.255/32', Description: 'Disallow all traffic' })],
    });
  });

  test('`vpcSubnets` selects from `vpc`', () => {
    const isolated = isolatedVpc();
    new VpcConnector(stack, 'Connector', { vpc: isolated, vpcSubnets: { subnetGroupName: 'other' } });

    expect(connectorProperties().Subnets).toEqual(
      isolated.selectSubnets({ subnetGroupName: 'other' }).subnetIds.map(id => stack.resolve(id)));
  });

  test('connectors in one VPC with different selections each get their own subnets (selections are remembered per VPC)', () => {
    const isolated = isolatedVpc();
    const selections: Array<ec2.SubnetSelection | undefined> = [
      undefined,
      { subnetGroupName: 'other' },
      { subnetGroupName: 'other', onePerAz: true, availabilityZones: [isolated.availabilityZones[1]] },
      { subnetGroupName: 'isolated', availabilityZones: [isolated.availabilityZones[0]] },
      { subnets: [isolated.isolatedSubnets[3]] },
      { subnetFilters: [ec2.SubnetFilter.byIds([isolated.isolatedSubnets[2].subnetId])] },
      { subnetGroupName: 'other', onePerAz: true, availabilityZones: [isolated.availabilityZones[1]] },
      undefined,
    ];
    selections.forEach((vpcSubnets, i) => new VpcConnector(stack, `Connector${i}`, { vpc: isolated, vpcSubnets }));

    const template = Template.fromStack(stack);
    selections.forEach((vpcSubnets, i) => {
      const subnets = isolated.selectSubnets(vpcSubnets).subnetIds.map(id => stack.resolve(id));
      expect(subnets.length).toBeGreaterThan(0);
      const group = stack.node.findChild(`Connector${i}`).node.findChild('SecurityGroup').node.defaultChild as ec2.CfnSecurityGroup;
      template.hasResourceProperties(CONNECTOR, { Subnets: subnets, SecurityGroups: [{ 'Fn::GetAtt': [stack.getLogicalId(group), 'GroupId'] }] });
    });
  });

  test('explicit `subnets` with `vpc` create the group in `vpc`', () => {
    const imported = importVpcWithSubnets('Imported', 'vpc-1', 'subnet-1');
    new VpcConnector(stack, 'Connector', {
      vpc: imported,
      subnets: [ec2.Subnet.fromSubnetId(stack, 'Bare', 'subnet-bare')],
    });

    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroup', { VpcId: 'vpc-1' });
    Annotations.fromStack(stack).hasNoWarning('/Stack/Connector', Match.anyValue());
  });

  test('subnets defined with `new ec2.Subnet` give their VPC to the created group', () => {
    const subnet = new ec2.Subnet(stack, 'Subnet', { vpcId: 'vpc-standalone', availabilityZone: 'eu-west-1a', cidrBlock: '10.1.0.0/24' });
    new VpcConnector(stack, 'Connector', { subnets: [subnet] });

    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroup', { VpcId: 'vpc-standalone' });
  });
});

describe('attributes', () => {
  test('`vpcConnectorArn` and `vpcConnectorRevision` are the resource attributes', () => {
    const connector = new VpcConnector(stack, 'Connector', { vpc });
    const logicalId = stack.getLogicalId(connector.node.defaultChild as apprunner.CfnVpcConnector);

    expect(stack.resolve(connector.vpcConnectorArn)).toEqual({ 'Fn::GetAtt': [logicalId, 'VpcConnectorArn'] });
    expect(Token.isUnresolved(connector.vpcConnectorRevision)).toBe(true);
    expect(typeof connector.vpcConnectorRevision).toBe('number');
    expect(stack.resolve(connector.vpcConnectorRevision)).toEqual({ 'Fn::GetAtt': [logicalId, 'VpcConnectorRevision'] });
  });

  test('`subnets` are the subnets in the template: selected from `vpc`, or given, without duplicates, in order', () => {
    const selected = new VpcConnector(stack, 'Selected', { vpc });
    const given = new VpcConnector(stack, 'Given', { subnets: [vpc.privateSubnets[1], vpc.privateSubnets[0], vpc.privateSubnets[1]] });

    expect(selected.subnets).toEqual(vpc.privateSubnets);
    expect(given.subnets).toEqual([vpc.privateSubnets[1], vpc.privateSubnets[0]]);
    const template = Template.fromStack(stack);
    template.hasResourceProperties(CONNECTOR, { Subnets: stack.resolve(given.subnets.map(subnet => subnet.subnetId)) });
    template.hasResourceProperties(CONNECTOR, { Subnets: stack.resolve(selected.subnets.map(subnet => subnet.subnetId)) });
  });

  test('an imported connector reaches other languages as a `VpcConnectorBase`: a class, with `node` and `env`', () => {
    const imported = VpcConnector.fromVpcConnectorArn(stack, 'Imported', ARN);

    expect(imported).toBeInstanceOf(VpcConnectorBase);
    expect(imported.node.path).toBe('Stack/Imported');
    expect(imported.env).toEqual({ account: '123456789012', region: 'eu-west-1' });
  });

  test('`vpcConnectorName` is parsed from the ARN when not given, never `Ref`', () => {
    const connector = new VpcConnector(stack, 'Connector', { vpc });
    const logicalId = stack.getLogicalId(connector.node.defaultChild as apprunner.CfnVpcConnector);

    expect(stack.resolve(connector.vpcConnectorName)).toEqual({
      'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::Select': [5, { 'Fn::Split': [':', { 'Fn::GetAtt': [logicalId, 'VpcConnectorArn'] }] }] }] }],
    });
  });

  test('`vpcConnectorName` is the given name', () => {
    const connector = new VpcConnector(stack, 'Connector', { vpc, vpcConnectorName: 'my-connector' });

    expect(connector.vpcConnectorName).toBe('my-connector');
  });

  test('`vpcConnectorRef` carries the ARN', () => {
    const connector = new VpcConnector(stack, 'Connector', { vpc });

    expect(connector.vpcConnectorRef.vpcConnectorArn).toBe(connector.vpcConnectorArn);
  });

  // `CfnVpcConnector.arnForVpcConnector` first shipped in aws-cdk-lib 2.227.0: this test runs in the
  // compatibility run against the latest aws-cdk-lib (`npm run test:compat`), and is skipped on 2.224.0.
  const arnForVpcConnector: ((ref: any) => string) | undefined = (apprunner.CfnVpcConnector as any).arnForVpcConnector;
  (arnForVpcConnector ? test : test.skip)('`CfnVpcConnector.arnForVpcConnector()` gives the ARN', () => {
    const connector = new VpcConnector(stack, 'Connector', { vpc });

    expect(arnForVpcConnector!(connector)).toBe(connector.vpcConnectorArn);
  });
});

describe('connections', () => {
  test('`allowTo` a database group yields the ingress and egress rules', () => {
    const db = new ec2.SecurityGroup(stack, 'Db', { vpc, allowAllOutbound: false });
    const connector = new VpcConnector(stack, 'Connector', { vpc, allowAllOutbound: false });

    connector.connections.allowTo(db, ec2.Port.tcp(5432));

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: stack.resolve(db.securityGroupId),
      SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ConnectorSecurityGroup'), 'GroupId'] },
      FromPort: 5432,
      ToPort: 5432,
      IpProtocol: 'tcp',
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroupEgress', {
      DestinationSecurityGroupId: stack.resolve(db.securityGroupId),
      FromPort: 5432,
    });
  });

  test('a group added later through `connections` appears in the template', () => {
    const connector = new VpcConnector(stack, 'Connector', { vpc });
    const extra = new ec2.SecurityGroup(stack, 'Extra', { vpc });

    connector.connections.addSecurityGroup(extra);

    const groups = connectorProperties().SecurityGroups;
    expect(groups).toHaveLength(2);
    expect(groups[1]).toEqual(stack.resolve(extra.securityGroupId));
  });
});

describe('tags', () => {
  test('`Tags.of(connector)` reaches the resource', () => {
    const connector = new VpcConnector(stack, 'Connector', { vpc });

    Tags.of(connector).add('team', 'payments');

    expect(connectorProperties().Tags).toEqual([{ Key: 'team', Value: 'payments' }]);
  });

  test.each([
    ['aws:reserved', 'x', /Tag key 'aws:reserved' must not start with 'aws:'/],
    ['k'.repeat(129), 'x', /Tag key 'k{20}…' must be at most 128 characters, got: 129/],
    ['long', 'v'.repeat(257), /Tag value of 'long' must be at most 256 characters, got: 257/],
  ])('fails at synth when a tag is invalid (%#)', (key, value, message) => {
    const connector = new VpcConnector(stack, 'Connector', { vpc });

    Tags.of(connector).add(key, value);

    expect(() => app.synth()).toThrow(message);
  });

  test('does not check an unresolved tag key', () => {
    const connector = new VpcConnector(stack, 'Connector', { vpc });

    Tags.of(connector).add(Fn.importValue('TagKey'), 'value');

    expect(() => app.synth()).not.toThrow();
  });

  test('fails at synth when the value of a tag with an unresolved key is too long', () => {
    const connector = new VpcConnector(stack, 'Connector', { vpc });

    Tags.of(connector).add(Fn.importValue('TagKey'), 'v'.repeat(300));

    expect(() => app.synth()).toThrow('Tag value of a tag must be at most 256 characters, got: 300. Shorten the value.');
  });

  test('accepts a 128-character key and a 256-character value', () => {
    const connector = new VpcConnector(stack, 'Connector', { vpc });

    Tags.of(connector).add('k'.repeat(128), 'v'.repeat(256));

    expect(() => app.synth()).not.toThrow();
  });
});

describe('use with App Runner services', () => {
  test('the L1 `CfnService` egress configuration takes the ARN', () => {
    const connector = new VpcConnector(stack, 'Connector', { vpc });
    serviceThrough(stack, 'Service', connector);

    Template.fromStack(stack).hasResourceProperties('AWS::AppRunner::Service', {
      NetworkConfiguration: { EgressConfiguration: { EgressType: 'VPC', VpcConnectorArn: stack.resolve(connector.vpcConnectorArn) } },
    });
  });

  test('across stacks: VPC, connector and service in three stacks', () => {
    const connectorStack = new Stack(app, 'ConnectorStack');
    const serviceStack = new Stack(app, 'ServiceStack');
    const db = new ec2.SecurityGroup(stack, 'Db', { vpc });
    const connector = new VpcConnector(connectorStack, 'Connector', { vpc, allowAllOutbound: false });
    connector.connections.allowTo(db, ec2.Port.tcp(5432));
    serviceThrough(serviceStack, 'Service', connector);

    const connectorTemplate = Template.fromStack(connectorStack);
    connectorTemplate.hasResourceProperties(CONNECTOR, {
      Subnets: [{ 'Fn::ImportValue': Match.stringLikeRegexp('PrivateSubnet1') }, { 'Fn::ImportValue': Match.stringLikeRegexp('PrivateSubnet2') }],
    });
    connectorTemplate.hasResourceProperties('AWS::EC2::SecurityGroup', { VpcId: { 'Fn::ImportValue': Match.anyValue() } });
    Template.fromStack(serviceStack).hasResourceProperties('AWS::AppRunner::Service', {
      NetworkConfiguration: { EgressConfiguration: { VpcConnectorArn: { 'Fn::ImportValue': Match.stringLikeRegexp('VpcConnectorArn') } } },
    });
    expect(() => app.synth()).not.toThrow();
  });

  test('the alpha `Service` takes the connector as `vpcConnector`', () => {
    const connector = new VpcConnector(stack, 'Connector', { vpc });
    new apprunnerAlpha.Service(stack, 'AlphaService', {
      source: apprunnerAlpha.Source.fromEcrPublic({
        imageIdentifier: 'public.ecr.aws/aws-containers/hello-app-runner:latest',
        imageConfiguration: { port: 8000 },
      }),
      vpcConnector: connector,
    });

    Template.fromStack(stack).hasResourceProperties('AWS::AppRunner::Service', {
      NetworkConfiguration: { EgressConfiguration: { EgressType: 'VPC', VpcConnectorArn: stack.resolve(connector.vpcConnectorArn) } },
    });
  });
});

import * as apprunnerAlpha from '@aws-cdk/aws-apprunner-alpha';
import { Annotations as CoreAnnotations, App, Fn, Stack, Stage, Tags, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as apprunner from 'aws-cdk-lib/aws-apprunner';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { VpcConnector } from '../src';
import { serviceThrough } from './support/service';

const CONNECTOR = 'AWS::AppRunner::VpcConnector';
const ARN = 'arn:aws:apprunner:eu-west-1:123456789012:vpcconnector/my-connector/3/0123456789abcdef0123456789abcdef';

let app: App;
let stack: Stack;
let vpc: ec2.Vpc;

beforeEach(() => {
  app = new App();
  stack = new Stack(app, 'Stack');
  vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
});

/** A VPC imported with literal IDs: two private and two public subnets. */
function importVpc(id: string, vpcId: string, prefix: string): ec2.IVpc {
  return ec2.Vpc.fromVpcAttributes(stack, id, {
    vpcId,
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    privateSubnetIds: [`${prefix}-private-a`, `${prefix}-private-b`],
    publicSubnetIds: [`${prefix}-public-a`, `${prefix}-public-b`],
  });
}

/** A VPC without NAT: a public and two isolated subnet groups, 'isolated' and 'other'. */
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
      GroupDescription: Match.stringLikeRegexp('^App Runner VPC connector Stack/Connector: replaced whenever the connector is, so that each connector has a security-group set of its own \\(configuration [0-9a-f]{12}\\)$'),
      VpcId: stack.resolve(vpc.vpcId),
      SecurityGroupEgress: [{ CidrIp: '0.0.0.0/0', IpProtocol: '-1' }],
      SecurityGroupIngress: Match.absent(),
    });
  });

  test('the created group\'s description holds only characters EC2 accepts', () => {
    new VpcConnector(stack, 'Connèctor%'.repeat(30), { vpc: importVpc('Imported', 'vpc-1', 'subnet-1') });

    const description: string = Object.values(Template.fromStack(stack).findResources('AWS::EC2::SecurityGroup'))[0].Properties.GroupDescription;
    expect(description).toMatch(/^App Runner VPC connector Stack\/Conn_ctor_Conn/);
    expect(description).toMatch(/^[a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]{1,255}$/);
    expect(description).toHaveLength(255);
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
    const imported = importVpc('Imported', 'vpc-1', 'subnet-1');
    new VpcConnector(stack, 'Connector', {
      subnets: [...imported.privateSubnets, ec2.Subnet.fromSubnetId(stack, 'Again', 'subnet-1-private-a')],
      vpc: imported,
    });

    expect(connectorProperties().Subnets).toEqual(['subnet-1-private-a', 'subnet-1-private-b']);
  });

  test('given `securityGroups` are used, de-duplicated, and no group is created', () => {
    const sg1 = new ec2.SecurityGroup(stack, 'Sg1', { vpc });
    const sg2 = ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg2', 'sg-12345678');
    const sg2Again = ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg2Again', 'sg-12345678');
    const connector = new VpcConnector(stack, 'Connector', { vpc, securityGroups: [sg1, sg2, sg1, sg2Again] });

    expect(connectorProperties().SecurityGroups).toEqual([stack.resolve(sg1.securityGroupId), 'sg-12345678']);
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
    const imported = importVpc('Imported', 'vpc-1', 'subnet-1');
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

describe('importers', () => {
  test('`fromVpcConnectorArn` parses name, revision, account and region', () => {
    const imported = VpcConnector.fromVpcConnectorArn(stack, 'Imported', ARN);

    expect(imported.vpcConnectorArn).toBe(ARN);
    expect(imported.vpcConnectorName).toBe('my-connector');
    expect(imported.vpcConnectorRevision).toBe(3);
    expect(imported.env).toEqual({ account: '123456789012', region: 'eu-west-1' });
    expect(imported.vpcConnectorRef.vpcConnectorArn).toBe(ARN);
    expect(imported.connections.securityGroups).toEqual([]);
  });

  test('`fromVpcConnectorArn` with a token gives token name and revision', () => {
    const arn = Fn.importValue('ConnectorArn');
    const imported = VpcConnector.fromVpcConnectorArn(stack, 'Imported', arn);

    const resourcePart = { 'Fn::Split': ['/', { 'Fn::Select': [5, { 'Fn::Split': [':', { 'Fn::ImportValue': 'ConnectorArn' }] }] }] };
    expect(stack.resolve(imported.vpcConnectorName)).toEqual({ 'Fn::Select': [1, resourcePart] });
    expect(Token.isUnresolved(imported.vpcConnectorRevision)).toBe(true);
    expect(stack.resolve(imported.vpcConnectorRevision)).toEqual({ 'Fn::Select': [2, resourcePart] });
    expect(stack.resolve(imported.env.region)).toEqual({ 'Fn::Select': [3, { 'Fn::Split': [':', { 'Fn::ImportValue': 'ConnectorArn' }] }] });
  });

  test.each([
    ['not an ARN', 'my-connector'],
    ['another service', 'arn:aws:ecs:eu-west-1:123456789012:vpcconnector/my-connector/3/0123456789abcdef'],
    ['another resource type', 'arn:aws:apprunner:eu-west-1:123456789012:service/my-service/0123456789abcdef'],
    ['no revision', 'arn:aws:apprunner:eu-west-1:123456789012:vpcconnector/my-connector'],
    ['a revision that is not a number', 'arn:aws:apprunner:eu-west-1:123456789012:vpcconnector/my-connector/x/0123456789abcdef'],
    ['no account', 'arn:aws:apprunner:eu-west-1::vpcconnector/my-connector/3/0123456789abcdef'],
    ['an invalid name', 'arn:aws:apprunner:eu-west-1:123456789012:vpcconnector/a/3/0123456789abcdef'],
    ['the empty string', ''],
  ])('`fromVpcConnectorArn` fails for %s', (_, arn) => {
    expect(() => VpcConnector.fromVpcConnectorArn(stack, 'Imported', arn)).toThrow(
      `\`vpcConnectorArn\` must be a VPC connector ARN, got: '${arn}'. Pass an ARN of the form arn:<partition>:apprunner:<region>:<account>:vpcconnector/<name>/<revision>/<id>.`);
  });

  test('`fromVpcConnectorArn` fails for a missing ARN', () => {
    expect(() => VpcConnector.fromVpcConnectorArn(stack, 'Imported', undefined as any)).toThrow(
      "`vpcConnectorArn` must be a VPC connector ARN, got: 'undefined'.");
  });

  test('`fromVpcConnectorAttributes` keeps the given values and groups', () => {
    const sg = ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-12345678');
    const db = new ec2.SecurityGroup(stack, 'Db', { vpc });
    const imported = VpcConnector.fromVpcConnectorAttributes(stack, 'Imported', {
      vpcConnectorArn: ARN,
      vpcConnectorName: 'given-name',
      vpcConnectorRevision: 7,
      securityGroups: [sg],
    });

    imported.connections.allowTo(db, ec2.Port.tcp(5432));

    expect(imported.vpcConnectorName).toBe('given-name');
    expect(imported.vpcConnectorRevision).toBe(7);
    expect(imported.connections.securityGroups).toEqual([sg]);
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: stack.resolve(db.securityGroupId),
      SourceSecurityGroupId: 'sg-12345678',
      FromPort: 5432,
    });
  });

  test('`fromVpcConnectorAttributes` parses what is not given', () => {
    const imported = VpcConnector.fromVpcConnectorAttributes(stack, 'Imported', { vpcConnectorArn: ARN });

    expect([imported.vpcConnectorName, imported.vpcConnectorRevision]).toEqual(['my-connector', 3]);
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

describe('validation', () => {
  test.each([
    ['abc', 3],
    ['a'.repeat(41), 41],
    ['-starts-with-hyphen', 19],
    ['_starts-with-underscore', 23],
    ['has space', 9],
    ['back\\slash', 10],
    ['dot.ted', 7],
    ['ünïcode-name', 12],
    ['', 0],
  ])('fails when `vpcConnectorName` is %j', (name, length) => {
    expect(() => new VpcConnector(stack, 'Connector', { vpc, vpcConnectorName: name })).toThrow(
      `\`vpcConnectorName\` must be 4 to 40 characters, a letter or digit followed by letters, digits, hyphens or underscores, got: '${name}' (${length} characters). Choose a name such as 'my-service-connector'.`);
  });

  test.each(['abcd', 'a'.repeat(40), '0-_x', 'My_Connector-2'])('accepts `vpcConnectorName` %j', name => {
    new VpcConnector(stack, 'Connector', { vpc, vpcConnectorName: name });

    expect(connectorProperties().VpcConnectorName).toBe(name);
  });

  test('does not check an unresolved `vpcConnectorName`', () => {
    new VpcConnector(stack, 'Connector', { vpc, vpcConnectorName: Fn.importValue('Name') });

    expect(connectorProperties().VpcConnectorName).toEqual({ 'Fn::ImportValue': 'Name' });
  });

  test('fails when neither `subnets` nor `vpc` is given', () => {
    expect(() => new VpcConnector(stack, 'Connector', {})).toThrow(
      '`subnets` or `vpc` must be given, got: neither. Pass `vpc` to place the connector in its private subnets, or `subnets` to choose them.');
  });

  test('fails when `vpcSubnets` is given without `vpc`, printed as written', () => {
    expect(() => new VpcConnector(stack, 'Connector', {
      subnets: vpc.privateSubnets,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    })).toThrow('[Stack/Connector] `vpcSubnets` needs `vpc`, got: `vpcSubnets: { subnetType: SubnetType.PRIVATE_WITH_EGRESS }` without `vpc`. Pass the VPC to select from as `vpc`, or drop `vpcSubnets`.');
  });

  test('fails when only `vpcSubnets` is given, saying that it needs `vpc`', () => {
    expect(() => new VpcConnector(stack, 'Connector', { vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } })).toThrow(
      '[Stack/Connector] `vpcSubnets` needs `vpc`, got: `vpcSubnets: { subnetType: SubnetType.PRIVATE_ISOLATED }` without `vpc`. Pass the VPC to select from as `vpc`, or drop `vpcSubnets`.');
  });

  test('fails when `vpcSubnets` is given without `vpc`, every kind of selection printed as written', () => {
    const subnet = ec2.Subnet.fromSubnetId(stack, 'Picked', 'subnet-picked');
    expect(() => new VpcConnector(stack, 'Connector', {
      vpcSubnets: {
        subnetType: ec2.SubnetType.PUBLIC,
        availabilityZones: ['eu-west-1a', 'eu-west-1b'],
        subnetGroupName: 'web',
        onePerAz: true,
        subnetFilters: [ec2.SubnetFilter.byIds(['subnet-1']), ec2.SubnetFilter.onePerAz()],
        subnets: [subnet, vpc.privateSubnets[0]],
        unknownKey: 'x',
        subnetType2: undefined,
      } as ec2.SubnetSelection,
    })).toThrow("`vpcSubnets: { subnetType: SubnetType.PUBLIC, availabilityZones: ['eu-west-1a', 'eu-west-1b'], subnetGroupName: 'web', onePerAz: true, "
      + 'subnetFilters: [2 subnet filters], subnets: [subnet-picked, Stack/Vpc/PrivateSubnet1], unknownKey: \'x\' }` without `vpc`.');
  });

  test('fails when `vpcSubnets` is given with `subnets`', () => {
    expect(() => new VpcConnector(stack, 'Connector', {
      vpc,
      subnets: vpc.privateSubnets,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    })).toThrow('`vpcSubnets` cannot be combined with `subnets`, got: both. Pass either the subnets themselves as `subnets`, or `vpc` with `vpcSubnets`.');
  });

  test('fails when `allowAllOutbound` is given with `securityGroups`', () => {
    const sg = new ec2.SecurityGroup(stack, 'Sg', { vpc });
    expect(() => new VpcConnector(stack, 'Connector', { vpc, securityGroups: [sg], allowAllOutbound: false })).toThrow(
      '`allowAllOutbound` applies only to the security group this construct creates, got: `allowAllOutbound: false` with 1 given `securityGroups`. Configure outbound rules on the given groups, or drop `securityGroups`.');
  });

  test('fails when `subnets` is empty', () => {
    expect(() => new VpcConnector(stack, 'Connector', { vpc, subnets: [] })).toThrow(
      '`subnets` must name at least one subnet, got: []. Pass the subnets to place the connector in, or pass `vpc` instead.');
  });

  test('fails when `vpcSubnets` selects no subnet', () => {
    expect(() => new VpcConnector(stack, 'Connector', {
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, availabilityZones: ['nowhere-1a'] },
    })).toThrow('`vpcSubnets` must select at least one subnet, got: none from the VPC Stack/Vpc. Select subnet types or groups the VPC has.');
  });

  test('fails when `vpcSubnets` names a group the VPC does not have', () => {
    expect(() => new VpcConnector(stack, 'Connector', { vpc, vpcSubnets: { subnetGroupName: 'Nope' } })).toThrow(
      /^\[Stack\/Connector\] `vpcSubnets` selects no subnets of the VPC Stack\/Vpc: .*Nope.* Select subnet types or groups the VPC has\.$/s);
  });

  test('fails when a subnet entry is missing', () => {
    expect(() => new VpcConnector(stack, 'Connector', { subnets: [vpc.privateSubnets[0], undefined as any] })).toThrow(
      '`subnets` must hold only constructs, got: undefined at index 1. Remove the missing entry.');
  });

  test('fails when a security group entry is missing', () => {
    expect(() => new VpcConnector(stack, 'Connector', { vpc, securityGroups: [null as any] })).toThrow(
      '`securityGroups` must hold only constructs, got: null at index 0. Remove the missing entry.');
  });

  test('fails when subnets are in two VPCs, listing each VPC and its subnets', () => {
    const other = importVpc('Other', 'vpc-2', 'subnet-2');

    expect(() => new VpcConnector(stack, 'Connector', {
      subnets: [vpc.privateSubnets[0], other.privateSubnets[0], other.privateSubnets[1]],
    })).toThrow('`subnets` must all be in one VPC, got: 2 VPCs, Stack/Vpc (Stack/Vpc/PrivateSubnet1); vpc-2 (subnet-2-private-a, subnet-2-private-b). Pass subnets of a single VPC.');
  });

  test('fails when subnets are in three VPCs', () => {
    const a = importVpc('A', 'vpc-a', 'subnet-a');
    const b = importVpc('B', 'vpc-b', 'subnet-b');

    expect(() => new VpcConnector(stack, 'Connector', {
      subnets: [a.privateSubnets[0], b.privateSubnets[0], vpc.privateSubnets[0]],
    })).toThrow(/^\[Stack\/Connector\] `subnets` must all be in one VPC, got: 3 VPCs, vpc-a \(subnet-a-private-a\); vpc-b \(subnet-b-private-a\); Stack\/Vpc/);
  });

  test('knows the VPC of subnets looked up with `Vpc.fromLookup`', () => {
    const envStack = new Stack(app, 'EnvStack', { env: { account: '123456789012', region: 'eu-west-1' } });
    const lookedUp = ec2.Vpc.fromLookup(envStack, 'LookedUp', { vpcId: 'vpc-12345' });
    const other = ec2.Vpc.fromVpcAttributes(envStack, 'Other', { vpcId: 'vpc-2', availabilityZones: ['eu-west-1a'], privateSubnetIds: ['subnet-2'] });

    expect(() => new VpcConnector(envStack, 'Connector', { subnets: [lookedUp.privateSubnets[0], other.privateSubnets[0]] })).toThrow(
      /^\[EnvStack\/Connector\] `subnets` must all be in one VPC, got: 2 VPCs, vpc-12345 \(p-12345\); vpc-2 \(subnet-2\)\./);
  });

  test('the same VPC imported twice is one VPC', () => {
    const first = importVpc('First', 'vpc-1', 'subnet-1');
    const second = importVpc('Second', 'vpc-1', 'subnet-1');
    new VpcConnector(stack, 'Connector', { subnets: [first.privateSubnets[0], second.privateSubnets[1]] });

    expect(connectorProperties().Subnets).toEqual(['subnet-1-private-a', 'subnet-1-private-b']);
  });

  test('a VPC and its import by token ID are one VPC', () => {
    const imported = ec2.Vpc.fromVpcAttributes(stack, 'Imported', {
      vpcId: vpc.vpcId,
      availabilityZones: vpc.availabilityZones,
      privateSubnetIds: ['subnet-x', 'subnet-y'],
    });
    new VpcConnector(stack, 'Connector', { subnets: [vpc.privateSubnets[0], imported.privateSubnets[0]] });

    expect(connectorProperties().Subnets).toEqual([stack.resolve(vpc.privateSubnets[0].subnetId), 'subnet-x']);
    Annotations.fromStack(stack).hasNoWarning('/Stack/Connector', Match.anyValue());
  });

  test('VPCs imported by the same token ID are one VPC, by different ones two', () => {
    const importByToken = (id: string, exportName: string, subnet: string) => ec2.Vpc.fromVpcAttributes(stack, id, {
      vpcId: Fn.importValue(exportName),
      availabilityZones: ['eu-west-1a'],
      privateSubnetIds: [subnet],
    });
    const first = importByToken('First', 'SharedVpcId', 'subnet-1');
    const second = importByToken('Second', 'SharedVpcId', 'subnet-2');
    const third = importByToken('Third', 'OtherVpcId', 'subnet-3');

    new VpcConnector(stack, 'Connector', { subnets: [...first.privateSubnets, ...second.privateSubnets] });
    expect(connectorProperties().Subnets).toEqual(['subnet-1', 'subnet-2']);
    expect(() => new VpcConnector(stack, 'Mixed', { subnets: [...first.privateSubnets, ...third.privateSubnets] })).toThrow(
      '`subnets` must all be in one VPC, got: 2 VPCs, Stack/First (subnet-1); Stack/Third (subnet-3). Pass subnets of a single VPC.');
  });

  test('fails when `vpc` is given and a subnet is in another VPC', () => {
    const other = importVpc('Other', 'vpc-2', 'subnet-2');

    expect(() => new VpcConnector(stack, 'Connector', { vpc, subnets: other.privateSubnets })).toThrow(
      '`subnets` must be in `vpc` Stack/Vpc, got: subnets of another VPC, vpc-2 (subnet-2-private-a, subnet-2-private-b). Pass subnets of Stack/Vpc, or the VPC of the subnets as `vpc`.');
  });

  test('fails when a given security group was created in another VPC', () => {
    const other = new ec2.Vpc(stack, 'OtherVpc', { maxAzs: 1, natGateways: 0 });
    const foreign = new ec2.SecurityGroup(stack, 'Foreign', { vpc: other });
    new VpcConnector(stack, 'Connector', { vpc, securityGroups: [foreign] });

    expect(() => app.synth()).toThrow(
      '`securityGroups` must be in the VPC of the subnets (Stack/Vpc), got: Stack/Foreign, in another VPC. Create the security group in Stack/Vpc.');
  });

  test('fails when a security group of another VPC is added through `connections`, naming that call', () => {
    const other = importVpc('Other', 'vpc-2', 'subnet-2');
    const connector = new VpcConnector(stack, 'Connector', { vpc });

    connector.connections.addSecurityGroup(new ec2.SecurityGroup(stack, 'Foreign', { vpc: other }));

    expect(() => app.synth()).toThrow(
      '[Stack/Connector] A security group added with `connections.addSecurityGroup()` must be in the VPC of the subnets (Stack/Vpc), got: Stack/Foreign, in another VPC. Add a security group of Stack/Vpc instead.');
  });

  test('fails when a given security group of another VPC is also added through `connections`, as a given group', () => {
    const other = importVpc('Other', 'vpc-2', 'subnet-2');
    const foreign = new ec2.SecurityGroup(stack, 'Foreign', { vpc: other });
    const connector = new VpcConnector(stack, 'Connector', { vpc, securityGroups: [foreign] });

    connector.connections.addSecurityGroup(foreign);

    expect(() => app.synth()).toThrow(/\[Stack\/Connector\] `securityGroups` must be in the VPC of the subnets \(Stack\/Vpc\), got: Stack\/Foreign, in another VPC\.[^\n]*$/);
  });

  test('accepts a security group of the same VPC created in another stack', () => {
    const other = new Stack(app, 'Other');
    new VpcConnector(other, 'Connector', { vpc, securityGroups: [new ec2.SecurityGroup(stack, 'Sg', { vpc })] });

    expect(() => app.synth()).not.toThrow();
  });

  test('fails when a group must be created and no VPC is known', () => {
    expect(() => new VpcConnector(stack, 'Connector', {
      subnets: [ec2.Subnet.fromSubnetId(stack, 'A', 'subnet-a'), ec2.Subnet.fromSubnetId(stack, 'B', 'subnet-b')],
    })).toThrow('`securityGroups` must be given when the VPC of `subnets` is unknown, got: none, and the subnets were imported without a VPC. Pass `vpc` so a security group can be created in it, or pass `securityGroups`.');
  });

  test('errors thrown by the constructor start with its construct path', () => {
    const nested = new Stack(new Stage(app, 'Stage'), 'Nested');

    expect(() => new VpcConnector(new Construct(nested, 'Group'), 'Connector', {})).toThrow(
      /^\[Stage\/Nested\/Group\/Connector\] `subnets` or `vpc` must be given, got: neither\./);
  });

  test('errors found at synth carry the construct path once, as aws-cdk-lib writes it', () => {
    const connector = new VpcConnector(stack, 'Connector', { vpc });
    Tags.of(connector).add('aws:team', 'payments');

    const message = (() => {
      try {
        app.synth();
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message).toContain("[Stack/Connector] Tag key 'aws:team' must not start with 'aws:'");
    expect(message.split('[Stack/Connector]')).toHaveLength(2);
  });

  test('fails when a subnet is IPv6-only', () => {
    const subnet = new ec2.Subnet(stack, 'Ipv6Only', { vpcId: vpc.vpcId, availabilityZone: 'eu-west-1a', cidrBlock: '10.9.0.0/24' });
    (subnet.node.defaultChild as ec2.CfnSubnet).ipv6Native = true;

    expect(() => new VpcConnector(stack, 'Connector', { subnets: [subnet] })).toThrow(
      '`subnets` must have IPv4 addresses, got: IPv6-only subnets Stack/Ipv6Only. App Runner supports IPv4 and dual-stack subnets only: choose dual-stack or IPv4 subnets.');
  });
});

describe('warnings', () => {
  const PUBLIC = 'cdk-apprunner-vpc-connector:publicSubnets';
  const UNVERIFIED = 'cdk-apprunner-vpc-connector:unverifiedSubnetVpc';

  test('none for the plain case', () => {
    new VpcConnector(stack, 'Connector', { vpc });

    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
    Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
  });

  test('public subnets selected by default from a VPC that has only public subnets', () => {
    const publicVpc = new ec2.Vpc(stack, 'PublicVpc', {
      maxAzs: 2,
      subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }],
    });
    new VpcConnector(stack, 'Connector', { vpc: publicVpc });

    Annotations.fromStack(stack).hasWarning('/Stack/Connector', Match.stringLikeRegexp(
      '^The connector is placed in public subnets \\(Stack/PublicVpc/publicSubnet1, Stack/PublicVpc/publicSubnet2\\): its network interfaces get no public IP address.*Use private subnets with a NAT gateway.*\\[ack: cdk-apprunner-vpc-connector:publicSubnets\\]$'));
  });

  test('public subnets of an imported VPC', () => {
    const imported = importVpc('Imported', 'vpc-1', 'subnet-1');
    new VpcConnector(stack, 'Connector', { subnets: imported.publicSubnets });

    Annotations.fromStack(stack).hasWarning('/Stack/Connector', Match.stringLikeRegexp(`subnet-1-public-a, subnet-1-public-b.*${PUBLIC}`));
  });

  test('the public subnets warning can be acknowledged', () => {
    const connector = new VpcConnector(stack, 'Connector', { subnets: vpc.publicSubnets });

    CoreAnnotations.of(connector).acknowledgeWarning(PUBLIC, 'egress goes through an interface endpoint');

    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('subnets whose VPC cannot be verified', () => {
    const sg = ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-12345678');
    new VpcConnector(stack, 'Connector', { subnets: [ec2.Subnet.fromSubnetId(stack, 'A', 'subnet-a')], securityGroups: [sg] });

    Annotations.fromStack(stack).hasWarning('/Stack/Connector', Match.stringLikeRegexp(
      `^The VPC of subnet-a cannot be verified: they were imported without a VPC. Pass \`vpc\` too.*\\[ack: ${UNVERIFIED}\\]$`));
  });

  test('some subnets unverified next to a known VPC: the group is created there, with a warning', () => {
    new VpcConnector(stack, 'Connector', { subnets: [vpc.privateSubnets[0], ec2.Subnet.fromSubnetId(stack, 'A', 'subnet-a')] });

    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroup', { VpcId: stack.resolve(vpc.vpcId) });
    Annotations.fromStack(stack).hasWarning('/Stack/Connector', Match.stringLikeRegexp(`subnet-a.*${UNVERIFIED}`));
  });
});

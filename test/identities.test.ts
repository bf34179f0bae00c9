/**
 * Identities that must not collide or hide a mistake: de-duplication keeps what is known,
 * two apps in one process stay apart, token ARNs give the name and revision parts, and a
 * token name that resolves to a literal is checked at synth.
 */
import { App, Arn, ArnFormat, Fn, Lazy, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { VpcConnector } from '../src';

let app: App;
let stack: Stack;

beforeEach(() => {
  app = new App();
  stack = new Stack(app, 'Stack');
});

function importVpc(scope: Stack, id: string, vpcId: string, subnetIds: string[]): ec2.IVpc {
  return ec2.Vpc.fromVpcAttributes(scope, id, {
    vpcId,
    availabilityZones: subnetIds.map((_, i) => `eu-west-1${'abc'[i]}`),
    privateSubnetIds: subnetIds,
  });
}

describe('de-duplication keeps what is known', () => {
  test('fails when a subnet of another VPC is given first re-imported by its ID, then as the construct of its VPC', () => {
    const vpc = importVpc(stack, 'Vpc', 'vpc-1', ['subnet-1a', 'subnet-1b']);
    const other = importVpc(stack, 'Other', 'vpc-2', ['subnet-2a']);
    const reimported = ec2.Subnet.fromSubnetId(stack, 'Reimported', 'subnet-2a');

    expect(() => new VpcConnector(stack, 'Connector', { vpc, subnets: [reimported, other.privateSubnets[0]] })).toThrow(
      '[Stack/Connector] `subnets` must be in `vpc` vpc-1, got: subnets of another VPC, vpc-2 (subnet-2a). Pass subnets of vpc-1, or the VPC of the subnets as `vpc`.');
  });

  test('fails when the subnets are in two VPCs and the copy of one VPC comes after its bare re-import', () => {
    const a = importVpc(stack, 'A', 'vpc-a', ['subnet-a']);
    const b = importVpc(stack, 'B', 'vpc-b', ['subnet-b']);

    expect(() => new VpcConnector(stack, 'Connector', {
      subnets: [a.privateSubnets[0], ec2.Subnet.fromSubnetId(stack, 'Bare', 'subnet-b'), b.privateSubnets[0]],
    })).toThrow('[Stack/Connector] `subnets` must all be in one VPC, got: 2 VPCs, vpc-a (subnet-a); vpc-b (subnet-b). Pass subnets of a single VPC.');
  });

  test('fails when one subnet ID is given as a subnet of two different VPCs', () => {
    const a = importVpc(stack, 'A', 'vpc-a', ['subnet-shared']);
    const b = importVpc(stack, 'B', 'vpc-b', ['subnet-shared']);

    expect(() => new VpcConnector(stack, 'Connector', { subnets: [a.privateSubnets[0], b.privateSubnets[0]] })).toThrow(
      '`subnets` must all be in one VPC, got: 2 VPCs, vpc-a (subnet-shared); vpc-b (subnet-shared).');
  });

  test('the known copy gives its VPC to the created group, and the subnet is not reported as unverified', () => {
    const vpc = importVpc(stack, 'Vpc', 'vpc-1', ['subnet-1a']);
    new VpcConnector(stack, 'Connector', { subnets: [ec2.Subnet.fromSubnetId(stack, 'Bare', 'subnet-1a'), vpc.privateSubnets[0]] });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::AppRunner::VpcConnector', { Subnets: ['subnet-1a'] });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', { VpcId: 'vpc-1' });
    Annotations.fromStack(stack).hasNoWarning('/Stack/Connector', Match.anyValue());
  });

  test('fails at synth when a group of another VPC is given first re-imported by its ID, then as its construct', () => {
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'i', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const other = importVpc(stack, 'Other', 'vpc-2', ['subnet-2a']);
    const foreign = new ec2.SecurityGroup(stack, 'Foreign', { vpc: other });
    const reimported = ec2.SecurityGroup.fromSecurityGroupId(stack, 'Reimported', foreign.securityGroupId);
    const connector = new VpcConnector(stack, 'Connector', { vpc, securityGroups: [reimported, foreign] });

    expect(connector.connections.securityGroups).toEqual([reimported]);
    expect(() => app.synth()).toThrow(
      '`securityGroups` must be in the VPC of the subnets (Stack/Vpc), got: Stack/Foreign, in another VPC. Create the security group in Stack/Vpc.');
  });
});

describe('two apps in one process', () => {
  test('subnets at the same path in two apps are two subnets', () => {
    const first = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'i', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const otherApp = new App();
    const otherStack = new Stack(otherApp, 'Stack');
    const second = new ec2.Vpc(otherStack, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'i', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });

    // The VPCs at the same path in two apps are two VPCs: not a silently dropped subnet.
    expect(() => new VpcConnector(otherStack, 'Connector', { subnets: [second.isolatedSubnets[0], first.isolatedSubnets[0]] })).toThrow(
      '[Stack/Connector] `subnets` must all be in one VPC, got: 2 VPCs, Stack/Vpc (Stack/Vpc/iSubnet1); Stack/Vpc (Stack/Vpc/iSubnet1). Pass subnets of a single VPC.');
  });

  test('security groups at the same path in two apps are two groups', () => {
    const vpc = importVpc(stack, 'Vpc', 'vpc-1', ['subnet-1a']);
    const group = new ec2.SecurityGroup(stack, 'Group', { vpc });
    const otherApp = new App();
    const otherStack = new Stack(otherApp, 'Stack');
    const otherVpc = importVpc(otherStack, 'Vpc', 'vpc-1', ['subnet-1a']);
    const otherGroup = new ec2.SecurityGroup(otherStack, 'Group', { vpc: otherVpc });

    const connector = new VpcConnector(otherStack, 'Connector', { vpc: otherVpc, securityGroups: [otherGroup, group] });

    expect(connector.connections.securityGroups).toEqual([otherGroup, group]);
  });

  test('the same construct paths in two apps give the same template in each', () => {
    const build = () => {
      const a = new App();
      const s = new Stack(a, 'Stack');
      const v = new ec2.Vpc(s, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'i', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
      new VpcConnector(s, 'Connector', { subnets: [...v.isolatedSubnets, v.isolatedSubnets[0]] });
      return Template.fromStack(s).toJSON();
    };

    const first = build();
    expect(build()).toEqual(first);
    expect(Object.values<any>(first.Resources).find(r => r.Type === 'AWS::AppRunner::VpcConnector').Properties.Subnets).toHaveLength(2);
  });
});

describe('`fromVpcConnectorArn` with an ARN built partly of tokens', () => {
  test('through `Arn.format` with a token name: the name and the revision parts', () => {
    const arn = Arn.format({
      service: 'apprunner', resource: 'vpcconnector', resourceName: `${Fn.importValue('ConnectorName')}/3/0123456789abcdef`, arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    }, stack);
    const imported = VpcConnector.fromVpcConnectorArn(stack, 'Imported', arn);

    expect(stack.resolve(imported.vpcConnectorName)).toEqual({ 'Fn::ImportValue': 'ConnectorName' });
    expect(imported.vpcConnectorRevision).toBe(3);
    expect(stack.resolve(imported.env)).toEqual({ account: { Ref: 'AWS::AccountId' }, region: { Ref: 'AWS::Region' } });
  });

  test('a literal prefix with a token tail: the name and the revision are selected from the tail', () => {
    const arn = `arn:aws:apprunner:eu-west-1:123456789012:vpcconnector/${Fn.importValue('Tail')}`;
    const imported = VpcConnector.fromVpcConnectorArn(stack, 'Imported', arn);

    const tail = { 'Fn::Split': ['/', { 'Fn::ImportValue': 'Tail' }] };
    expect(stack.resolve(imported.vpcConnectorName)).toEqual({ 'Fn::Select': [0, tail] });
    expect(Token.isUnresolved(imported.vpcConnectorRevision)).toBe(true);
    expect(stack.resolve(imported.vpcConnectorRevision)).toEqual({ 'Fn::Select': [1, tail] });
    expect(imported.env).toEqual({ account: '123456789012', region: 'eu-west-1' });
  });

  test('through `Fn.join`: the name and the revision parts', () => {
    const arn = Fn.join('', ['arn:aws:apprunner:eu-west-1:123456789012:vpcconnector/', Fn.importValue('Tail')]);
    const imported = VpcConnector.fromVpcConnectorArn(stack, 'Imported', arn);

    const parts = { 'Fn::Split': ['/', { 'Fn::Select': [5, { 'Fn::Split': [':', stack.resolve(arn)] }] }] };
    expect(stack.resolve(imported.vpcConnectorName)).toEqual({ 'Fn::Select': [1, parts] });
    expect(stack.resolve(imported.vpcConnectorRevision)).toEqual({ 'Fn::Select': [2, parts] });
  });

  test('a token account and region with a literal tail: the literal name and revision', () => {
    const arn = `arn:aws:apprunner:${Fn.importValue('Region')}:${Fn.importValue('Account')}:vpcconnector/my-connector/12/0123456789abcdef`;
    const imported = VpcConnector.fromVpcConnectorArn(stack, 'Imported', arn);

    expect(imported.vpcConnectorName).toBe('my-connector');
    expect(imported.vpcConnectorRevision).toBe(12);
    expect(stack.resolve(imported.env.region)).toEqual({ 'Fn::ImportValue': 'Region' });
  });

  test.each([
    ['another service', `arn:aws:ecs:${Fn.importValue('Region')}:123456789012:vpcconnector/my-connector/3/abc`],
    ['another resource type', `arn:aws:apprunner:${Fn.importValue('Region')}:123456789012:service/my-service/abc`],
    ['an invalid literal name', `arn:aws:apprunner:eu-west-1:123456789012:vpcconnector/a/3/${Fn.importValue('Id')}`],
    ['a literal revision that is not a number', `arn:aws:apprunner:eu-west-1:123456789012:vpcconnector/${Fn.importValue('Name')}/x/abc`],
    ['an invalid literal account', `arn:aws:apprunner:eu-west-1:1234:vpcconnector/${Fn.importValue('Name')}/3/abc`],
  ])('fails for a partly-token ARN with %s', (_, arn) => {
    expect(() => VpcConnector.fromVpcConnectorArn(stack, 'Imported', arn)).toThrow(
      /^\[Stack\/Imported\] `vpcConnectorArn` must be a VPC connector ARN, got: 'arn:.*'\. Pass an ARN of the form arn:<partition>:apprunner:<region>:<account>:vpcconnector\/<name>\/<revision>\/<id>\.$/);
  });
});

describe('a token `vpcConnectorName` that resolves to a literal', () => {
  test('fails at synth when the resolved name is invalid', () => {
    const vpc = importVpc(stack, 'Vpc', 'vpc-1', ['subnet-1a']);
    new VpcConnector(stack, 'Connector', { vpc, vpcConnectorName: Lazy.string({ produce: () => 'ab' }) });

    expect(() => app.synth()).toThrow(
      "[Stack/Connector] `vpcConnectorName` must be 4 to 40 characters, a letter or digit followed by letters, digits, hyphens or underscores, got: 'ab' (2 characters, resolved from a token). Choose a name such as 'my-service-connector'.");
  });

  test('passes when the resolved name is valid, and does not check a name that resolves to a deploy-time value', () => {
    const vpc = importVpc(stack, 'Vpc', 'vpc-1', ['subnet-1a']);
    new VpcConnector(stack, 'Valid', { vpc, vpcConnectorName: Lazy.string({ produce: () => 'orders-v2' }) });
    new VpcConnector(stack, 'Imported', { vpc, vpcConnectorName: Fn.importValue('ConnectorName') });

    expect(() => app.synth()).not.toThrow();
    Template.fromStack(stack).hasResourceProperties('AWS::AppRunner::VpcConnector', { VpcConnectorName: 'orders-v2' });
  });
});

/**
 * Misuse from plain JavaScript (and from config files): jsii checks types for Python, Java and Go
 * callers only. Every wrong type is an `Error` that names the prop and says what it expected,
 * never a TypeError and never a template that does something else than the caller meant.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { VpcConnector } from '../src';
import { importVpc, newStack } from './support/stacks';

let app: App;
let stack: Stack;
let vpc: ec2.IVpc;

beforeEach(() => {
  stack = newStack();
  app = stack.node.root as App;
  vpc = importVpc(stack);
});

/** The error `build` throws; fails the test when it throws none, or a TypeError. */
function errorOf(build: () => unknown): Error {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(TypeError);
    return error as Error;
  }
  throw new Error('expected an error, got none');
}

/** Calls the constructor as untyped JavaScript does. */
function construct(props: unknown, id = 'Connector') {
  return () => new VpcConnector(stack, id, props as any);
}

describe('the props object', () => {
  test('fails when there is no props object', () => {
    expect(errorOf(() => new (VpcConnector as any)(stack, 'Connector')).message).toBe(
      "[Stack/Connector] `subnets` or `vpc` must be given, got: no props object. Pass the props as the third argument, for example `new VpcConnector(this, 'Connector', { vpc })`.");
  });

  test('fails when the props are `null`', () => {
    expect(errorOf(construct(null)).message).toMatch(/^\[Stack\/Connector\] `subnets` or `vpc` must be given, got: no props object\./);
  });

  test('fails when the props are not an object', () => {
    expect(errorOf(construct('vpc-1')).message).toBe(
      "[Stack/Connector] `subnets` or `vpc` must be given, got: 'vpc-1' (a string) instead of a props object. Pass the props as the third argument, for example `new VpcConnector(this, 'Connector', { vpc })`.");
  });

  test('`null` for an optional prop counts as omitted', () => {
    new VpcConnector(stack, 'Connector', {
      vpc, subnets: null, vpcSubnets: null, securityGroups: null, allowAllOutbound: null, uniqueSecurityGroupSet: null, vpcConnectorName: null,
    } as any);

    Template.fromStack(stack).hasResourceProperties('AWS::AppRunner::VpcConnector', { Subnets: ['subnet-1', 'subnet-2'] });
  });
});

describe('`subnets` and `securityGroups` that are not arrays', () => {
  test('fails when `subnets` is a string', () => {
    expect(errorOf(construct({ vpc, subnets: 'subnet-1' })).message).toBe(
      "[Stack/Connector] `subnets` must be an array of subnets (ec2.ISubnet[]), got: 'subnet-1' (a string). Import each subnet with `ec2.Subnet.fromSubnetId(this, 'Subnet', 'subnet-1')` and pass them in an array.");
  });

  test('fails when `subnets` is one subnet', () => {
    expect(errorOf(construct({ subnets: vpc.privateSubnets[0] })).message).toBe(
      '[Stack/Connector] `subnets` must be an array of subnets (ec2.ISubnet[]), got: the construct Stack/Vpc/PrivateSubnet1. Pass it in an array: `subnets: [subnet]`.');
  });

  test('fails when `subnets` is a number', () => {
    expect(errorOf(construct({ vpc, subnets: 2 })).message).toBe(
      '[Stack/Connector] `subnets` must be an array of subnets (ec2.ISubnet[]), got: 2 (a number). Pass an array of subnet constructs, such as `vpc.privateSubnets`.');
  });

  test('fails when `securityGroups` is a string', () => {
    expect(errorOf(construct({ vpc, securityGroups: 'sg-1' })).message).toBe(
      "[Stack/Connector] `securityGroups` must be an array of security groups (ec2.ISecurityGroup[]), got: 'sg-1' (a string). Import each security group with `ec2.SecurityGroup.fromSecurityGroupId(this, 'SecurityGroup', 'sg-1')` and pass them in an array.");
  });

  test('fails when `securityGroups` is one group', () => {
    const group = ec2.SecurityGroup.fromSecurityGroupId(stack, 'Group', 'sg-1');

    expect(errorOf(construct({ vpc, securityGroups: group })).message).toBe(
      '[Stack/Connector] `securityGroups` must be an array of security groups (ec2.ISecurityGroup[]), got: the construct Stack/Group. Pass it in an array: `securityGroups: [securityGroup]`.');
  });

  test('fails when `securityGroups` is an object with an ID', () => {
    expect(errorOf(construct({ vpc, securityGroups: { securityGroupId: 'sg-1' } })).message).toBe(
      "[Stack/Connector] `securityGroups` must be an array of security groups (ec2.ISecurityGroup[]), got: {\"securityGroupId\":\"sg-1\"} (a plain object). Import each security group with `ec2.SecurityGroup.fromSecurityGroupId(this, 'SecurityGroup', 'sg-1')` and pass them in an array.");
  });
});

describe('entries that are not constructs', () => {
  test('fails when a `subnets` entry is a plain object with an ID', () => {
    expect(errorOf(construct({ vpc, subnets: [vpc.privateSubnets[0], { subnetId: 'subnet-0abc' }] })).message).toBe(
      "[Stack/Connector] `subnets` must hold subnet constructs (ec2.ISubnet), got: {\"subnetId\":\"subnet-0abc\"} (a plain object) at index 1. Import the subnet with `ec2.Subnet.fromSubnetId(this, 'Subnet', 'subnet-0abc')`.");
  });

  test('fails when a `subnets` entry is a subnet ID', () => {
    expect(errorOf(construct({ vpc, subnets: ['subnet-0abc'] })).message).toBe(
      "[Stack/Connector] `subnets` must hold subnet constructs (ec2.ISubnet), got: 'subnet-0abc' (a string) at index 0. Import the subnet with `ec2.Subnet.fromSubnetId(this, 'Subnet', 'subnet-0abc')`.");
  });

  test('fails when a `subnets` entry is the VPC', () => {
    expect(errorOf(construct({ subnets: [vpc] })).message).toBe(
      '[Stack/Connector] `subnets` must hold subnet constructs (ec2.ISubnet), got: the construct Stack/Vpc at index 0. Pass subnet constructs, such as `vpc.privateSubnets`.');
  });

  test('fails when a `securityGroups` entry is a plain object with an ID', () => {
    expect(errorOf(construct({ vpc, securityGroups: [{ securityGroupId: 'sg-0abc' }] })).message).toBe(
      "[Stack/Connector] `securityGroups` must hold security group constructs (ec2.ISecurityGroup), got: {\"securityGroupId\":\"sg-0abc\"} (a plain object) at index 0. Import the security group with `ec2.SecurityGroup.fromSecurityGroupId(this, 'SecurityGroup', 'sg-0abc')`.");
  });

  test('fails when a `securityGroups` entry is a security group ID', () => {
    expect(errorOf(construct({ vpc, securityGroups: ['sg-0abc'] })).message).toMatch(
      /^\[Stack\/Connector\] `securityGroups` must hold security group constructs \(ec2.ISecurityGroup\), got: 'sg-0abc' \(a string\) at index 0\. Import the security group with `ec2\.SecurityGroup\.fromSecurityGroupId\(this, 'SecurityGroup', 'sg-0abc'\)`\.$/);
  });

  test('fails when a `securityGroups` entry is a plain object without an ID', () => {
    expect(errorOf(construct({ vpc, securityGroups: [{}] })).message).toBe(
      "[Stack/Connector] `securityGroups` must hold security group constructs (ec2.ISecurityGroup), got: {} (a plain object) at index 0. Import the security group with `ec2.SecurityGroup.fromSecurityGroupId(this, 'SecurityGroup', 'sg-…')`.");
  });
});

describe('`vpc` and `vpcSubnets`', () => {
  test('fails when `vpc` is a VPC ID', () => {
    expect(errorOf(construct({ vpc: 'vpc-0abc' })).message).toBe(
      "[Stack/Connector] `vpc` must be a VPC construct (ec2.IVpc), got: 'vpc-0abc' (a string). Import the VPC with `ec2.Vpc.fromLookup(this, 'Vpc', { vpcId: 'vpc-0abc' })`, or without a lookup with `ec2.Vpc.fromVpcAttributes(this, 'Vpc', { vpcId: 'vpc-0abc', availabilityZones, privateSubnetIds })`.");
  });

  test('fails when `vpc` is a plain object with an ID', () => {
    expect(errorOf(construct({ vpc: { vpcId: 'vpc-0abc' } })).message).toMatch(
      /^\[Stack\/Connector\] `vpc` must be a VPC construct \(ec2.IVpc\), got: \{"vpcId":"vpc-0abc"\} \(a plain object\)\. Import the VPC with `ec2\.Vpc\.fromLookup\(this, 'Vpc', \{ vpcId: 'vpc-0abc' \}\)`/);
  });

  test('fails when `vpc` is a subnet', () => {
    expect(errorOf(construct({ vpc: vpc.privateSubnets[0] })).message).toBe(
      '[Stack/Connector] `vpc` must be a VPC construct (ec2.IVpc), got: the construct Stack/Vpc/PrivateSubnet1. Pass a VPC: `new ec2.Vpc(...)`, `ec2.Vpc.fromLookup(...)` or `ec2.Vpc.fromVpcAttributes(...)`; pass subnets as `subnets`.');
  });

  test('fails when `vpcSubnets` is a subnet type instead of a selection', () => {
    expect(errorOf(construct({ vpc, vpcSubnets: ec2.SubnetType.PRIVATE_WITH_EGRESS })).message).toBe(
      "[Stack/Connector] `vpcSubnets` must be a subnet selection (ec2.SubnetSelection), got: 'Private' (a string). Pass an object: `vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }`.");
  });

  test('fails when `vpcSubnets` is an array', () => {
    expect(errorOf(construct({ vpc, vpcSubnets: [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }] })).message).toBe(
      '[Stack/Connector] `vpcSubnets` must be a subnet selection (ec2.SubnetSelection), got: an array. Pass an object, such as `vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }`.');
  });
  test('fails when an entry of `vpcSubnets.subnets` is not a subnet', () => {
    expect(errorOf(construct({ vpc, vpcSubnets: { subnets: ['subnet-1'] } })).message).toBe(
      "[Stack/Connector] `vpcSubnets.subnets` must hold subnet constructs (ec2.ISubnet), got: 'subnet-1' (a string) at index 0. Import the subnet with `ec2.Subnet.fromSubnetId(this, 'Subnet', 'subnet-1')`.");
  });
});

describe('booleans and the name', () => {
  test('fails when `allowAllOutbound` is the string \'false\', and no group that allows all traffic is made', () => {
    expect(errorOf(construct({ vpc, allowAllOutbound: 'false' })).message).toBe(
      "[Stack/Connector] `allowAllOutbound` must be true or false, got: 'false' (a string). Pass the boolean `false`, not a string.");
    expect(stack.node.tryFindChild('Connector')?.node.tryFindChild('SecurityGroup')).toBeUndefined();
  });

  test.each([
    ['true', "'true' (a string). Pass the boolean `true`, not a string."],
    [1, '1 (a number). Pass true or false, or leave it unset.'],
    [{}, '{} (a plain object). Pass true or false, or leave it unset.'],
  ])('fails when `allowAllOutbound` is %j', (value, got) => {
    expect(errorOf(construct({ vpc, allowAllOutbound: value })).message).toBe(`[Stack/Connector] \`allowAllOutbound\` must be true or false, got: ${got}`);
  });

  test('fails when `uniqueSecurityGroupSet` is not a boolean', () => {
    const group = ec2.SecurityGroup.fromSecurityGroupId(stack, 'Group', 'sg-1');

    expect(errorOf(construct({ vpc, securityGroups: [group], uniqueSecurityGroupSet: 'yes' })).message).toBe(
      "[Stack/Connector] `uniqueSecurityGroupSet` must be true or false, got: 'yes' (a string). Pass true or false, or leave it unset.");
  });

  test.each([
    [42, '42 (a number)'],
    [['my-connector'], 'an array'],
    [{ name: 'my-connector' }, '{"name":"my-connector"} (a plain object)'],
  ])('fails when `vpcConnectorName` is %j', (value, got) => {
    expect(errorOf(construct({ vpc, vpcConnectorName: value })).message).toBe(
      `[Stack/Connector] \`vpcConnectorName\` must be a string, got: ${got}. Pass a name such as 'my-service-connector', or leave it unset.`);
  });

  test('a symbol, a function and a cyclic object are described, not a TypeError', () => {
    const cyclic: any = {};
    cyclic.self = cyclic;

    expect(errorOf(construct({ vpc, vpcConnectorName: Symbol('name') }, 'A')).message).toContain('got: Symbol(name) (a symbol).');
    expect(errorOf(construct({ vpc, vpcConnectorName: () => 'name' }, 'B')).message).toContain('got: a function.');
    expect(errorOf(construct({ vpc, vpcConnectorName: cyclic }, 'C')).message).toContain('got: an object.');
    expect(errorOf(construct({ vpc, vpcConnectorName: BigInt(7) }, 'D')).message).toContain('got: 7 (a bigint).');
    expect(errorOf(construct({ vpc, vpcConnectorName: new Date(0) }, 'E')).message).toContain('got: a Date.');
  });
});

describe('`connections.addSecurityGroup()`', () => {
  test.each([
    [undefined, 'undefined'],
    [null, 'null'],
    ['sg-1', "'sg-1' (a string)"],
    [{ securityGroupId: 'sg-1' }, '{"securityGroupId":"sg-1"} (a plain object)'],
  ])('fails at synth when it adds %j, not with a TypeError', (value, got) => {
    const group = ec2.SecurityGroup.fromSecurityGroupId(stack, 'Group', 'sg-0');
    const connector = new VpcConnector(stack, 'Connector', { vpc, securityGroups: [group] });

    connector.connections.addSecurityGroup(value as any);

    const error = errorOf(() => app.synth());
    expect(error.message).toContain(
      `[Stack/Connector] A security group added with \`connections.addSecurityGroup()\` must be a security group construct (ec2.ISecurityGroup), got: ${got}. Pass a security group, such as one imported with \`ec2.SecurityGroup.fromSecurityGroupId(this, 'SecurityGroup', 'sg-…')\`.`);
  });
});

describe('what is thrown while the props are read', () => {
  test('a value that is not an Error is passed on as it is', () => {
    const props = { get vpc(): never { throw 'no VPC here'; } };

    expect(() => new VpcConnector(stack, 'Connector', props as any)).toThrow('no VPC here');
  });
});

describe('importers', () => {
  test('fails when `fromVpcConnectorAttributes` gets no attributes', () => {
    expect(errorOf(() => (VpcConnector as any).fromVpcConnectorAttributes(stack, 'Imported')).message).toBe(
      '[Stack/Imported] `vpcConnectorArn` must be given, got: no attributes object. Pass `{ vpcConnectorArn }` as the third argument.');
  });

  test('fails when an imported connector\'s `securityGroups` is a string', () => {
    expect(errorOf(() => VpcConnector.fromVpcConnectorAttributes(stack, 'Imported', {
      vpcConnectorArn: 'arn:aws:apprunner:eu-west-1:123456789012:vpcconnector/my-connector/3/0123456789abcdef',
      securityGroups: 'sg-1' as any,
    })).message).toMatch(/^\[Stack\/Imported\] `securityGroups` must be an array of security groups \(ec2\.ISecurityGroup\[\]\), got: 'sg-1' \(a string\)\./);
  });

  test('fails when an imported connector\'s name or revision has the wrong type', () => {
    const vpcConnectorArn = 'arn:aws:apprunner:eu-west-1:123456789012:vpcconnector/my-connector/3/0123456789abcdef';

    expect(errorOf(() => VpcConnector.fromVpcConnectorAttributes(stack, 'A', { vpcConnectorArn, vpcConnectorName: 7 as any })).message).toBe(
      "[Stack/A] `vpcConnectorName` must be a string, got: 7 (a number). Pass a name such as 'my-service-connector', or leave it unset.");
    expect(errorOf(() => VpcConnector.fromVpcConnectorAttributes(stack, 'B', { vpcConnectorArn, vpcConnectorRevision: '3' as any })).message).toBe(
      "[Stack/B] `vpcConnectorRevision` must be a number, got: '3' (a string). Pass the revision as a number, such as 3, or leave it unset.");
  });
});

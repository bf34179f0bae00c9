/**
 * Misuse from plain JavaScript (and from config files): jsii checks types for Python, Java and Go
 * callers only. Every wrong type is an `Error` that names the prop and shows the value, never a
 * TypeError and never a template that does something else than the caller meant.
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
  test.each([
    ['there is no props object', undefined, 'undefined'],
    ['the props are `null`', null, 'null'],
    ['the props are a string', 'vpc-1', "'vpc-1'"],
  ])('fails when %s', (_, props, got) => {
    expect(errorOf(construct(props)).message).toBe(`[Stack/Connector] \`subnets\` or \`vpc\` must be given, got: ${got}.`);
  });

  test('`null` for an optional prop counts as omitted', () => {
    new VpcConnector(stack, 'Connector', {
      vpc, subnets: null, vpcSubnets: null, securityGroups: null, allowAllOutbound: null, uniqueSecurityGroupSet: null, vpcConnectorName: null,
    } as any);

    Template.fromStack(stack).hasResourceProperties('AWS::AppRunner::VpcConnector', { Subnets: ['subnet-1', 'subnet-2'] });
  });
});

describe('a prop of the wrong type: the prop, its declared type and the value', () => {
  const cases: [string, (vpc: ec2.IVpc, stack: Stack) => Record<string, unknown>, string][] = [
    ['`subnets` is a string', v => ({ vpc: v, subnets: 'subnet-1' }), "`subnets` must be ec2.ISubnet[], got: 'subnet-1'."],
    ['`subnets` is one subnet', v => ({ subnets: v.privateSubnets[0] }), '`subnets` must be ec2.ISubnet[], got: the construct Stack/Vpc/PrivateSubnet1.'],
    ['`subnets` is a number', v => ({ vpc: v, subnets: 2 }), '`subnets` must be ec2.ISubnet[], got: 2.'],
    ['a `subnets` entry is a plain object with an ID', v => ({ vpc: v, subnets: [v.privateSubnets[0], { subnetId: 'subnet-0abc' }] }),
      '`subnets` must be ec2.ISubnet[], got: [Stack/Vpc/PrivateSubnet1, {"subnetId":"subnet-0abc"}].'],
    ['a `subnets` entry is a subnet ID', v => ({ vpc: v, subnets: ['subnet-0abc'] }), "`subnets` must be ec2.ISubnet[], got: ['subnet-0abc']."],
    ['a `subnets` entry is the VPC', v => ({ subnets: [v] }), '`subnets` must be ec2.ISubnet[], got: [Stack/Vpc].'],
    ['`securityGroups` is a string', v => ({ vpc: v, securityGroups: 'sg-1' }), "`securityGroups` must be ec2.ISecurityGroup[], got: 'sg-1'."],
    ['`securityGroups` is one group', (v, s) => ({ vpc: v, securityGroups: ec2.SecurityGroup.fromSecurityGroupId(s, 'Group', 'sg-1') }),
      '`securityGroups` must be ec2.ISecurityGroup[], got: the construct Stack/Group.'],
    ['`securityGroups` is an object with an ID', v => ({ vpc: v, securityGroups: { securityGroupId: 'sg-1' } }),
      '`securityGroups` must be ec2.ISecurityGroup[], got: {"securityGroupId":"sg-1"}.'],
    ['a `securityGroups` entry is an ID', v => ({ vpc: v, securityGroups: ['sg-0abc'] }), "`securityGroups` must be ec2.ISecurityGroup[], got: ['sg-0abc']."],
    ['a `securityGroups` entry is an empty object', v => ({ vpc: v, securityGroups: [{}] }), '`securityGroups` must be ec2.ISecurityGroup[], got: [{}].'],
    ['`vpc` is a VPC ID', () => ({ vpc: 'vpc-0abc' }), "`vpc` must be ec2.IVpc, got: 'vpc-0abc'."],
    ['`vpc` is a plain object with an ID', () => ({ vpc: { vpcId: 'vpc-0abc' } }), '`vpc` must be ec2.IVpc, got: {"vpcId":"vpc-0abc"}.'],
    ['`vpc` is a subnet', v => ({ vpc: v.privateSubnets[0] }), '`vpc` must be ec2.IVpc, got: the construct Stack/Vpc/PrivateSubnet1.'],
    ['`vpcSubnets` is a subnet type', v => ({ vpc: v, vpcSubnets: ec2.SubnetType.PRIVATE_WITH_EGRESS }), "`vpcSubnets` must be ec2.SubnetSelection, got: 'Private'."],
    ['`vpcSubnets` is an array', v => ({ vpc: v, vpcSubnets: [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }] }),
      '`vpcSubnets` must be ec2.SubnetSelection, got: [{"subnetType":"Private"}].'],
    ['an entry of `vpcSubnets.subnets` is not a subnet', v => ({ vpc: v, vpcSubnets: { subnets: ['subnet-1'] } }),
      '`vpcSubnets` must be ec2.SubnetSelection, got: {"subnets":["subnet-1"]}.'],
    ['`allowAllOutbound` is the string \'false\'', v => ({ vpc: v, allowAllOutbound: 'false' }), "`allowAllOutbound` must be a boolean, got: 'false'."],
    ['`allowAllOutbound` is the string \'true\'', v => ({ vpc: v, allowAllOutbound: 'true' }), "`allowAllOutbound` must be a boolean, got: 'true'."],
    ['`allowAllOutbound` is 1', v => ({ vpc: v, allowAllOutbound: 1 }), '`allowAllOutbound` must be a boolean, got: 1.'],
    ['`uniqueSecurityGroupSet` is \'yes\'', v => ({ vpc: v, uniqueSecurityGroupSet: 'yes' }), "`uniqueSecurityGroupSet` must be a boolean, got: 'yes'."],
    ['`vpcConnectorName` is a number', v => ({ vpc: v, vpcConnectorName: 42 }), '`vpcConnectorName` must be a string, got: 42.'],
    ['`vpcConnectorName` is an array', v => ({ vpc: v, vpcConnectorName: ['my-connector'] }), "`vpcConnectorName` must be a string, got: ['my-connector']."],
    ['`vpcConnectorName` is an object', v => ({ vpc: v, vpcConnectorName: { name: 'my-connector' } }), '`vpcConnectorName` must be a string, got: {"name":"my-connector"}.'],
  ];

  test.each(cases)('fails when %s', (_, props, message) => {
    expect(errorOf(construct(props(vpc, stack))).message).toBe(`[Stack/Connector] ${message}`);
  });

  test('the string \'false\' for `allowAllOutbound` makes no group that allows all traffic', () => {
    errorOf(construct({ vpc, allowAllOutbound: 'false' }));

    expect(stack.node.tryFindChild('Connector')?.node.tryFindChild('SecurityGroup')).toBeUndefined();
  });

  test('a symbol, a function, a cyclic object, a bigint and a date are shown, not a TypeError', () => {
    const cyclic: any = {};
    cyclic.self = cyclic;

    expect(errorOf(construct({ vpc, vpcConnectorName: Symbol('name') }, 'A')).message).toContain('got: Symbol(name).');
    expect(errorOf(construct({ vpc, vpcConnectorName: () => 'name' }, 'B')).message).toContain('got: a function.');
    expect(errorOf(construct({ vpc, vpcConnectorName: cyclic }, 'C')).message).toContain('got: an object that refers to itself.');
    expect(errorOf(construct({ vpc, vpcConnectorName: BigInt(7) }, 'D')).message).toContain('got: 7.');
    expect(errorOf(construct({ vpc, vpcConnectorName: new Date(0) }, 'E')).message).toContain('got: "1970-01-01T00:00:00.000Z".');
  });
});

describe('`connections.addSecurityGroup()`', () => {
  test.each([
    [undefined, 'undefined'],
    [null, 'null'],
    ['sg-1', "'sg-1'"],
    [{ securityGroupId: 'sg-1' }, '{"securityGroupId":"sg-1"}'],
  ])('fails at synth when it adds %j, not with a TypeError', (value, got) => {
    const group = ec2.SecurityGroup.fromSecurityGroupId(stack, 'Group', 'sg-0');
    const connector = new VpcConnector(stack, 'Connector', { vpc, securityGroups: [group] });

    connector.connections.addSecurityGroup(value as any);

    expect(errorOf(() => app.synth()).message).toContain(
      `[Stack/Connector] A security group added with \`connections.addSecurityGroup()\` must be ec2.ISecurityGroup, got: ${got}.`);
  });
});

describe('what is thrown while the props are read', () => {
  test('a value that is not an Error is passed on as it is', () => {
    const props = { get vpc(): never { throw 'no VPC here'; } };

    expect(() => new VpcConnector(stack, 'Connector', props as any)).toThrow('no VPC here');
  });
});

describe('importers', () => {
  const vpcConnectorArn = 'arn:aws:apprunner:eu-west-1:123456789012:vpcconnector/my-connector/3/0123456789abcdef';

  test('fails when `fromVpcConnectorAttributes` gets no attributes', () => {
    expect(errorOf(() => (VpcConnector as any).fromVpcConnectorAttributes(stack, 'Imported')).message).toBe(
      '[Stack/Imported] `vpcConnectorArn` must be given, got: undefined.');
  });

  test.each([
    ['`securityGroups` is a string', { securityGroups: 'sg-1' }, "`securityGroups` must be ec2.ISecurityGroup[], got: 'sg-1'."],
    ['the name is a number', { vpcConnectorName: 7 }, '`vpcConnectorName` must be a string, got: 7.'],
    ['the revision is a string', { vpcConnectorRevision: '3' }, "`vpcConnectorRevision` must be a number, got: '3'."],
    ['the ARN is a number', { vpcConnectorArn: 3 }, "`vpcConnectorArn` must be a VPC connector ARN, arn:<partition>:apprunner:<region>:<account>:vpcconnector/<name>/<revision>/<id>, got: '3'."],
  ])('fails when an imported connector\'s %s', (_, attrs, message) => {
    expect(errorOf(() => VpcConnector.fromVpcConnectorAttributes(stack, 'Imported', { vpcConnectorArn, ...attrs } as any)).message)
      .toMatch(`[Stack/Imported] ${message}`);
  });
});

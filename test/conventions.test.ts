/**
 * aws-cdk-lib conventions a first-party L2 follows: `isVpcConnector` across copies of the library,
 * and organisation defaults through property injection (`PropertyInjectors`, aws-cdk-lib >= 2.196.0),
 * with the semantics aws-cdk-lib gives its own constructs.
 */
import { App, InjectionContext, IPropertyInjector, PropertyInjectors, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { VpcConnector } from '../src';
import { ARN, importVpc, newStack } from './support/stacks';

const ALLOW_ALL = { CidrIp: '0.0.0.0/0', Description: 'Allow all outbound traffic by default', IpProtocol: '-1' };
const DISALLOW_ALL = { CidrIp: '255.255.255.255/32', Description: 'Disallow all traffic', FromPort: 252, IpProtocol: 'icmp', ToPort: 86 };

let app: App;
let stack: Stack;
let vpc: ec2.IVpc;

beforeEach(() => {
  stack = newStack();
  app = stack.node.root as App;
  vpc = importVpc(stack, 'Vpc', 'vpc-1', ['subnet-1']);
});

describe('`VpcConnector.isVpcConnector`', () => {
  test('is true for a connector, and for a connector of another copy of the library', () => {
    let copy: { connector: unknown; sameClass: boolean } | undefined;
    jest.isolateModules(() => {
      // A second copy of this library (and of aws-cdk-lib), as in an app with two node_modules trees.
      /* eslint-disable @typescript-eslint/no-require-imports */
      const other: typeof import('../src') = require('../src');
      const otherCdk: typeof import('aws-cdk-lib') = require('aws-cdk-lib');
      const otherEc2: typeof import('aws-cdk-lib/aws-ec2') = require('aws-cdk-lib/aws-ec2');
      /* eslint-enable @typescript-eslint/no-require-imports */
      const otherStack = new otherCdk.Stack(new otherCdk.App(), 'Stack');
      const otherVpc = otherEc2.Vpc.fromVpcAttributes(otherStack, 'Vpc', { vpcId: 'vpc-1', availabilityZones: ['eu-west-1a'], privateSubnetIds: ['subnet-1'] });
      copy = { connector: new other.VpcConnector(otherStack, 'Connector', { vpc: otherVpc }), sameClass: other.VpcConnector === VpcConnector };
    });

    expect(VpcConnector.isVpcConnector(new VpcConnector(stack, 'Connector', { vpc }))).toBe(true);
    expect(copy!.sameClass).toBe(false);
    expect(copy!.connector).not.toBeInstanceOf(VpcConnector);
    expect(VpcConnector.isVpcConnector(copy!.connector)).toBe(true);
  });

  test('is true for an instance of a subclass', () => {
    class OrdersConnector extends VpcConnector {}

    expect(VpcConnector.isVpcConnector(new OrdersConnector(stack, 'Connector', { vpc }))).toBe(true);
  });

  test('is false for imported connectors, as aws-cdk-lib\'s `Role.isRole` is for imported roles', () => {
    expect(VpcConnector.isVpcConnector(VpcConnector.fromVpcConnectorArn(stack, 'ByArn', ARN))).toBe(false);
    expect(VpcConnector.isVpcConnector(VpcConnector.fromVpcConnectorAttributes(stack, 'ByAttributes', { vpcConnectorArn: ARN }))).toBe(false);
  });

  test.each([
    ['another construct', () => new ec2.SecurityGroup(stack, 'Group', { vpc })],
    ['a stack', () => stack],
    ['undefined', () => undefined],
    ['null', () => null],
    ['a string', () => 'VpcConnector'],
    ['a number', () => 42],
    ['a symbol', () => Symbol('VpcConnector')],
    ['a plain object', () => ({ vpcConnectorArn: ARN })],
    ['a function', () => VpcConnector],
  ])('is false for %s', (_, value) => {
    expect(VpcConnector.isVpcConnector(value())).toBe(false);
  });
});

/** An injector that gives every construct with `constructUniqueId` the defaults `defaults`, as `style` merges them. */
class DefaultsInjector implements IPropertyInjector {
  public readonly contexts: InjectionContext[] = [];

  constructor(
    public readonly constructUniqueId: string,
    private readonly defaults: Record<string, unknown>,
    private readonly style: 'defaults' | 'overrides' = 'defaults',
  ) {}

  public inject(originalProps: any, context: InjectionContext): any {
    this.contexts.push(context);
    return this.style === 'defaults' ? { ...this.defaults, ...originalProps } : { ...originalProps, ...this.defaults };
  }
}

function egressOf(group: ec2.ISecurityGroup): unknown {
  const resources = Template.fromStack(Stack.of(group)).findResources('AWS::EC2::SecurityGroup');
  return resources[Stack.of(group).getLogicalId(group.node.defaultChild as ec2.CfnSecurityGroup)].Properties.SecurityGroupEgress;
}

function ownGroup(connector: VpcConnector): ec2.ISecurityGroup {
  return connector.node.findChild('SecurityGroup') as ec2.ISecurityGroup;
}

describe('property injection', () => {
  test('`PROPERTY_INJECTION_ID` is the jsii name of the class', () => {
    expect(VpcConnector.PROPERTY_INJECTION_ID).toBe('cdk-apprunner-vpc-connector.VpcConnector');
  });

  test('an injector can make every connector\'s group disallow all outbound traffic', () => {
    const injector = new DefaultsInjector(VpcConnector.PROPERTY_INJECTION_ID, { allowAllOutbound: false });
    PropertyInjectors.of(app).add(injector);

    const connector = new VpcConnector(stack, 'Connector', { vpc });

    expect(egressOf(ownGroup(connector))).toEqual([DISALLOW_ALL]);
    expect(injector.contexts).toEqual([{ scope: stack, id: 'Connector' }]);
  });

  test('an injector given to the `App` applies, as for aws-cdk-lib\'s own constructs', () => {
    const injectedApp = new App({ propertyInjectors: [new DefaultsInjector(VpcConnector.PROPERTY_INJECTION_ID, { allowAllOutbound: false })] });
    const injectedStack = new Stack(injectedApp, 'Stack');
    const injectedVpc = ec2.Vpc.fromVpcAttributes(injectedStack, 'Vpc', { vpcId: 'vpc-1', availabilityZones: ['eu-west-1a'], privateSubnetIds: ['subnet-1'] });

    expect(egressOf(ownGroup(new VpcConnector(injectedStack, 'Connector', { vpc: injectedVpc })))).toEqual([DISALLOW_ALL]);
  });

  test('the injector of the nearest scope applies, as for `ec2.SecurityGroup`', () => {
    // The reference group lives in a stack of its own, so that its injectors never reach the connector's group.
    const referenceStack = new Stack(app, 'Reference');
    PropertyInjectors.of(app).add(
      new DefaultsInjector(VpcConnector.PROPERTY_INJECTION_ID, { allowAllOutbound: true }),
      new DefaultsInjector(ec2.SecurityGroup.PROPERTY_INJECTION_ID, { allowAllOutbound: true }));
    PropertyInjectors.of(stack).add(new DefaultsInjector(VpcConnector.PROPERTY_INJECTION_ID, { allowAllOutbound: false }));
    PropertyInjectors.of(referenceStack).add(new DefaultsInjector(ec2.SecurityGroup.PROPERTY_INJECTION_ID, { allowAllOutbound: false }));

    const reference = new ec2.SecurityGroup(referenceStack, 'Group', { vpc: ec2.Vpc.fromVpcAttributes(referenceStack, 'Vpc', { vpcId: 'vpc-1', availabilityZones: ['eu-west-1a'] }) });
    const connector = new VpcConnector(stack, 'Connector', { vpc });

    expect(egressOf(reference)).toEqual([DISALLOW_ALL]);
    expect(egressOf(ownGroup(connector))).toEqual([DISALLOW_ALL]);
  });

  test('an injector for another class does not apply', () => {
    PropertyInjectors.of(app).add(new DefaultsInjector('aws-cdk-lib.aws-ec2.Vpc', { allowAllOutbound: false }));

    expect(egressOf(ownGroup(new VpcConnector(stack, 'Connector', { vpc })))).toEqual([ALLOW_ALL]);
  });

  test.each([
    ['defaults', 'the explicit prop wins', [ALLOW_ALL]],
    ['overrides', 'the injector wins', [DISALLOW_ALL]],
  ] as const)('an injector that merges its values as %s: %s, as for `ec2.SecurityGroup`', (style, _, egress) => {
    const referenceStack = new Stack(app, 'Reference');
    PropertyInjectors.of(stack).add(new DefaultsInjector(VpcConnector.PROPERTY_INJECTION_ID, { allowAllOutbound: false }, style));
    PropertyInjectors.of(referenceStack).add(new DefaultsInjector(ec2.SecurityGroup.PROPERTY_INJECTION_ID, { allowAllOutbound: false }, style));

    const reference = new ec2.SecurityGroup(referenceStack, 'Group', {
      vpc: ec2.Vpc.fromVpcAttributes(referenceStack, 'Vpc', { vpcId: 'vpc-1', availabilityZones: ['eu-west-1a'] }),
      allowAllOutbound: true,
    });
    const connector = new VpcConnector(stack, 'Connector', { vpc, allowAllOutbound: true });

    expect(egressOf(reference)).toEqual(egress);
    expect(egressOf(ownGroup(connector))).toEqual(egress);
  });

  test('fails when an injector sets `allowAllOutbound` to a string', () => {
    PropertyInjectors.of(app).add(new DefaultsInjector(VpcConnector.PROPERTY_INJECTION_ID, { allowAllOutbound: 'false' }));

    expect(() => new VpcConnector(stack, 'Connector', { vpc })).toThrow(
      "[Stack/Connector] `allowAllOutbound` must be a boolean, got: 'false'.");
  });

  test('fails when an injector sets `allowAllOutbound` for a connector with `securityGroups`, naming the injector', () => {
    PropertyInjectors.of(app).add(new DefaultsInjector(VpcConnector.PROPERTY_INJECTION_ID, { allowAllOutbound: false }));
    const group = ec2.SecurityGroup.fromSecurityGroupId(stack, 'Group', 'sg-1');

    expect(() => new VpcConnector(stack, 'Connector', { vpc, securityGroups: [group] })).toThrow(
      '[Stack/Connector] `allowAllOutbound` applies only to the security group this construct creates, got: `allowAllOutbound` set to false by the property injector DefaultsInjector registered on the app with 1 given `securityGroups`. Make the injector leave it unset when `securityGroups` are given.');
  });

  test('an injector that leaves connectors with `securityGroups` alone applies to the others', () => {
    PropertyInjectors.of(app).add({
      constructUniqueId: VpcConnector.PROPERTY_INJECTION_ID,
      inject: (props: any) => (props.securityGroups?.length ? props : { allowAllOutbound: false, ...props }),
    });
    const group = ec2.SecurityGroup.fromSecurityGroupId(stack, 'Group', 'sg-1');

    new VpcConnector(stack, 'WithGroups', { vpc, securityGroups: [group] });
    const connector = new VpcConnector(stack, 'Created', { vpc });

    expect(egressOf(ownGroup(connector))).toEqual([DISALLOW_ALL]);
  });

  test('an injector can give props to a call without props', () => {
    PropertyInjectors.of(app).add({ constructUniqueId: VpcConnector.PROPERTY_INJECTION_ID, inject: (props: any) => ({ vpc, ...props }) });

    new (VpcConnector as any)(stack, 'Connector');

    Template.fromStack(stack).hasResourceProperties('AWS::AppRunner::VpcConnector', { Subnets: ['subnet-1'] });
  });
});

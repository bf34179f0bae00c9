/**
 * Pairs App Runner can never hold at once: two connectors of one account and
 * region with the same security-group set, or the same name. The second could
 * never be created, so it is an error at synth.
 */
import { App, Lazy, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { VpcConnector } from '../src';
import { ENV, importVpc, newStack } from './support/stacks';

let app: App;
let stack: Stack;
let vpc: ec2.IVpc;

beforeEach(() => {
  stack = newStack({ env: true });
  app = stack.node.root as App;
  vpc = importVpc(stack);
});

function group(scope: Stack, id: string, securityGroupId: string) {
  return ec2.SecurityGroup.fromSecurityGroupId(scope, id, securityGroupId);
}

describe('the same security-group set', () => {
  test('fails at synth for two connectors in one stack, naming both and the fix', () => {
    const sg = group(stack, 'Sg', 'sg-1');
    new VpcConnector(stack, 'First', { vpc, uniqueSecurityGroupSet: false, securityGroups: [sg] });
    new VpcConnector(stack, 'Second', { vpc, uniqueSecurityGroupSet: false, securityGroups: [sg] });

    expect(() => app.synth()).toThrow(
      '`securityGroups` must not equal another VPC connector\'s in account 123456789012, region eu-west-1, got: the same set [sg-1] on both VPC connector Stack/First and Stack/Second. '
      + 'Add a group to one, or leave `uniqueSecurityGroupSet` unset.');
  });

  test('fails for the same set in another order, and for the same group imported twice', () => {
    const a = new ec2.SecurityGroup(stack, 'A', { vpc });
    new VpcConnector(stack, 'First', { vpc, uniqueSecurityGroupSet: false, securityGroups: [a, group(stack, 'B', 'sg-b')] });
    new VpcConnector(stack, 'Second', { vpc, uniqueSecurityGroupSet: false, securityGroups: [group(stack, 'BAgain', 'sg-b'), a] });

    expect(() => app.synth()).toThrow(/the same set \[sg-b, Stack\/A\] on both VPC connector Stack\/First and Stack\/Second/);
  });

  test('fails when `connections` makes two sets equal', () => {
    const a = group(stack, 'A', 'sg-a');
    const b = group(stack, 'B', 'sg-b');
    new VpcConnector(stack, 'First', { vpc, uniqueSecurityGroupSet: false, securityGroups: [a, b] });
    const second = new VpcConnector(stack, 'Second', { vpc, uniqueSecurityGroupSet: false, securityGroups: [a] });
    second.connections.addSecurityGroup(b);

    expect(() => app.synth()).toThrow(/the same set \[sg-a, sg-b\] on both VPC connector Stack\/First and Stack\/Second/);
  });

  test('fails across stacks whose environments are the same account and region', () => {
    const other = new Stack(app, 'Other', { env: ENV });
    new VpcConnector(stack, 'First', { vpc, uniqueSecurityGroupSet: false, securityGroups: [group(stack, 'Sg', 'sg-1')] });
    new VpcConnector(other, 'Second', { vpc: importVpc(other), uniqueSecurityGroupSet: false, securityGroups: [group(other, 'Sg', 'sg-1')] });

    expect(() => app.synth()).toThrow(/on both VPC connector Stack\/First and Other\/Second/);
  });

  test('fails across stages in the same account and region', () => {
    const stage = new Stage(app, 'Stage');
    const staged = new Stack(stage, 'Staged', { env: ENV });
    new VpcConnector(stack, 'First', { vpc, uniqueSecurityGroupSet: false, securityGroups: [group(stack, 'Sg', 'sg-1')] });
    new VpcConnector(staged, 'Second', { vpc: importVpc(staged), uniqueSecurityGroupSet: false, securityGroups: [group(staged, 'Sg', 'sg-1')] });

    expect(() => app.synth()).toThrow(/on both VPC connector Stack\/First and Stage\/Staged\/Second/);
  });

  test('fails in a nested stack of the same environment-agnostic stack, on the one created later', () => {
    const agnostic = new Stack(app, 'Agnostic');
    const nested = new NestedStack(agnostic, 'Nested');
    const sg = group(agnostic, 'Sg', 'sg-1');
    new VpcConnector(agnostic, 'First', { vpc: importVpc(agnostic), uniqueSecurityGroupSet: false, securityGroups: [sg] });
    new VpcConnector(nested, 'Second', { vpc: importVpc(nested), uniqueSecurityGroupSet: false, securityGroups: [sg] });

    // The nested stack was added to the tree before `First`, but `First` was created first.
    expect(() => app.synth()).toThrow(/\[Agnostic\/Nested\/Second\] .* in the stack Agnostic, got: the same set \[sg-1\] on both VPC connector Agnostic\/First and Agnostic\/Nested\/Second/);
  });

  test.each([
    ['another region', { account: '123456789012', region: 'us-east-1' }],
    ['another account', { account: '210987654321', region: 'eu-west-1' }],
  ])('passes in %s', (_, env) => {
    const other = new Stack(app, 'Other', { env });
    new VpcConnector(stack, 'First', { vpc, uniqueSecurityGroupSet: false, securityGroups: [group(stack, 'Sg', 'sg-1')] });
    new VpcConnector(other, 'Second', { vpc: importVpc(other), uniqueSecurityGroupSet: false, securityGroups: [group(other, 'Sg', 'sg-1')] });

    expect(() => app.synth()).not.toThrow();
  });

  test('passes for two environment-agnostic stacks (they may be deployed to different environments)', () => {
    const first = new Stack(app, 'First');
    const second = new Stack(app, 'Second');
    new VpcConnector(first, 'Connector', { vpc: importVpc(first), uniqueSecurityGroupSet: false, securityGroups: [group(first, 'Sg', 'sg-1')] });
    new VpcConnector(second, 'Connector', { vpc: importVpc(second), uniqueSecurityGroupSet: false, securityGroups: [group(second, 'Sg', 'sg-1')] });

    expect(() => app.synth()).not.toThrow();
  });

  test('passes by default: each connector with given groups gets a group of its own', () => {
    const real = new ec2.Vpc(stack, 'Real', { maxAzs: 2 });
    const sg = new ec2.SecurityGroup(stack, 'Sg', { vpc: real });
    new VpcConnector(stack, 'First', { vpc: real, securityGroups: [sg] });
    new VpcConnector(stack, 'Second', { vpc: real, securityGroups: [sg] });

    expect(() => app.synth()).not.toThrow();
  });

  test('passes when one of them has `uniqueSecurityGroupSet`', () => {
    const real = new ec2.Vpc(stack, 'Real', { maxAzs: 2 });
    const sg = new ec2.SecurityGroup(stack, 'Sg', { vpc: real });
    new VpcConnector(stack, 'First', { vpc: real, uniqueSecurityGroupSet: false, securityGroups: [sg] });
    new VpcConnector(stack, 'Second', { vpc: real, securityGroups: [sg], uniqueSecurityGroupSet: true });

    expect(() => app.synth()).not.toThrow();
  });

  test('passes for connectors that create their groups, and for different sets', () => {
    new VpcConnector(stack, 'First', { vpc });
    new VpcConnector(stack, 'Second', { vpc });
    new VpcConnector(stack, 'Third', { vpc, uniqueSecurityGroupSet: false, securityGroups: [group(stack, 'A', 'sg-a')] });
    new VpcConnector(stack, 'Fourth', { vpc, uniqueSecurityGroupSet: false, securityGroups: [group(stack, 'AAgain', 'sg-a'), group(stack, 'B', 'sg-b')] });

    expect(() => app.synth()).not.toThrow();
  });

  test('two apps in one process are not compared', () => {
    const otherApp = new App();
    const otherStack = new Stack(otherApp, 'Stack', { env: ENV });
    new VpcConnector(stack, 'Connector', { vpc, uniqueSecurityGroupSet: false, securityGroups: [group(stack, 'Sg', 'sg-1')] });
    new VpcConnector(otherStack, 'Connector', { vpc: importVpc(otherStack), uniqueSecurityGroupSet: false, securityGroups: [group(otherStack, 'Sg', 'sg-1')] });

    expect(() => app.synth()).not.toThrow();
    expect(() => otherApp.synth()).not.toThrow();
  });

  test('is found when a stack in a stage is synthesized on its own', () => {
    const stage = new Stage(app, 'Stage');
    const staged = new Stack(stage, 'Staged', { env: ENV });
    const sg = group(staged, 'Sg', 'sg-1');
    const stagedVpc = importVpc(staged);
    new VpcConnector(staged, 'First', { vpc: stagedVpc, uniqueSecurityGroupSet: false, securityGroups: [sg] });
    new VpcConnector(staged, 'Second', { vpc: stagedVpc, uniqueSecurityGroupSet: false, securityGroups: [sg] });

    expect(() => Template.fromStack(staged)).toThrow(/on both VPC connector Stage\/Staged\/First and Stage\/Staged\/Second/);
  });
});

test('each synth sees the app as it is then', () => {
  const a = group(stack, 'A', 'sg-a');
  const b = group(stack, 'B', 'sg-b');
  new VpcConnector(stack, 'First', { vpc, uniqueSecurityGroupSet: false, securityGroups: [a, b] });
  const second = new VpcConnector(stack, 'Second', { vpc, uniqueSecurityGroupSet: false, securityGroups: [a] });
  expect(() => app.synth()).not.toThrow();

  second.connections.addSecurityGroup(b);

  expect(() => app.synth({ force: true })).toThrow(/the same set \[sg-a, sg-b\] on both VPC connector Stack\/First and Stack\/Second/);
});

describe('the same name', () => {
  test('fails at synth for two connectors in one account and region, naming both and the fix', () => {
    const other = new Stack(app, 'Other', { env: ENV });
    new VpcConnector(stack, 'First', { vpc, vpcConnectorName: 'orders' });
    new VpcConnector(other, 'Second', { vpc: importVpc(other), vpcConnectorName: 'orders' });

    expect(() => app.synth()).toThrow(
      '`vpcConnectorName` must be unique in account 123456789012, region eu-west-1, got: \'orders\' on both VPC connector Stack/First and Other/Second. '
      + 'App Runner refuses the second. Choose another name, or leave `vpcConnectorName` unset.');
  });

  test('passes for different names, for the same name in another region, and for unresolved names', () => {
    const other = new Stack(app, 'Other', { env: { ...ENV, region: 'us-east-1' } });
    new VpcConnector(stack, 'First', { vpc, vpcConnectorName: 'orders' });
    new VpcConnector(stack, 'Second', { vpc, vpcConnectorName: 'payments' });
    new VpcConnector(other, 'Third', { vpc: importVpc(other), vpcConnectorName: 'orders' });
    new VpcConnector(stack, 'Fourth', { vpc, vpcConnectorName: Lazy.string({ produce: () => 'orders' }) });

    expect(() => app.synth()).not.toThrow();
  });

  test('among 300 connectors, the one that collides is found', () => {
    const real = new ec2.Vpc(stack, 'Real', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'i', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    for (let i = 0; i < 300; i++) {
      new VpcConnector(stack, `C${i}`, { vpc: real, vpcConnectorName: `connector-${i}` });
    }
    new VpcConnector(stack, 'Last', { vpc: real, vpcConnectorName: 'connector-7' });

    expect(() => app.synth()).toThrow(/got: 'connector-7' on both VPC connector Stack\/C7 and Stack\/Last/);
  });
});

describe('the name of an imported connector', () => {
  const arn = (name: string, region = ENV.region) => `arn:aws:apprunner:${region}:${ENV.account}:vpcconnector/${name}/3/0123456789abcdef0123456789abcdef`;
  const WARNING = 'cdk-apprunner-vpc-connector:importedName';

  test('warns when a new connector has the literal name of a connector imported in the same account and region, naming both', () => {
    VpcConnector.fromVpcConnectorArn(stack, 'Legacy', arn('orders'));
    new VpcConnector(stack, 'Connector', { vpc, vpcConnectorName: 'orders' });

    Annotations.fromStack(stack).hasWarning('/Stack/Connector',
      "The connector is named 'orders', as is the connector imported as Stack/Legacy in account 123456789012, region eu-west-1: "
      + `App Runner refuses a second connector with the name. Choose another \`vpcConnectorName\`, or leave it unset. [ack: ${WARNING}]`);
  });

  test('warns across stacks of the same account and region, whichever comes first', () => {
    new VpcConnector(stack, 'Connector', { vpc, vpcConnectorName: 'orders' });
    VpcConnector.fromVpcConnectorArn(new Stack(app, 'Other'), 'Legacy', arn('orders'));

    Annotations.fromStack(stack).hasWarning('/Stack/Connector', Match.stringLikeRegexp(`imported as Other/Legacy.*${WARNING}`));
  });

  test('none for another name, another region, an imported ARN that is a token, or a connector in an environment-agnostic stack', () => {
    VpcConnector.fromVpcConnectorArn(stack, 'Payments', arn('payments'));
    VpcConnector.fromVpcConnectorArn(stack, 'Elsewhere', arn('orders', 'us-east-1'));
    VpcConnector.fromVpcConnectorArn(stack, 'Token', Lazy.string({ produce: () => arn('orders') }));
    new VpcConnector(stack, 'Connector', { vpc, vpcConnectorName: 'orders' });
    const agnostic = new Stack(app, 'Agnostic');
    VpcConnector.fromVpcConnectorArn(agnostic, 'Legacy', arn('shared'));
    new VpcConnector(agnostic, 'Connector', { vpc: importVpc(agnostic), vpcConnectorName: 'shared' });

    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp(WARNING));
    Annotations.fromStack(agnostic).hasNoWarning('*', Match.stringLikeRegexp(WARNING));
  });
});

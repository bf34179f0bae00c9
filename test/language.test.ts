/**
 * Messages in the caller's language: the jsii runtimes set JSII_AGENT, and each code span of a message is
 * written as that language writes it. The Python, Java and Go suites check the same through their runtimes.
 */
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { VpcConnector } from '../src';
import { newStack } from './support/stacks';
import { callerLanguage, inLanguage, Language } from '../src/private/language';

test.each<[string | undefined, Language]>([
  [undefined, 'typescript'],
  ['', 'typescript'],
  ['Python/3.11.7', 'python'],
  ['Java/17.0.15', 'java'],
  ['go1.26.8', 'go'],
  ['DotNet/8.0.0', 'csharp'],
  ['Something/1.0', 'typescript'],
])('JSII_AGENT %j is %s', (agent, language) => {
  expect(callerLanguage(agent)).toBe(language);
});

const SELECTION = '`vpcSubnets` selects from `vpc`, got: `vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, availabilityZones: [\'eu-west-1a\'] }` without `vpc`.';

test.each<[Language, string]>([
  ['typescript', SELECTION],
  ['python', '`vpc_subnets` selects from `vpc`, got: `vpc_subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_WITH_EGRESS, availability_zones=["eu-west-1a"])` without `vpc`.'],
  ['java', '`vpcSubnets(…)` selects from `vpc(…)`, got: `vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).availabilityZones(List.of("eu-west-1a")).build())` without `vpc(…)`.'],
  ['go', '`VpcSubnets` selects from `Vpc`, got: `VpcSubnets: &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_WITH_EGRESS, AvailabilityZones: &[]*string{jsii.String("eu-west-1a")}}` without `Vpc`.'],
  ['csharp', '`VpcSubnets` selects from `Vpc`, got: `VpcSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS, AvailabilityZones = new [] { "eu-west-1a" } }` without `Vpc`.'],
])('a prop, a subnet selection and a list in %s', (language, expected) => {
  expect(inLanguage(SELECTION, language)).toBe(expected);
});

test.each<[Language, string]>([
  ['python', 'set `unique_security_group_set=True`; `connections.add_security_group()`; `connector.connections.allow_to(database, port)`; `ec2.Vpc.from_vpc_attributes()`'],
  ['java', 'set `uniqueSecurityGroupSet(true)`; `getConnections().addSecurityGroup()`; `connector.getConnections().allowTo(database, port)`; `Vpc.fromVpcAttributes()`'],
  ['go', 'set `UniqueSecurityGroupSet: jsii.Bool(true)`; `Connections().AddSecurityGroup()`; `connector.Connections().AllowTo(database, port)`; `awsec2.Vpc_FromVpcAttributes()`'],
])('booleans, properties, methods and static methods in %s', (language, expected) => {
  expect(inLanguage('set `uniqueSecurityGroupSet: true`; `connections.addSecurityGroup()`; `connector.connections.allowTo(database, port)`; `ec2.Vpc.fromVpcAttributes()`', language))
    .toBe(expected);
});

test.each<[Language, string]>([
  ['python', '`VpcConnector.is_vpc_connector(context.scope)`'],
  ['java', '`VpcConnector.isVpcConnector(context.getScope())`'],
  ['go', '`cdkapprunnervpcconnector.VpcConnector_IsVpcConnector(context.Scope)`'],
  ['csharp', '`VpcConnector.IsVpcConnector(context.Scope)`'],
])('a member of an injector\'s context, a struct, in %s (a field in Go, not a method)', (language, expected) => {
  expect(inLanguage('`VpcConnector.isVpcConnector(context.scope)`', language)).toBe(expected);
});

test('a code span it cannot read stays as it is, and prose is never changed', () => {
  expect(inLanguage("Choose a name such as 'my-service-connector' for `not valid {` code", 'python'))
    .toBe("Choose a name such as 'my-service-connector' for `not valid {` code");
});

describe('errors and warnings reach the caller in its language', () => {
  const agent = process.env.JSII_AGENT;
  afterEach(() => {
    if (agent === undefined) {
      delete process.env.JSII_AGENT;
    } else {
      process.env.JSII_AGENT = agent;
    }
  });

  test('a constructor error, with the construct path once in `message` and `stack`', () => {
    process.env.JSII_AGENT = 'Python/3.11.7';
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
    let error: Error | undefined;
    try {
      new VpcConnector(stack, 'C', { subnets: vpc.privateSubnets, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } });
    } catch (e) {
      error = e as Error;
    }

    expect(error?.message).toBe('[Stack/C] `subnets` and `vpc_subnets` cannot both be given, got: `subnets` (2 given), '
      + '`vpc_subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_WITH_EGRESS)` without `vpc`. '
      + 'Keep `subnets` to name the subnets and drop `vpc_subnets`, or drop `subnets` to select from a `vpc` you pass with `vpc_subnets`.');
    expect(error?.stack?.split('\n')[0]).toBe(`Error: ${error?.message}`);
  });

  test('an error at synth', () => {
    process.env.JSII_AGENT = 'Java/17.0.15';
    const stack = newStack({ env: true });
    const app = stack.node.root;
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
    new VpcConnector(stack, 'A', { vpc, vpcConnectorName: 'orders' });
    new VpcConnector(stack, 'B', { vpc, vpcConnectorName: 'orders' });

    expect(() => (app as any).synth()).toThrow(/`vpcConnectorName\(…\)` must be unique in account 123456789012, region eu-west-1.*leave `vpcConnectorName\(…\)` unset/);
  });
});

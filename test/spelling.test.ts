/**
 * Messages name props as the caller writes them: the jsii runtimes set JSII_AGENT, and a prop in backticks
 * is spelled by a rule on its name alone. The Python, Java and Go suites check the same through their runtimes.
 */
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { VpcConnector } from '../src';
import { newStack } from './support/stacks';
import { spelled } from '../src/private/checks';

const agent = process.env.JSII_AGENT;
afterEach(() => {
  if (agent === undefined) {
    delete process.env.JSII_AGENT;
  } else {
    process.env.JSII_AGENT = agent;
  }
});

const MESSAGE = '`vpcSubnets` selects from `vpc`, got: `vpcSubnets` set to {"subnetType":"Private"}; see `connections.addSecurityGroup()` and `Tags`.';

test.each<[string | undefined, string]>([
  [undefined, MESSAGE],
  ['Something/1.0', MESSAGE],
  ['Python/3.11.7', '`vpc_subnets` selects from `vpc`, got: `vpc_subnets` set to {"subnetType":"Private"}; see `connections.addSecurityGroup()` and `Tags`.'],
  ['Java/17.0.15', '`vpcSubnets(…)` selects from `vpc(…)`, got: `vpcSubnets(…)` set to {"subnetType":"Private"}; see `connections.addSecurityGroup()` and `Tags`.'],
  ['go1.26.8/linux/amd64', '`VpcSubnets` selects from `Vpc`, got: `VpcSubnets` set to {"subnetType":"Private"}; see `connections.addSecurityGroup()` and `Tags`.'],
])('JSII_AGENT %j: props in backticks are spelled as the caller writes them, nothing else changes', (value, expected) => {
  if (value === undefined) {
    delete process.env.JSII_AGENT;
  } else {
    process.env.JSII_AGENT = value;
  }

  expect(spelled(MESSAGE)).toBe(expected);
});

test('a constructor error in Python, with the construct path once in `message` and `stack`', () => {
  process.env.JSII_AGENT = 'Python/3.11.7';
  const stack = newStack();
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
  let error: Error | undefined;
  try {
    new VpcConnector(stack, 'C', { subnets: vpc.privateSubnets, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } });
  } catch (e) {
    error = e as Error;
  }

  expect(error?.message).toBe('[Stack/C] `subnets` and `vpc_subnets` cannot both be given, got: `subnets` (2 given), `vpc_subnets` set to {"subnetType":"Private"} without `vpc`. '
    + 'Keep `subnets` to name the subnets and drop `vpc_subnets`, or drop `subnets` to select from a `vpc` you pass with `vpc_subnets`.');
  expect(error?.stack?.split('\n')[0]).toBe(`Error: ${error?.message}`);
});

test('an error at synth in Java', () => {
  process.env.JSII_AGENT = 'Java/17.0.15';
  const stack = newStack({ env: true });
  const app = stack.node.root;
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
  new VpcConnector(stack, 'A', { vpc, vpcConnectorName: 'orders' });
  new VpcConnector(stack, 'B', { vpc, vpcConnectorName: 'orders' });

  expect(() => (app as any).synth()).toThrow(/`vpcConnectorName\(…\)` must be unique in account 123456789012, region eu-west-1.*leave `vpcConnectorName\(…\)` unset/);
});

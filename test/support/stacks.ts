import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';

/*
 * The stacks and VPCs the unit tests share.
 */

/** The account and region of the stacks with an environment. */
export const ENV = { account: '123456789012', region: 'eu-west-1' };

/** The availability zones of ENV, as the app's context says (no lookup). */
export const AZS = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

/** A VPC connector ARN of ENV. */
export const ARN = 'arn:aws:apprunner:eu-west-1:123456789012:vpcconnector/my-connector/3/0123456789abcdef0123456789abcdef';

/** A new app, whose context gives the AZs of ENV. */
export function newApp(): App {
  return new App({ context: { [`availability-zones:account=${ENV.account}:region=${ENV.region}`]: AZS } });
}

/** A stack `id` (default `Stack`) in a new app, or in `app`: environment-agnostic, or in ENV with `env: true`. */
export function newStack(options: { id?: string; app?: App; env?: boolean } = {}): Stack {
  return new Stack(options.app ?? newApp(), options.id ?? 'Stack', options.env ? { env: ENV } : undefined);
}

/**
 * A VPC imported by attributes, with one private subnet per ID in `privateSubnetIds` (in the AZs a, b,
 * c of ENV, in order) and, when given, public subnets.
 */
export function importVpc(scope: Construct, id = 'Vpc', vpcId = 'vpc-1', privateSubnetIds = ['subnet-1', 'subnet-2'], publicSubnetIds?: string[]): ec2.IVpc {
  return ec2.Vpc.fromVpcAttributes(scope, id, {
    vpcId,
    availabilityZones: AZS.slice(0, privateSubnetIds.length),
    privateSubnetIds,
    publicSubnetIds,
  });
}

/** A VPC with public and private subnets in two AZs and one NAT gateway. */
export function newVpc(scope: Construct, id = 'Vpc', props: ec2.VpcProps = {}): ec2.Vpc {
  return new ec2.Vpc(scope, id, { maxAzs: 2, natGateways: 1, ...props });
}

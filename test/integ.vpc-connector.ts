/**
 * Integ test: VPC connectors in one stack, one per way of configuring them.
 *
 * `npm run integ` synthesizes this app and compares it with the committed
 * snapshot in integ.vpc-connector.ts.snapshot/ without deploying anything. Any
 * change of a logical ID or of a property of AWS::AppRunner::VpcConnector (all
 * of them are create-only: the connector would be replaced) fails it until the
 * snapshot is refreshed on purpose with `npm run integ:update`.
 */
import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { VpcConnector } from '../src';
import { serviceThrough } from './support/service';

const app = new cdk.App();
const stack = new cdk.Stack(app, 'AppRunnerVpcConnectorInteg');

const vpc = new ec2.Vpc(stack, 'Vpc', {
  maxAzs: 2,
  natGateways: 1,
  subnetConfiguration: [
    { name: 'Public', subnetType: ec2.SubnetType.PUBLIC },
    { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    { name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
  ],
});

// The defaults: the private subnets with egress and a new security group.
new VpcConnector(stack, 'Default', { vpc });

// A fixed name, least-privilege egress opened to one port of a database group.
const database = new ec2.SecurityGroup(stack, 'Database', {
  vpc,
  description: 'Database reached through the VPC connector',
  allowAllOutbound: false,
});
const named = new VpcConnector(stack, 'Named', {
  vpc,
  vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
  vpcConnectorName: 'integ-named-connector',
  allowAllOutbound: false,
});
named.connections.allowTo(database, ec2.Port.tcp(5432), 'App Runner to PostgreSQL');

// Explicit subnets (a duplicate is dropped) and explicit security groups.
const explicitGroup = new ec2.SecurityGroup(stack, 'ExplicitGroup', {
  vpc,
  description: 'Given to the VPC connector',
});
const explicit = new VpcConnector(stack, 'Explicit', {
  subnets: [vpc.privateSubnets[1], vpc.privateSubnets[0], vpc.privateSubnets[1]],
  securityGroups: [explicitGroup, explicitGroup],
});

// Tags reach the connector.
const tagged = new VpcConnector(stack, 'Tagged', { vpc });
cdk.Tags.of(tagged).add('team', 'payments');

// A service egressing through one of them.
serviceThrough(stack, 'Service', explicit);

new IntegTest(app, 'VpcConnectorInteg', {
  testCases: [stack],
});

/**
 * Integ test: the VPC in one stack, the connector and the App Runner services
 * in another, plus a connector imported by ARN.
 *
 * `npm run integ` compares this app with the committed snapshot in
 * integ.vpc-connector-cross-stack.ts.snapshot/ without deploying; refresh it on
 * purpose with `npm run integ:update`.
 */
import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { VpcConnector } from '../src';
import { serviceThrough } from './support/service';

const app = new cdk.App();

const network = new cdk.Stack(app, 'AppRunnerVpcConnectorIntegNetwork');
const vpc = new ec2.Vpc(network, 'Vpc', { maxAzs: 2, natGateways: 1 });
const database = new ec2.SecurityGroup(network, 'Database', {
  vpc,
  description: 'Database reached through the VPC connector',
  allowAllOutbound: false,
});

const services = new cdk.Stack(app, 'AppRunnerVpcConnectorIntegServices');

// The connector's group is created in the service stack, in the network stack's VPC;
// the ingress rule on the database's group is placed by `connections` where it belongs.
const connector = new VpcConnector(services, 'VpcConnector', {
  vpc,
  vpcConnectorName: 'integ-cross-stack',
  allowAllOutbound: false,
});
connector.connections.allowTo(database, ec2.Port.tcp(5432), 'App Runner to PostgreSQL');

const imported = VpcConnector.fromVpcConnectorArn(services, 'Imported',
  'arn:aws:apprunner:us-east-1:123456789012:vpcconnector/existing-connector/1/0123456789abcdef0123456789abcdef');

serviceThrough(services, 'Service', connector);
serviceThrough(services, 'ServiceOnImportedConnector', imported);

new cdk.CfnOutput(services, 'VpcConnectorArn', { value: connector.vpcConnectorArn });

new IntegTest(app, 'VpcConnectorCrossStackInteg', {
  testCases: [network, services],
});

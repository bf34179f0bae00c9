/**
 * A connector another stack uses through a CloudFormation export: every replacement of the connector
 * changes the exported value, which CloudFormation refuses while the export is imported. The layout is
 * told at synth; the layout that deploys (the connector with the services) is not.
 */
import { App, CfnOutput, NestedStack, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { VpcConnector } from '../src';
import { serviceThrough } from './support/service';
import { ENV, newStack, newVpc } from './support/stacks';

const WARNING = 'cdk-apprunner-vpc-connector:exportedAcrossStacks';
const WHY = 'CloudFormation refuses to change an export in use, and every change to the connector replaces it. '
  + 'Keep it in the stack of its services (README: Across stacks).';

let app: App;
let network: Stack;
let vpc: ec2.Vpc;

beforeEach(() => {
  network = newStack({ id: 'Network', env: true });
  app = network.node.root as App;
  vpc = newVpc(network);
});

function exportWarnings(stack: Stack) {
  return Annotations.fromStack(stack).findWarning('/Network/Connector', Match.stringLikeRegexp(WARNING)).map(w => w.entry.data);
}

test('warns when a service in another stack uses the connector\'s ARN, naming the stack, what is refused and the fix', () => {
  const connector = new VpcConnector(network, 'Connector', { vpc });
  serviceThrough(new Stack(app, 'Services', { env: ENV }), 'Service', connector);

  expect(exportWarnings(network)).toEqual([
    `Other stacks use this connector through exports of Network: Services (its ARN). ${WHY} [ack: ${WARNING}]`,
  ]);
});

test('names every importing stack and what each uses: the name, the revision, the own group', () => {
  const connector = new VpcConnector(network, 'Connector', { vpc });
  const names = new Stack(app, 'Names', { env: ENV });
  new CfnOutput(names, 'Name', { value: connector.vpcConnectorName });
  new CfnOutput(names, 'Revision', { value: String(connector.vpcConnectorRevision) });
  const data = new Stack(app, 'Data', { env: ENV });
  const database = new ec2.SecurityGroup(data, 'Database', { vpc });
  database.connections.allowFrom(connector, ec2.Port.tcp(5432));

  expect(exportWarnings(network)).toEqual([
    `Other stacks use this connector through exports of Network: Names (its ARN; its revision), Data (its own security group). ${WHY} [ack: ${WARNING}]`,
  ]);
});

test('none for the layout that deploys: the VPC and the database in one stack, the connector with the services in another', () => {
  const database = new ec2.SecurityGroup(network, 'Database', { vpc });
  const services = new Stack(app, 'Services', { env: ENV });
  const connector = new VpcConnector(services, 'Connector', { vpc });
  connector.connections.allowTo(database, ec2.Port.tcp(5432));
  serviceThrough(services, 'Service', connector);

  Annotations.fromStack(services).hasNoWarning('*', Match.stringLikeRegexp(WARNING));
  Annotations.fromStack(network).hasNoWarning('*', Match.stringLikeRegexp(WARNING));
});

test('the fix for a database in another stack holds: `allowTo` puts the rule where the connector is, and nothing of the connector is exported', () => {
  const data = new Stack(app, 'Data', { env: ENV });
  const database = new ec2.SecurityGroup(data, 'Database', { vpc });
  const services = new Stack(app, 'Services', { env: ENV });
  const connector = new VpcConnector(services, 'Connector', { vpc });
  connector.connections.allowTo(database, ec2.Port.tcp(5432));

  const assembly = app.synth();
  expect(Object.values<any>(assembly.getStackByName('Services').template.Resources).map(r => r.Type)).toContain('AWS::EC2::SecurityGroupIngress');
  expect(assembly.getStackByName('Services').template.Outputs).toBeUndefined();
  Annotations.fromStack(services).hasNoWarning('*', Match.stringLikeRegexp(WARNING));
});

test('none for a nested stack of the connector\'s stack (parameters, not exports)', () => {
  const connector = new VpcConnector(network, 'Connector', { vpc });
  serviceThrough(new NestedStack(network, 'Nested'), 'Service', connector);

  expect(exportWarnings(network)).toEqual([]);
});

test('warns for a nested stack of another stack, naming that stack', () => {
  const connector = new VpcConnector(network, 'Connector', { vpc });
  const services = new Stack(app, 'Services', { env: ENV });
  serviceThrough(new NestedStack(services, 'Nested'), 'Service', connector);

  expect(exportWarnings(network)).toEqual([
    `Other stacks use this connector through exports of Network: Services (its ARN). ${WHY} [ack: ${WARNING}]`,
  ]);
});

test('none when nothing else uses the connector', () => {
  new VpcConnector(network, 'Connector', { vpc });
  new Stack(app, 'Other', { env: ENV });

  expect(exportWarnings(network)).toEqual([]);
});

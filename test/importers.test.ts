/**
 * Importing an existing connector: by ARN (literal, or built partly of tokens) or by attributes.
 */
import { Arn, ArnFormat, Fn, Stack, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { VpcConnector } from '../src';
import { ARN, importVpc, newStack } from './support/stacks';

let stack: Stack;
let vpc: ec2.IVpc;

beforeEach(() => {
  stack = newStack();
  vpc = importVpc(stack);
});

describe('importers', () => {
  test('`fromVpcConnectorArn` parses name, revision, account and region', () => {
    const imported = VpcConnector.fromVpcConnectorArn(stack, 'Imported', ARN);

    expect(imported.vpcConnectorArn).toBe(ARN);
    expect(imported.vpcConnectorName).toBe('my-connector');
    expect(imported.vpcConnectorRevision).toBe(3);
    expect(imported.env).toEqual({ account: '123456789012', region: 'eu-west-1' });
    expect(imported.vpcConnectorRef.vpcConnectorArn).toBe(ARN);
    expect(imported.connections.securityGroups).toEqual([]);
  });

  test('`fromVpcConnectorArn` with a token gives token name and revision', () => {
    const arn = Fn.importValue('ConnectorArn');
    const imported = VpcConnector.fromVpcConnectorArn(stack, 'Imported', arn);

    const resourcePart = { 'Fn::Split': ['/', { 'Fn::Select': [5, { 'Fn::Split': [':', { 'Fn::ImportValue': 'ConnectorArn' }] }] }] };
    expect(stack.resolve(imported.vpcConnectorName)).toEqual({ 'Fn::Select': [1, resourcePart] });
    expect(Token.isUnresolved(imported.vpcConnectorRevision)).toBe(true);
    expect(stack.resolve(imported.vpcConnectorRevision)).toEqual({ 'Fn::Select': [2, resourcePart] });
    expect(stack.resolve(imported.env.region)).toEqual({ 'Fn::Select': [3, { 'Fn::Split': [':', { 'Fn::ImportValue': 'ConnectorArn' }] }] });
  });

  test.each([
    ['not an ARN', 'my-connector'],
    ['another service', 'arn:aws:ecs:eu-west-1:123456789012:vpcconnector/my-connector/3/0123456789abcdef'],
    ['another resource type', 'arn:aws:apprunner:eu-west-1:123456789012:service/my-service/0123456789abcdef'],
    ['no revision', 'arn:aws:apprunner:eu-west-1:123456789012:vpcconnector/my-connector'],
    ['a revision that is not a number', 'arn:aws:apprunner:eu-west-1:123456789012:vpcconnector/my-connector/x/0123456789abcdef'],
    ['no account', 'arn:aws:apprunner:eu-west-1::vpcconnector/my-connector/3/0123456789abcdef'],
    ['an invalid name', 'arn:aws:apprunner:eu-west-1:123456789012:vpcconnector/a/3/0123456789abcdef'],
    ['the empty string', ''],
  ])('`fromVpcConnectorArn` fails for %s', (_, arn) => {
    expect(() => VpcConnector.fromVpcConnectorArn(stack, 'Imported', arn)).toThrow(
      `\`vpcConnectorArn\` must be a VPC connector ARN, arn:<partition>:apprunner:<region>:<account>:vpcconnector/<name>/<revision>/<id>, got: '${arn}'.`);
  });

  test('`fromVpcConnectorArn` fails for a missing ARN', () => {
    expect(() => VpcConnector.fromVpcConnectorArn(stack, 'Imported', undefined as any)).toThrow(
      "`vpcConnectorArn` must be a VPC connector ARN, arn:<partition>:apprunner:<region>:<account>:vpcconnector/<name>/<revision>/<id>, got: 'undefined'.");
  });

  test('`fromVpcConnectorAttributes` keeps the given values and groups', () => {
    const sg = ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-12345678');
    const db = new ec2.SecurityGroup(stack, 'Db', { vpc });
    const imported = VpcConnector.fromVpcConnectorAttributes(stack, 'Imported', {
      vpcConnectorArn: ARN,
      vpcConnectorName: 'given-name',
      vpcConnectorRevision: 7,
      securityGroups: [sg],
    });

    imported.connections.allowTo(db, ec2.Port.tcp(5432));

    expect(imported.vpcConnectorName).toBe('given-name');
    expect(imported.vpcConnectorRevision).toBe(7);
    expect(imported.connections.securityGroups).toEqual([sg]);
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: stack.resolve(db.securityGroupId),
      SourceSecurityGroupId: 'sg-12345678',
      FromPort: 5432,
    });
  });

  test('`fromVpcConnectorAttributes` parses what is not given', () => {
    const imported = VpcConnector.fromVpcConnectorAttributes(stack, 'Imported', { vpcConnectorArn: ARN });

    expect([imported.vpcConnectorName, imported.vpcConnectorRevision]).toEqual(['my-connector', 3]);
  });
});

describe('`fromVpcConnectorArn` with an ARN built partly of tokens', () => {
  test('through `Arn.format` with a token name: the name and the revision parts', () => {
    const arn = Arn.format({
      service: 'apprunner', resource: 'vpcconnector', resourceName: `${Fn.importValue('ConnectorName')}/3/0123456789abcdef`, arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    }, stack);
    const imported = VpcConnector.fromVpcConnectorArn(stack, 'Imported', arn);

    expect(stack.resolve(imported.vpcConnectorName)).toEqual({ 'Fn::ImportValue': 'ConnectorName' });
    expect(imported.vpcConnectorRevision).toBe(3);
    expect(stack.resolve(imported.env)).toEqual({ account: { Ref: 'AWS::AccountId' }, region: { Ref: 'AWS::Region' } });
  });

  test('a literal prefix with a token tail: the name and the revision are selected from the tail', () => {
    const arn = `arn:aws:apprunner:eu-west-1:123456789012:vpcconnector/${Fn.importValue('Tail')}`;
    const imported = VpcConnector.fromVpcConnectorArn(stack, 'Imported', arn);

    const tail = { 'Fn::Split': ['/', { 'Fn::ImportValue': 'Tail' }] };
    expect(stack.resolve(imported.vpcConnectorName)).toEqual({ 'Fn::Select': [0, tail] });
    expect(Token.isUnresolved(imported.vpcConnectorRevision)).toBe(true);
    expect(stack.resolve(imported.vpcConnectorRevision)).toEqual({ 'Fn::Select': [1, tail] });
    expect(imported.env).toEqual({ account: '123456789012', region: 'eu-west-1' });
  });

  test('through `Fn.join`: the name and the revision parts', () => {
    const arn = Fn.join('', ['arn:aws:apprunner:eu-west-1:123456789012:vpcconnector/', Fn.importValue('Tail')]);
    const imported = VpcConnector.fromVpcConnectorArn(stack, 'Imported', arn);

    const parts = { 'Fn::Split': ['/', { 'Fn::Select': [5, { 'Fn::Split': [':', stack.resolve(arn)] }] }] };
    expect(stack.resolve(imported.vpcConnectorName)).toEqual({ 'Fn::Select': [1, parts] });
    expect(stack.resolve(imported.vpcConnectorRevision)).toEqual({ 'Fn::Select': [2, parts] });
  });

  test('a token account and region with a literal tail: the literal name and revision', () => {
    const arn = `arn:aws:apprunner:${Fn.importValue('Region')}:${Fn.importValue('Account')}:vpcconnector/my-connector/12/0123456789abcdef`;
    const imported = VpcConnector.fromVpcConnectorArn(stack, 'Imported', arn);

    expect(imported.vpcConnectorName).toBe('my-connector');
    expect(imported.vpcConnectorRevision).toBe(12);
    expect(stack.resolve(imported.env.region)).toEqual({ 'Fn::ImportValue': 'Region' });
  });

  test.each([
    ['another service', `arn:aws:ecs:${Fn.importValue('Region')}:123456789012:vpcconnector/my-connector/3/abc`],
    ['another resource type', `arn:aws:apprunner:${Fn.importValue('Region')}:123456789012:service/my-service/abc`],
    ['an invalid literal name', `arn:aws:apprunner:eu-west-1:123456789012:vpcconnector/a/3/${Fn.importValue('Id')}`],
    ['a literal revision that is not a number', `arn:aws:apprunner:eu-west-1:123456789012:vpcconnector/${Fn.importValue('Name')}/x/abc`],
    ['an invalid literal account', `arn:aws:apprunner:eu-west-1:1234:vpcconnector/${Fn.importValue('Name')}/3/abc`],
  ])('fails for a partly-token ARN with %s', (_, arn) => {
    expect(() => VpcConnector.fromVpcConnectorArn(stack, 'Imported', arn)).toThrow(
      /^\[Stack\/Imported\] `vpcConnectorArn` must be a VPC connector ARN, arn:<partition>:apprunner:<region>:<account>:vpcconnector\/<name>\/<revision>\/<id>, got: 'arn:.*'\.$/);
  });
});

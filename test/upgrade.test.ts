import * as fs from 'fs';
import * as path from 'path';
import * as apprunnerAlpha from '@aws-cdk/aws-apprunner-alpha';
import { App, Stack, Tags } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apprunner from 'aws-cdk-lib/aws-apprunner';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { IVpcConnector, VpcConnector } from '../src';
import { serviceThrough } from './support/service';
import { CfnTemplate, checkStacksUpgrade, checkUpgrade, resourceNames, UpgradeOutcome } from './support/upgrade';

// Day 2: an app is deployed (v1), changed, and deployed again (v2). Every property of a VPC connector is
// create-only, App Runner creates the replacement while the old connector is still alive, and it refuses
// a connector with the security-group set or the name of another. Each row below is one change, made
// to our construct, to the alpha L2 and to the raw L1; the table says what App Runner does with it.

const ENV = { account: '123456789012', region: 'eu-west-1' };
const AZS = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

/** One app, as a few switches. Every change below sets some of them between v1 and v2. */
interface AppConfig {
  /** `maxAzs` of the VPC. */
  readonly maxAzs?: number;
  /** The connector is narrowed to these availability zones (`vpcSubnets.availabilityZones`). */
  readonly azs?: string[];
  /** The connector is placed in this one private subnet, by index (explicit subnets). */
  readonly subnet?: number;
  /** `Tags.of(app).add('team', …)`. */
  readonly appTag?: string;
  /** `Tags.of(connector).add('owner', …)`. */
  readonly connectorTag?: string;
  /** `vpcConnectorName`. */
  readonly name?: string;
  /** A group the app creates, added with `connector.connections.addSecurityGroup()`. */
  readonly extraGroup?: boolean;
  /** `connector.connections.allowTo(database, ec2.Port.tcp(5432))`. */
  readonly allowToDatabase?: boolean;
  /** The connector is given one group the app creates (`securityGroups`) instead of creating its own. */
  readonly givenGroups?: boolean;
  /** Ours only: `uniqueSecurityGroupSet: true`. */
  readonly uniqueSecurityGroupSet?: boolean;
  /** `allowAllOutbound` of the group the connector creates. */
  readonly allowAllOutbound?: boolean;
  /** The service's `instanceConfiguration.cpu`. */
  readonly serviceCpu?: string;
}

/** The changes: each row is an app built twice, v1 (deployed) and v2 (the update). */
const CHANGES = {
  'subnets gain an AZ (maxAzs 2 → 3)': { v1: {}, v2: { maxAzs: 3 } },
  'subnets narrowed to one AZ (vpcSubnets.availabilityZones)': { v1: {}, v2: { azs: ['eu-west-1a'] } },
  'explicit subnets swapped': { v1: { subnet: 0 }, v2: { subnet: 1 } },
  'a tag added to the app (Tags.of(app))': { v1: {}, v2: { appTag: 'payments' } },
  'a tag value changed on the connector (Tags.of(connector))': { v1: { connectorTag: 'alice' }, v2: { connectorTag: 'bob' } },
  'the name changed': { v1: { name: 'connector-a' }, v2: { name: 'connector-b' } },
  'a group added through connections.addSecurityGroup': { v1: {}, v2: { extraGroup: true } },
  'a rule added with connections.allowTo(db, tcp 5432)': { v1: {}, v2: { allowToDatabase: true } },
  'given groups, subnets gain an AZ': { v1: { givenGroups: true }, v2: { givenGroups: true, maxAzs: 3 } },
  'given groups with uniqueSecurityGroupSet, subnets gain an AZ': {
    v1: { givenGroups: true, uniqueSecurityGroupSet: true },
    v2: { givenGroups: true, uniqueSecurityGroupSet: true, maxAzs: 3 },
  },
  'given groups, uniqueSecurityGroupSet turned on': { v1: { givenGroups: true }, v2: { givenGroups: true, uniqueSecurityGroupSet: true } },
  'fixed name, subnets gain an AZ': { v1: { name: 'connector-a' }, v2: { name: 'connector-a', maxAzs: 3 } },
  'the name changed along with the subnets': { v1: { name: 'connector-a' }, v2: { name: 'connector-b', maxAzs: 3 } },
  'allowAllOutbound true → false': { v1: { allowAllOutbound: true }, v2: { allowAllOutbound: false } },
  'a change to the service only': { v1: {}, v2: { serviceCpu: '1 vCPU' } },
  'no change': { v1: {}, v2: {} },
} satisfies Record<string, { v1: AppConfig; v2: AppConfig }>;

type Change = keyof typeof CHANGES;
type Implementation = 'ours' | 'alpha' | 'l1';

/**
 * What App Runner does with the update: it deploys, or it refuses a new connector (and so the update
 * fails and rolls back). `replaced` names the resources CloudFormation replaces, by construct path
 * (`Connector` is the connector, `Connector/SecurityGroup` the group ours and the alpha create,
 * `ConnectorSecurityGroup` the group of the L1 app). `n/a`: the implementation cannot express the change.
 */
type Expected = 'n/a'
  | { readonly deploys: true; readonly replaced: string[] }
  | { readonly refused: string[]; readonly replaced: string[] };

const SAME_GROUPS = 'Connector@v2: same security-group set as Connector@v1';
const SAME_NAME = "Connector@v2: same name 'connector-a' as Connector@v1";

/** The expected outcome of every change, per implementation. */
const EXPECTED: Record<Change, Record<Implementation, Expected>> = {
  'subnets gain an AZ (maxAzs 2 → 3)': {
    ours: { deploys: true, replaced: ['Connector', 'Connector/SecurityGroup'] },
    alpha: { refused: [SAME_GROUPS], replaced: ['Connector'] },
    l1: { refused: [SAME_GROUPS], replaced: ['Connector'] },
  },
  'subnets narrowed to one AZ (vpcSubnets.availabilityZones)': {
    ours: { deploys: true, replaced: ['Connector', 'Connector/SecurityGroup'] },
    alpha: { refused: [SAME_GROUPS], replaced: ['Connector'] },
    l1: { refused: [SAME_GROUPS], replaced: ['Connector'] },
  },
  'explicit subnets swapped': {
    ours: { deploys: true, replaced: ['Connector', 'Connector/SecurityGroup'] },
    alpha: { refused: [SAME_GROUPS], replaced: ['Connector'] },
    l1: { refused: [SAME_GROUPS], replaced: ['Connector'] },
  },
  // Service Tags are create-only too: a tag on the app replaces every App Runner service (a new URL).
  'a tag added to the app (Tags.of(app))': {
    ours: { deploys: true, replaced: ['Connector', 'Connector/SecurityGroup', 'Service'] },
    alpha: { refused: [SAME_GROUPS], replaced: ['Connector', 'Service'] },
    l1: { refused: [SAME_GROUPS], replaced: ['Connector', 'Service'] },
  },
  'a tag value changed on the connector (Tags.of(connector))': {
    ours: { deploys: true, replaced: ['Connector', 'Connector/SecurityGroup'] },
    alpha: { refused: [SAME_GROUPS], replaced: ['Connector'] },
    l1: { refused: [SAME_GROUPS], replaced: ['Connector'] },
  },
  'the name changed': {
    ours: { deploys: true, replaced: ['Connector', 'Connector/SecurityGroup'] },
    alpha: { refused: [SAME_GROUPS], replaced: ['Connector'] },
    l1: { refused: [SAME_GROUPS], replaced: ['Connector'] },
  },
  // The set changes, so every implementation deploys; ours also replaces its group, as with any replacement.
  'a group added through connections.addSecurityGroup': {
    ours: { deploys: true, replaced: ['Connector', 'Connector/SecurityGroup'] },
    alpha: { deploys: true, replaced: ['Connector'] },
    l1: { deploys: true, replaced: ['Connector'] },
  },
  'a rule added with connections.allowTo(db, tcp 5432)': {
    ours: { deploys: true, replaced: [] },
    alpha: { deploys: true, replaced: [] },
    l1: { deploys: true, replaced: [] },
  },
  'given groups, subnets gain an AZ': {
    ours: { refused: [SAME_GROUPS], replaced: ['Connector'] },
    alpha: { refused: [SAME_GROUPS], replaced: ['Connector'] },
    l1: { refused: [SAME_GROUPS], replaced: ['Connector'] },
  },
  'given groups with uniqueSecurityGroupSet, subnets gain an AZ': {
    ours: { deploys: true, replaced: ['Connector', 'Connector/SecurityGroup'] },
    alpha: 'n/a',
    l1: 'n/a',
  },
  // The owned group is added (not replaced), and it makes the set new.
  'given groups, uniqueSecurityGroupSet turned on': {
    ours: { deploys: true, replaced: ['Connector'] },
    alpha: 'n/a',
    l1: 'n/a',
  },
  'fixed name, subnets gain an AZ': {
    ours: { refused: [SAME_NAME], replaced: ['Connector', 'Connector/SecurityGroup'] },
    alpha: { refused: [SAME_GROUPS, SAME_NAME], replaced: ['Connector'] },
    l1: { refused: [SAME_GROUPS, SAME_NAME], replaced: ['Connector'] },
  },
  'the name changed along with the subnets': {
    ours: { deploys: true, replaced: ['Connector', 'Connector/SecurityGroup'] },
    alpha: { refused: [SAME_GROUPS], replaced: ['Connector'] },
    l1: { refused: [SAME_GROUPS], replaced: ['Connector'] },
  },
  // The alpha has no `allowAllOutbound`: its users pass their own group (the "given groups" rows).
  'allowAllOutbound true → false': {
    ours: { deploys: true, replaced: [] },
    alpha: 'n/a',
    l1: { deploys: true, replaced: [] },
  },
  'a change to the service only': {
    ours: { deploys: true, replaced: [] },
    alpha: { deploys: true, replaced: [] },
    l1: { deploys: true, replaced: [] },
  },
  'no change': {
    ours: { deploys: true, replaced: [] },
    alpha: { deploys: true, replaced: [] },
    l1: { deploys: true, replaced: [] },
  },
};

const IMPLEMENTATIONS: Implementation[] = ['ours', 'alpha', 'l1'];

/** Thrown when an implementation has no way to express a switch of `AppConfig`. */
class NotExpressible extends Error {}

/** The one stack of an app built from `config` with the connector `implementation`. */
function buildStack(implementation: Implementation, config: AppConfig): Stack {
  const app = new App({ context: { [`availability-zones:account=${ENV.account}:region=${ENV.region}`]: AZS } });
  const stack = new Stack(app, 'Stack', { env: ENV });
  // Room for a third AZ is reserved, so another AZ adds subnets and leaves the CIDRs of the existing
  // ones alone (without it, every subnet after the first group moves, and is replaced).
  const maxAzs = config.maxAzs ?? 2;
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    maxAzs,
    reservedAzs: AZS.length - maxAzs,
    natGateways: 1,
    subnetConfiguration: [
      { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
      { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 24 },
    ],
  });
  const database = new ec2.SecurityGroup(stack, 'Database', { vpc });
  const given = config.givenGroups ? [new ec2.SecurityGroup(stack, 'AppGroup', { vpc })] : undefined;
  const extra = config.extraGroup ? new ec2.SecurityGroup(stack, 'ExtraGroup', { vpc }) : undefined;
  const subnets = config.subnet === undefined ? undefined : [vpc.privateSubnets[config.subnet]];
  const vpcSubnets = config.azs ? { availabilityZones: config.azs } : undefined;

  let vpcConnectorArn: string;
  let connections: ec2.Connections;
  let tagged: IConstruct;
  let connector: IVpcConnector | undefined;
  switch (implementation) {
    case 'ours': {
      const ours = new VpcConnector(stack, 'Connector', {
        ...(subnets ? { subnets } : { vpc, vpcSubnets }),
        securityGroups: given,
        uniqueSecurityGroupSet: config.uniqueSecurityGroupSet,
        vpcConnectorName: config.name,
        allowAllOutbound: config.allowAllOutbound,
      });
      if (extra) {
        ours.connections.addSecurityGroup(extra);
      }
      ({ vpcConnectorArn, connections } = ours);
      tagged = connector = ours;
      break;
    }
    case 'alpha': {
      if (config.uniqueSecurityGroupSet || config.allowAllOutbound !== undefined) {
        throw new NotExpressible('the alpha has neither `uniqueSecurityGroupSet` nor `allowAllOutbound`');
      }
      const alpha = new apprunnerAlpha.VpcConnector(stack, 'Connector', {
        vpc,
        vpcSubnets: subnets ? { subnets } : vpcSubnets,
        securityGroups: given,
        vpcConnectorName: config.name,
      });
      if (extra) {
        alpha.connections.addSecurityGroup(extra);
      }
      ({ vpcConnectorArn, connections } = alpha);
      tagged = alpha;
      break;
    }
    case 'l1': {
      if (config.uniqueSecurityGroupSet) {
        throw new NotExpressible('the L1 has no `uniqueSecurityGroupSet`');
      }
      const groups = given ?? [new ec2.SecurityGroup(stack, 'ConnectorSecurityGroup', { vpc, allowAllOutbound: config.allowAllOutbound })];
      const l1 = new apprunner.CfnVpcConnector(stack, 'Connector', {
        subnets: (subnets ?? vpc.selectSubnets(vpcSubnets).subnets).map(subnet => subnet.subnetId),
        securityGroups: [...groups, ...extra ? [extra] : []].map(group => group.securityGroupId),
        vpcConnectorName: config.name,
      });
      vpcConnectorArn = l1.attrVpcConnectorArn;
      connections = new ec2.Connections({ securityGroups: groups });
      tagged = l1;
      break;
    }
  }

  if (config.allowToDatabase) {
    connections.allowTo(database, ec2.Port.tcp(5432));
  }
  if (config.connectorTag) {
    Tags.of(tagged).add('owner', config.connectorTag);
  }
  if (config.appTag) {
    Tags.of(app).add('team', config.appTag);
  }
  // serviceThrough reads only the ARN of the connector it is given.
  const service = serviceThrough(stack, 'Service', connector ?? { vpcConnectorArn } as IVpcConnector);
  if (config.serviceCpu) {
    service.instanceConfiguration = { cpu: config.serviceCpu };
  }
  return stack;
}

function template(stack: Stack): CfnTemplate {
  return Template.fromStack(stack).toJSON();
}

/** Builds the app twice and checks the update from v1 to v2. */
function upgrade(implementation: Implementation, change: Change): UpgradeOutcome {
  const v1 = buildStack(implementation, CHANGES[change].v1);
  const v2 = buildStack(implementation, CHANGES[change].v2);
  return checkUpgrade(template(v1), template(v2), resourceNames(v1, v2));
}

function summary(outcome: UpgradeOutcome) {
  return { deploys: outcome.deploys, refused: outcome.refusals, replaced: outcome.replaced };
}

function expectedSummary(expected: Exclude<Expected, 'n/a'>) {
  return 'deploys' in expected
    ? { deploys: true, refused: [], replaced: expected.replaced }
    : { deploys: false, refused: expected.refused, replaced: expected.replaced };
}

describe.each(Object.keys(CHANGES) as Change[])('%s', change => {
  const expressible = IMPLEMENTATIONS.filter(implementation => EXPECTED[change][implementation] !== 'n/a');
  const inexpressible = IMPLEMENTATIONS.filter(implementation => EXPECTED[change][implementation] === 'n/a');

  test.each(expressible)('%s', implementation => {
    const outcome = upgrade(implementation, change);

    expect(summary(outcome)).toEqual(expectedSummary(EXPECTED[change][implementation] as Exclude<Expected, 'n/a'>));
  });

  if (inexpressible.length > 0) {
    test.each(inexpressible)('%s: n/a, the change cannot be expressed', implementation => {
      expect(() => buildStack(implementation, { ...CHANGES[change].v1, ...CHANGES[change].v2 })).toThrow(NotExpressible);
    });
  }
});

describe('what the rows rest on', () => {
  test.each(IMPLEMENTATIONS)('%s: no change gives identical templates, with nothing added, updated or removed', implementation => {
    const v1 = template(buildStack(implementation, {}));
    const v2 = template(buildStack(implementation, {}));
    const outcome = checkUpgrade(v1, v2);

    expect(v2).toEqual(v1);
    expect([outcome.added, outcome.replaced, outcome.updated, outcome.removed]).toEqual([[], [], [], []]);
  });

  test.each(['ours', 'alpha'] as const)('%s: a group added through `connections` after construction reaches the template', implementation => {
    const stack = buildStack(implementation, { extraGroup: true });

    const extra = stack.node.findChild('ExtraGroup') as ec2.SecurityGroup;
    const connector = Object.values(Template.fromStack(stack).findResources('AWS::AppRunner::VpcConnector'))[0];
    expect(connector.Properties.SecurityGroups).toHaveLength(2);
    expect(connector.Properties.SecurityGroups).toContainEqual(stack.resolve(extra.securityGroupId));
  });

  test('a tag on the app updates the VPC in place and replaces the service', () => {
    const outcome = upgrade('l1', 'a tag added to the app (Tags.of(app))');

    expect(outcome.replaced).toContain('Service');
    expect(outcome.updated).toEqual(expect.arrayContaining(['Vpc', 'Vpc/PrivateSubnet1/Subnet', 'ConnectorSecurityGroup']));
  });

  test('a rule to the database adds an ingress rule and changes no group', () => {
    const outcome = upgrade('ours', 'a rule added with connections.allowTo(db, tcp 5432)');

    expect(outcome.added).toEqual([expect.stringMatching(/^Database\/from /)]);
    expect(outcome.types[outcome.added[0]]).toBe('AWS::EC2::SecurityGroupIngress');
    expect(outcome.updated).toEqual([]);
  });
});

describe('the upgrade harness', () => {
  const group = (description: string) => ({ Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: description, VpcId: 'vpc-1' } });
  const connector = (subnet: string, groups: unknown[], name?: string) => ({
    Type: 'AWS::AppRunner::VpcConnector',
    Properties: { Subnets: [subnet], SecurityGroups: groups, ...name ? { VpcConnectorName: name } : {} },
  });

  test('a replaced group referenced by Fn::GetAtt replaces the connector (cloudformation-diff propagates it), which then deploys', () => {
    const v1 = { Resources: { Sg: group('a'), Conn: connector('subnet-1', [{ 'Fn::GetAtt': ['Sg', 'GroupId'] }]) } };
    const v2 = { Resources: { Sg: group('b'), Conn: connector('subnet-1', [{ 'Fn::GetAtt': ['Sg', 'GroupId'] }]) } };

    const outcome = checkUpgrade(v1, v2);

    expect(outcome.replaced).toEqual(['Conn', 'Sg']);
    expect(outcome.connectors).toEqual([
      { connector: 'Conn@v1', securityGroups: ['Sg@v1'] },
      { connector: 'Conn@v2', securityGroups: ['Sg@v2'] },
    ]);
    expect(outcome.deploys).toBe(true);
  });

  test('a replaced group referenced by Ref replaces the connector too', () => {
    const v1 = { Resources: { Sg: group('a'), Conn: connector('subnet-1', [{ Ref: 'Sg' }]) } };
    const v2 = { Resources: { Sg: group('b'), Conn: connector('subnet-1', [{ Ref: 'Sg' }]) } };

    expect(checkUpgrade(v1, v2)).toMatchObject({ replaced: ['Conn', 'Sg'], deploys: true });
  });

  test('a replaced connector with the same groups, as literal IDs or an unchanged group, is refused', () => {
    const v1 = { Resources: { Sg: group('a'), Conn: connector('subnet-1', ['sg-1', { Ref: 'Sg' }]) } };
    const v2 = { Resources: { Sg: group('a'), Conn: connector('subnet-2', [{ 'Fn::GetAtt': ['Sg', 'GroupId'] }, 'sg-1', 'sg-1']) } };

    expect(checkUpgrade(v1, v2)).toMatchObject({
      replaced: ['Conn'],
      refusals: ['Conn@v2: same security-group set as Conn@v1'],
      deploys: false,
    });
  });

  test('an added connector is checked against every old and every other new connector, each pair once', () => {
    const v1 = { Resources: { A: connector('subnet-1', ['sg-1']), Gone: connector('subnet-1', ['sg-2'], 'gone') } };
    const v2 = {
      Resources: {
        A: connector('subnet-1', ['sg-1']),
        B: connector('subnet-2', ['sg-1', 'sg-3']),
        C: connector('subnet-3', ['sg-3', 'sg-1']),
        D: connector('subnet-4', ['sg-4'], 'gone'),
        E: connector('subnet-5', ['sg-1']),
      },
    };

    expect(checkUpgrade(v1, v2)).toMatchObject({
      added: ['B', 'C', 'D', 'E'],
      removed: ['Gone'],
      refusals: [
        'C@v2: same security-group set as B@v2',
        "D@v2: same name 'gone' as Gone@v1",
        'E@v2: same security-group set as A@v1',
      ],
      deploys: false,
    });
  });

  test('logical IDs are shown by the names given', () => {
    const v1 = { Resources: { ConnABC: connector('subnet-1', ['sg-1']) } };
    const v2 = { Resources: { ConnABC: connector('subnet-2', ['sg-1']) } };

    expect(checkUpgrade(v1, v2, { ConnABC: 'Connector' }).refusals).toEqual(['Connector@v2: same security-group set as Connector@v1']);
  });

  test('across stacks: an imported group is the exporting stack\'s group, and names are qualified', () => {
    const exporter = {
      Resources: { Sg: group('a'), Conn: connector('subnet-1', [{ 'Fn::GetAtt': ['Sg', 'GroupId'] }]) },
      Outputs: { SgId: { Value: { 'Fn::GetAtt': ['Sg', 'GroupId'] }, Export: { Name: 'shared-sg' } } },
    };
    const importer = (subnet: string) => ({ Resources: { Conn: connector(subnet, [{ 'Fn::ImportValue': 'shared-sg' }]) } });

    const outcome = checkStacksUpgrade([
      { stackName: 'A', v1: exporter, v2: exporter },
      { stackName: 'B', v1: { Resources: {} }, v2: importer('subnet-2') },
    ]);

    expect(outcome).toMatchObject({ added: ['B/Conn'], refusals: ['B/Conn@v2: same security-group set as A/Conn@v1'] });
  });
});

/**
 * Upgrading this library is a change too. test/fixtures/release-0.0.0/ holds the integ snapshots of the
 * previous release (whose created groups carried no digest); the current snapshots are what this release
 * synthesizes for the same integ apps. `npm run integ` keeps those equal to the apps.
 */
describe('upgrading from the previous release (the integ apps)', () => {
  const load = (file: string): CfnTemplate => JSON.parse(fs.readFileSync(path.join(__dirname, file), 'utf-8'));
  const previous = (name: string) => load(`fixtures/release-0.0.0/${name}.template.json`);
  const current = (snapshot: string, name: string) => load(`${snapshot}.snapshot/${name}.template.json`);

  test('every connector with a created group is replaced with its group; the one with a fixed name is refused', () => {
    const outcome = checkUpgrade(previous('AppRunnerVpcConnectorInteg'), current('integ.vpc-connector.ts', 'AppRunnerVpcConnectorInteg'));

    const replaced = (type: string) => outcome.replaced.filter(name => outcome.types[name] === type);
    // The connector called `Default` has the logical ID `Resource` (CDK hides an ID `Default` from logical IDs).
    expect(replaced('AWS::AppRunner::VpcConnector')).toEqual(['NamedD2F31604', 'Resource', 'Tagged7A26CEFA']);
    expect(replaced('AWS::EC2::SecurityGroup')).toEqual(['NamedSecurityGroupF2CE7F7C', 'SecurityGroupDD263621', 'TaggedSecurityGroupA6E0B041']);
    // `Explicit` was given its groups: untouched. `Named` keeps 'integ-named-connector': App Runner refuses the replacement.
    expect(outcome.refusals).toEqual(["NamedD2F31604@v2: same name 'integ-named-connector' as NamedD2F31604@v1"]);
  });

  test('across stacks: the connector is replaced with its group, and refused for its fixed name', () => {
    const outcome = checkStacksUpgrade(['AppRunnerVpcConnectorIntegNetwork', 'AppRunnerVpcConnectorIntegServices'].map(stackName => ({
      stackName,
      v1: previous(stackName),
      v2: current('integ.vpc-connector-cross-stack.ts', stackName),
    })));

    expect(outcome.replaced.filter(name => outcome.types[name] === 'AWS::AppRunner::VpcConnector')).toEqual([
      'AppRunnerVpcConnectorIntegServices/VpcConnectorE3A78531',
    ]);
    expect(outcome.refusals).toEqual([
      "AppRunnerVpcConnectorIntegServices/VpcConnectorE3A78531@v2: same name 'integ-cross-stack' as AppRunnerVpcConnectorIntegServices/VpcConnectorE3A78531@v1",
    ]);
  });
});

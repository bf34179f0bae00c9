import * as fs from 'fs';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { VpcConnector } from '../src';
import { AppConfig, buildApp, HAS_MIXINS, Implementation, NotExpressible } from './support/apps';
import { ENV, newApp, newVpc } from './support/stacks';
import { CfnTemplate, checkStacksUpgrade, checkUpgrade, ExistingConnector, resourceNames, stackUpgrades, UpgradeOutcome } from './support/upgrade';

// Day 2: an app is deployed (v1), changed, and deployed again (v2). Every property of a VPC connector is
// create-only, App Runner creates the replacement while the old connector is still alive, and it refuses
// a connector with the security-group set or the name of another. Each row below is one change, made
// to our construct, to the alpha L2 and to the raw L1; the table says what App Runner does with it.

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
  'given groups kept as given (uniqueSecurityGroupSet false), subnets gain an AZ': {
    v1: { givenGroups: true, uniqueSecurityGroupSet: false },
    v2: { givenGroups: true, uniqueSecurityGroupSet: false, maxAzs: 3 },
  },
  'given groups with uniqueSecurityGroupSet, subnets gain an AZ': {
    v1: { givenGroups: true, uniqueSecurityGroupSet: true },
    v2: { givenGroups: true, uniqueSecurityGroupSet: true, maxAzs: 3 },
  },
  'given groups, uniqueSecurityGroupSet false → unset': { v1: { givenGroups: true, uniqueSecurityGroupSet: false }, v2: { givenGroups: true } },
  'fixed name, subnets gain an AZ': { v1: { name: 'connector-a' }, v2: { name: 'connector-a', maxAzs: 3 } },
  'the name changed along with the subnets': { v1: { name: 'connector-a' }, v2: { name: 'connector-b', maxAzs: 3 } },
  'allowAllOutbound true → false': { v1: { allowAllOutbound: true }, v2: { allowAllOutbound: false } },
  'a change to the service only': { v1: {}, v2: { serviceCpu: '1 vCPU' } },
  'no change': { v1: {}, v2: {} },
  // Replaced by something outside the connector's props.
  'the private subnets re-cut (cidrMask 24 → 20)': { v1: {}, v2: { privateCidrMask: 20 } },
  'a subnet group inserted before the private subnets': { v1: {}, v2: { isolatedGroupFirst: true } },
  'given groups with uniqueSecurityGroupSet, the private subnets re-cut': {
    v1: { givenGroups: true, uniqueSecurityGroupSet: true },
    v2: { givenGroups: true, uniqueSecurityGroupSet: true, privateCidrMask: 20 },
  },
  'an escape hatch changed (addPropertyOverride)': { v1: { overrideTag: 'v1' }, v2: { overrideTag: 'v2' } },
  'a property mixin changed (with)': { v1: { mixinTag: 'v1' }, v2: { mixinTag: 'v2' } },
  'an Aspect that sets an L1 property changed': { v1: { aspectTag: 'v1' }, v2: { aspectTag: 'v2' } },
  'an injector sets every group\'s description, subnets gain an AZ': {
    v1: { injectedDescription: 'Managed by the platform team' },
    v2: { injectedDescription: 'Managed by the platform team', maxAzs: 3 },
  },
  'an injector sets every group\'s name, subnets gain an AZ': { v1: { injectedName: 'sg' }, v2: { injectedName: 'sg', maxAzs: 3 } },
  'connector in the VPC\'s stack, service in another, subnets gain an AZ': {
    v1: { layout: 'connector-with-vpc' },
    v2: { layout: 'connector-with-vpc', maxAzs: 3 },
  },
  'connector in a nested stack, VPC in the parent, the private subnets re-cut': {
    v1: { layout: 'nested' },
    v2: { layout: 'nested', privateCidrMask: 20 },
  },
  'subnet ID from an SSM parameter, its value changed at deploy time': { v1: { ssmSubnet: 'subnet-0aaaaaaaaaaaaaaaa' }, v2: { ssmSubnet: 'subnet-0bbbbbbbbbbbbbbbb' } },
  'subnet ID imported from another app\'s export, its value changed': {
    v1: { importedSubnet: 'subnet-0aaaaaaaaaaaaaaaa' },
    v2: { importedSubnet: 'subnet-0bbbbbbbbbbbbbbbb' },
  },
  'the connector moved into a construct of its own (without cdk refactor)': { v1: {}, v2: { wrapped: true } },
  'a new connector named like an imported one': { v1: { importedName: 'legacy-orders' }, v2: { importedName: 'legacy-orders', name: 'legacy-orders' } },
  'control: VPC in a network stack, connector and service in another, subnets gain an AZ': {
    v1: { layout: 'vpc-apart' },
    v2: { layout: 'vpc-apart', maxAzs: 3 },
  },
} satisfies Record<string, { v1: AppConfig; v2: AppConfig }>;

type Change = keyof typeof CHANGES;

/**
 * What App Runner does with the update: it deploys, or it refuses a new connector or CloudFormation an
 * export (and so the update fails and rolls back). `replaced` names the resources CloudFormation replaces,
 * by construct path (`Connector` is the connector, `Connector/SecurityGroup` the group ours and the alpha
 * create, `ConnectorSecurityGroup` the group of the L1 app), qualified with the stack in multi-stack apps.
 * For ours, an update that does not deploy is told at synth: `warned` is the id of the warning
 * (`cdk-apprunner-vpc-connector:<warned>`) on the connector of v2, and `synthFails` what the error says.
 * An explicit choice that makes a later replacement fail (given groups kept as they are, a fixed name) is kept,
 * as aws-cdk keeps explicit input, and warned of.
 * `n/a`: the implementation cannot express the change.
 */
type Expected = 'n/a'
  | { readonly deploys: true; readonly replaced: string[] }
  | { readonly refused: unknown[]; readonly replaced: string[] };

/** Ours: every update that does not deploy is told, one way or the other. */
type OursExpected = Exclude<Expected, { refused: unknown[] }>
  | { readonly refused: unknown[]; readonly replaced: string[]; readonly warned: string }
  | { readonly synthFails: string };

const SAME_GROUPS = 'Connector@v2: same security-group set as Connector@v1';
const SAME_NAME = "Connector@v2: same name 'connector-a' as Connector@v1";
const NETWORK_SAME_GROUPS = 'Network/Connector@v2: same security-group set as Network/Connector@v1';
const SERVICES_SAME_GROUPS = 'Services/Connector@v2: same security-group set as Services/Connector@v1';
const NESTED_SAME_GROUPS = 'Stack/Services/Connector@v2: same security-group set as Stack/Services/Connector@v1';
/** CloudFormation refuses to change the ARN export that the service's stack imports. */
const ARN_EXPORT = expect.stringMatching(/^export "Network:ExportsOutputFnGetAttConnector\w*VpcConnectorArn\w*" of Network: its value changes while Services imports it$/);
const IMPORTED_NAME = "Connector@v2: same name 'legacy-orders' as the imported connector legacy-orders";
/** What a re-cut replaces in the VPC: the private subnets and their route-table associations. */
const RECUT = ['Vpc/PrivateSubnet1/RouteTableAssociation', 'Vpc/PrivateSubnet1/Subnet', 'Vpc/PrivateSubnet2/RouteTableAssociation', 'Vpc/PrivateSubnet2/Subnet'];

/** The expected outcome of every change, per implementation. */
const EXPECTED: Record<Change, { ours: OursExpected; alpha: Expected; l1: Expected }> = {
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
  // By default the connector adds a group of its own to the given ones, replaced with it.
  'given groups, subnets gain an AZ': {
    ours: { deploys: true, replaced: ['Connector', 'Connector/SecurityGroup'] },
    alpha: { refused: [SAME_GROUPS], replaced: ['Connector'] },
    l1: { refused: [SAME_GROUPS], replaced: ['Connector'] },
  },
  'given groups kept as given (uniqueSecurityGroupSet false), subnets gain an AZ': {
    ours: { refused: [SAME_GROUPS], replaced: ['Connector'], warned: 'sharedSecurityGroupSet' },
    alpha: 'n/a',
    l1: 'n/a',
  },
  'given groups with uniqueSecurityGroupSet, subnets gain an AZ': {
    ours: { deploys: true, replaced: ['Connector', 'Connector/SecurityGroup'] },
    alpha: 'n/a',
    l1: 'n/a',
  },
  // The owned group is added (not replaced), and it makes the set new.
  'given groups, uniqueSecurityGroupSet false → unset': {
    ours: { deploys: true, replaced: ['Connector'] },
    alpha: 'n/a',
    l1: 'n/a',
  },
  'fixed name, subnets gain an AZ': {
    ours: { refused: [SAME_NAME], replaced: ['Connector', 'Connector/SecurityGroup'], warned: 'fixedName' },
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
  // The subnets are replaced behind their logical IDs, and the connector with them (through `Ref`).
  'the private subnets re-cut (cidrMask 24 → 20)': {
    ours: { deploys: true, replaced: ['Connector', 'Connector/SecurityGroup', ...RECUT] },
    alpha: { refused: [SAME_GROUPS], replaced: ['Connector', ...RECUT] },
    l1: { refused: [SAME_GROUPS], replaced: ['Connector', ...RECUT] },
  },
  'a subnet group inserted before the private subnets': {
    ours: { deploys: true, replaced: ['Connector', 'Connector/SecurityGroup', ...RECUT] },
    alpha: { refused: [SAME_GROUPS], replaced: ['Connector', ...RECUT] },
    l1: { refused: [SAME_GROUPS], replaced: ['Connector', ...RECUT] },
  },
  'given groups with uniqueSecurityGroupSet, the private subnets re-cut': {
    ours: { deploys: true, replaced: ['Connector', 'Connector/SecurityGroup', ...RECUT] },
    alpha: 'n/a',
    l1: 'n/a',
  },
  'an escape hatch changed (addPropertyOverride)': {
    ours: { deploys: true, replaced: ['Connector', 'Connector/SecurityGroup'] },
    alpha: { refused: [SAME_GROUPS], replaced: ['Connector'] },
    l1: { refused: [SAME_GROUPS], replaced: ['Connector'] },
  },
  'a property mixin changed (with)': {
    ours: { deploys: true, replaced: ['Connector', 'Connector/SecurityGroup'] },
    alpha: { refused: [SAME_GROUPS], replaced: ['Connector'] },
    l1: { refused: [SAME_GROUPS], replaced: ['Connector'] },
  },
  'an Aspect that sets an L1 property changed': {
    ours: { deploys: true, replaced: ['Connector', 'Connector/SecurityGroup'] },
    alpha: { refused: [SAME_GROUPS], replaced: ['Connector'] },
    l1: { refused: [SAME_GROUPS], replaced: ['Connector'] },
  },
  // The injector's description is set aside for the connector's own group (a warning says so), so the digest stays.
  'an injector sets every group\'s description, subnets gain an AZ': {
    ours: { deploys: true, replaced: ['Connector', 'Connector/SecurityGroup'] },
    alpha: { refused: [SAME_GROUPS], replaced: ['Connector'] },
    l1: { refused: [SAME_GROUPS], replaced: ['Connector'] },
  },
  // A custom-named group cannot be replaced: ours fails at synth; the alpha and the L1 never replace their group.
  'an injector sets every group\'s name, subnets gain an AZ': {
    ours: { synthFails: '`securityGroupName` must be unset on the connector\'s own group, got: "SecurityGroup-sg" from the property injector GroupDefaults registered on the app.' },
    alpha: { refused: [SAME_GROUPS], replaced: ['Connector'] },
    l1: { refused: [SAME_GROUPS], replaced: ['Connector'] },
  },
  // The service's stack imports the connector's ARN: a replaced connector changes the export.
  'connector in the VPC\'s stack, service in another, subnets gain an AZ': {
    ours: { refused: [ARN_EXPORT], replaced: ['Network/Connector', 'Network/Connector/SecurityGroup'], warned: 'exportedAcrossStacks' },
    alpha: { refused: [NETWORK_SAME_GROUPS, ARN_EXPORT], replaced: ['Network/Connector'] },
    l1: { refused: [NETWORK_SAME_GROUPS, ARN_EXPORT], replaced: ['Network/Connector'] },
  },
  // The digest follows the nested stack's parameters to the parent's subnets.
  'connector in a nested stack, VPC in the parent, the private subnets re-cut': {
    ours: { deploys: true, replaced: ['Stack/Services/Connector', 'Stack/Services/Connector/SecurityGroup', ...RECUT.map(name => `Stack/${name}`)] },
    alpha: { refused: [NESTED_SAME_GROUPS], replaced: ['Stack/Services/Connector', ...RECUT.map(name => `Stack/${name}`)] },
    l1: { refused: [NESTED_SAME_GROUPS], replaced: ['Stack/Services/Connector', ...RECUT.map(name => `Stack/${name}`)] },
  },
  // The template is the same: the group's description carries the value (`Fn::Join`), so it changes with it.
  'subnet ID from an SSM parameter, its value changed at deploy time': {
    ours: { deploys: true, replaced: ['Connector', 'Connector/SecurityGroup'] },
    alpha: { refused: [SAME_GROUPS], replaced: ['Connector'] },
    l1: { refused: [SAME_GROUPS], replaced: ['Connector'] },
  },
  'subnet ID imported from another app\'s export, its value changed': {
    ours: { deploys: true, replaced: ['Connector', 'Connector/SecurityGroup'] },
    alpha: { refused: [SAME_GROUPS], replaced: ['Connector'] },
    l1: { refused: [SAME_GROUPS], replaced: ['Connector'] },
  },
  // New logical IDs: CloudFormation adds a connector and removes the old one. The L1's group stays where it was.
  'the connector moved into a construct of its own (without cdk refactor)': {
    ours: { deploys: true, replaced: [] },
    alpha: { deploys: true, replaced: [] },
    l1: { refused: ['Wrapper/Connector@v2: same security-group set as Connector@v1'], replaced: [] },
  },
  'a new connector named like an imported one': {
    ours: { refused: [IMPORTED_NAME], replaced: ['Connector', 'Connector/SecurityGroup'], warned: 'importedName' },
    alpha: { refused: [IMPORTED_NAME, SAME_GROUPS], replaced: ['Connector'] },
    l1: { refused: [IMPORTED_NAME, SAME_GROUPS], replaced: ['Connector'] },
  },
  'control: VPC in a network stack, connector and service in another, subnets gain an AZ': {
    ours: { deploys: true, replaced: ['Services/Connector', 'Services/Connector/SecurityGroup'] },
    alpha: { refused: [SERVICES_SAME_GROUPS], replaced: ['Services/Connector'] },
    l1: { refused: [SERVICES_SAME_GROUPS], replaced: ['Services/Connector'] },
  },
};

const IMPLEMENTATIONS: Implementation[] = ['ours', 'alpha', 'l1'];

function template(stack: Stack): CfnTemplate {
  return Template.fromStack(stack).toJSON();
}

/** Connectors that exist outside the app's stacks, for App Runner's rules: the imported one of `config`. */
function existingConnectors(config: AppConfig): ExistingConnector[] {
  return config.importedName ? [{ connector: `the imported connector ${config.importedName}`, name: config.importedName, securityGroups: ['sg-legacy'] }] : [];
}

/** Builds the app twice and checks the update from v1 to v2. */
function upgrade(implementation: Implementation, change: Change): UpgradeOutcome {
  const { v1, v2 } = CHANGES[change];
  return checkStacksUpgrade(stackUpgrades({ implementation, config: v1 }, { implementation, config: v2 }), existingConnectors(v1));
}

function summary(outcome: UpgradeOutcome) {
  return { deploys: outcome.deploys, refused: outcome.refusals, replaced: outcome.replaced };
}

function expectedSummary(expected: Extract<OursExpected, { replaced: string[] }>) {
  return 'deploys' in expected
    ? { deploys: true, refused: [], replaced: expected.replaced }
    : { deploys: false, refused: expected.refused, replaced: expected.replaced };
}

/** The ids of the warnings of ours on the connector, in the stacks of v2 of a change. */
function warningIds(change: Change): string[] {
  const stacks = buildApp('ours', CHANGES[change].v2);
  return stacks.flatMap(stack => Annotations.fromStack(stack).findWarning('*', Match.anyValue())
    .map(warning => /\[ack: cdk-apprunner-vpc-connector:(\w+)\]/.exec(String(warning.entry.data))?.[1])
    .filter((id): id is string => id !== undefined));
}

describe.each(Object.keys(CHANGES) as Change[])('%s', change => {
  const expressible = IMPLEMENTATIONS.filter(implementation => EXPECTED[change][implementation] !== 'n/a');
  const inexpressible = IMPLEMENTATIONS.filter(implementation => EXPECTED[change][implementation] === 'n/a');
  const needsMixins = [CHANGES[change].v1, CHANGES[change].v2].some(config => (config as AppConfig).mixinTag !== undefined);
  const run = needsMixins && !HAS_MIXINS ? test.skip.each : test.each;

  run(expressible)(`%s${needsMixins && !HAS_MIXINS ? ' (needs constructs >= 10.4: runs in test:compat on the latest aws-cdk-lib)' : ''}`, implementation => {
    const expected = EXPECTED[change][implementation] as Exclude<OursExpected, 'n/a'>;
    if ('synthFails' in expected) {
      expect(() => buildApp(implementation, CHANGES[change].v2)).toThrow(expected.synthFails);
      return;
    }

    const outcome = upgrade(implementation, change);

    expect(summary(outcome)).toEqual(expectedSummary(expected));
    if (implementation === 'ours' && 'warned' in expected) {
      // What does not deploy is told at synth.
      expect(warningIds(change)).toContain(expected.warned);
    }
  });

  if (inexpressible.length > 0) {
    test.each(inexpressible)('%s: n/a, the change cannot be expressed', implementation => {
      expect(() => buildApp(implementation, { ...CHANGES[change].v1, ...CHANGES[change].v2 })).toThrow(NotExpressible);
    });
  }
});

describe('what the rows rest on', () => {
  test.each(IMPLEMENTATIONS)('%s: no change gives identical templates, with nothing added, updated or removed', implementation => {
    const v1 = template(buildApp(implementation, {})[0]);
    const v2 = template(buildApp(implementation, {})[0]);
    const outcome = checkUpgrade(v1, v2);

    expect(v2).toEqual(v1);
    expect([outcome.added, outcome.replaced, outcome.updated, outcome.removed]).toEqual([[], [], [], []]);
  });

  test.each(['ours', 'alpha'] as const)('%s: a group added through `connections` after construction reaches the template', implementation => {
    const [stack] = buildApp(implementation, { extraGroup: true });

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

describe('moving from @aws-cdk/aws-apprunner-alpha to this construct (same construct ID)', () => {
  const move = (v1: AppConfig, v2: AppConfig) => summary(checkStacksUpgrade(stackUpgrades({ implementation: 'alpha', config: v1 }, { implementation: 'ours', config: v2 })));

  test('without a name: the connector and its group are replaced, and it deploys', () => {
    expect(move({}, {})).toEqual({ deploys: true, refused: [], replaced: ['Connector', 'Connector/SecurityGroup'] });
  });

  test('with a name: refused, unless the name changes in the same deployment', () => {
    expect(move({ name: 'connector-a' }, { name: 'connector-a' })).toEqual({ deploys: false, refused: [SAME_NAME], replaced: ['Connector', 'Connector/SecurityGroup'] });
    expect(move({ name: 'connector-a' }, { name: 'connector-b' })).toEqual({ deploys: true, refused: [], replaced: ['Connector', 'Connector/SecurityGroup'] });
  });
});

describe('cdk refactor', () => {
  /** The template with every logical ID replaced by its construct path, `Wrapper/` dropped, and without metadata. */
  const byPath = (stack: Stack): unknown => {
    let text = JSON.stringify(template(stack));
    const names = Object.entries(resourceNames(stack)).sort(([a], [b]) => b.length - a.length);
    for (const [logicalId, name] of names) {
      text = text.split(`"${logicalId}"`).join(`"${name.replace(/^Wrapper\//, '')}"`);
    }
    const parsed = JSON.parse(text);
    Object.values<any>(parsed.Resources).forEach(resource => delete resource.Metadata);
    return parsed;
  };

  test('a plain move of the VPC replaces its subnets, and the connector with its own group: that deploys', () => {
    const build = (wrapped: boolean) => {
      const stack = new Stack(newApp(), 'Stack', { env: ENV });
      new VpcConnector(stack, 'Connector', { vpc: newVpc(wrapped ? new Construct(stack, 'Network') : stack) });
      return stack;
    };
    const [before, after] = [build(false), build(true)];

    const outcome = checkUpgrade(template(before), template(after), resourceNames(before, after));

    expect(outcome.replaced).toEqual(['Connector', 'Connector/SecurityGroup']);
    expect(outcome.added).toEqual(expect.arrayContaining(['Network/Vpc/PrivateSubnet1/Subnet']));
    expect(outcome.deploys).toBe(true);
  });

  test.each([{}, { givenGroups: true }, { layout: 'nested' }, { ssmSubnet: 'subnet-0aaaaaaaaaaaaaaaa' }] as AppConfig[])(
    'a connector moved into a wrapper construct changes nothing but logical IDs (%j)', config => {
      const [before, nestedBefore] = buildApp('ours', config);
      const [after, nestedAfter] = buildApp('ours', { ...config, wrapped: true });

      expect(byPath((nestedAfter ?? after) as Stack)).toEqual(byPath((nestedBefore ?? before) as Stack));
      expect(template(nestedAfter ?? after)).not.toEqual(template(nestedBefore ?? before));
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

describe('CloudFormation\'s export rule in the harness', () => {
  const connector = (subnet: string) => ({ Type: 'AWS::AppRunner::VpcConnector', Properties: { Subnets: [subnet], SecurityGroups: ['sg-1'] } });
  const exporter = (subnet: string) => ({
    Resources: { Conn: connector(subnet) },
    Outputs: { Arn: { Value: { 'Fn::GetAtt': ['Conn', 'VpcConnectorArn'] }, Export: { Name: 'A:Arn' } } },
  });
  const importer = { Resources: { Svc: { Type: 'AWS::AppRunner::Service', Properties: { Arn: { 'Fn::ImportValue': 'A:Arn' } } } } };

  test('an export of a replaced resource\'s attribute changes though its text does not, and is refused while imported', () => {
    const outcome = checkStacksUpgrade([
      { stackName: 'A', v1: exporter('subnet-1'), v2: exporter('subnet-2') },
      { stackName: 'B', v1: importer, v2: importer },
    ]);

    expect(outcome.refusals).toEqual([
      'A/Conn@v2: same security-group set as A/Conn@v1',
      'export "A:Arn" of A: its value changes while B imports it',
    ]);
  });

  test('an export nobody imports may change, and an unchanged export may be imported', () => {
    expect(checkStacksUpgrade([{ stackName: 'A', v1: exporter('subnet-1'), v2: exporter('subnet-2') }]).refusals)
      .toEqual(['Conn@v2: same security-group set as Conn@v1']);
    expect(checkStacksUpgrade([
      { stackName: 'A', v1: exporter('subnet-1'), v2: exporter('subnet-1') },
      { stackName: 'B', v1: importer, v2: importer },
    ]).deploys).toBe(true);
  });

  test('a removed export that is imported is refused', () => {
    const outcome = checkStacksUpgrade([
      { stackName: 'A', v1: exporter('subnet-1'), v2: { Resources: { Conn: connector('subnet-1') } } },
      { stackName: 'B', v1: importer, v2: importer },
    ]);

    expect(outcome.refusals).toEqual(['export "A:Arn" of A: its value changes while B imports it']);
  });

  test('a connector that exists outside the stacks takes part in App Runner\'s rules', () => {
    const v1 = { Resources: {} };
    const v2 = { Resources: { Conn: { Type: 'AWS::AppRunner::VpcConnector', Properties: { Subnets: ['subnet-1'], SecurityGroups: ['sg-1'], VpcConnectorName: 'legacy' } } } };

    expect(checkStacksUpgrade([{ stackName: 'A', v1, v2 }], [{ connector: 'the imported one', name: 'legacy', securityGroups: ['sg-9'] }]).refusals)
      .toEqual(["Conn@v2: same name 'legacy' as the imported one"]);
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

  test('every connector is replaced with a group of its own (the one given groups gains one); the one with a fixed name is refused', () => {
    const outcome = checkUpgrade(previous('AppRunnerVpcConnectorInteg'), current('integ.vpc-connector.ts', 'AppRunnerVpcConnectorInteg'));

    const replaced = (type: string) => outcome.replaced.filter(name => outcome.types[name] === type);
    // The connector called `Default` has the logical ID `Resource` (CDK hides an ID `Default` from logical IDs).
    expect(replaced('AWS::AppRunner::VpcConnector')).toEqual(['ExplicitF2346800', 'NamedD2F31604', 'Resource', 'Tagged7A26CEFA']);
    expect(replaced('AWS::EC2::SecurityGroup')).toEqual(['NamedSecurityGroupF2CE7F7C', 'SecurityGroupDD263621', 'TaggedSecurityGroupA6E0B041']);
    // `Explicit` was given its groups: it gains a group of its own (added), so its set is new.
    expect(outcome.added.filter(name => outcome.types[name] === 'AWS::EC2::SecurityGroup')).toEqual(['ExplicitSecurityGroup5C3EDFCB']);
    // `Named` keeps 'integ-named-connector': App Runner refuses the replacement.
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

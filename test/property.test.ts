/**
 * Property-based tests (fast-check) of the VpcConnector's input handling.
 *
 * Every generated case builds a fresh App and Stack, constructs a connector
 * and synthesizes. Its outcome must be what an independent oracle predicts,
 * and it must satisfy the invariant: either exactly one
 * AWS::AppRunner::VpcConnector with non-empty, duplicate-free `Subnets` and
 * `SecurityGroups`, or an `Error` (not a `TypeError`) whose message names a
 * prop in backticks. Errors may come from the constructor or from the
 * validations that run at `app.synth()`; both are caught.
 *
 * The seed is fixed so that CI is reproducible; explore other seeds with
 * `PROPERTY_SEED=<n> npx jest test/property.test.ts`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Arn, ArnFormat, Fn, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as fc from 'fast-check';
import { VpcConnector } from '../src';

const SEED = Number(process.env.PROPERTY_SEED ?? 20260105);

/** Generated cases per property; the total is asserted to be at least 5,000. */
const RUNS = {
  names: 2500,
  subnets: 1500,
  securityGroups: 1500,
  wrongTypes: 1500,
  tokenArns: 600,
};

const CONNECTOR = 'AWS::AppRunner::VpcConnector';
const PROPS = ['subnets', 'vpc', 'vpcSubnets', 'vpcSubnets.subnets', 'securityGroups', 'uniqueSecurityGroupSet', 'allowAllOutbound', 'vpcConnectorName'];
/** A prop, or the call that added a group later (`connections.addSecurityGroup()`), in backticks. */
const NAMES_A_PROP = new RegExp(`\`(${[...PROPS, 'connections.addSecurityGroup()'].map(p => p.replace(/[.()]/g, '\\$&')).join('|')})\``);

// One output directory for all the (sequential) synths of this file, in memory when the
// machine has a tmpfs: writing the cloud assembly is a good part of the cost of a case.
let outdir: string;
beforeAll(() => {
  const base = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  outdir = fs.mkdtempSync(path.join(base, 'vpc-connector-property-'));
});
afterAll(() => {
  fs.rmSync(outdir, { recursive: true, force: true });
});

type Outcome =
  | { readonly kind: 'template'; readonly connectors: any[] }
  | { readonly kind: 'error'; readonly error: unknown };

/**
 * Builds a case in a fresh App and Stack and synthesizes it. `build` returns
 * what the check needs; it is `undefined` when the build threw.
 */
function synthesize<T>(build: (stack: Stack) => T): { outcome: Outcome; built?: T; stack: Stack } {
  const app = new App({ outdir, analyticsReporting: false, treeMetadata: false });
  const stack = new Stack(app, 'Stack');
  let built: T | undefined;
  try {
    built = build(stack);
    const template = app.synth().getStackArtifact(stack.artifactId).template;
    const connectors = Object.values<any>(template.Resources ?? {}).filter(r => r.Type === CONNECTOR);
    return { outcome: { kind: 'template', connectors }, built, stack };
  } catch (error) {
    return { outcome: { kind: 'error', error }, built, stack };
  }
}

function describeValue(x: unknown): string {
  return x instanceof Error ? `${x.name}: ${x.message}` : JSON.stringify(x);
}

function hasDuplicates(list: unknown[]): boolean {
  return new Set(list.map(x => JSON.stringify(x))).size !== list.length;
}

/** The invariant every case satisfies, whatever its input. */
function checkInvariant(outcome: Outcome) {
  if (outcome.kind === 'error') {
    const error = outcome.error;
    if (!(error instanceof Error) || error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError
      || ['TypeError', 'RangeError', 'ReferenceError'].includes(error.name)) {
      throw new Error(`expected an Error naming a prop, got ${describeValue(error)}`);
    }
    if (!NAMES_A_PROP.test(error.message)) {
      throw new Error(`expected the message to name a prop in backticks, got: ${error.message}`);
    }
    return;
  }
  if (outcome.connectors.length !== 1) {
    throw new Error(`expected exactly one ${CONNECTOR}, got ${outcome.connectors.length}`);
  }
  const props = outcome.connectors[0].Properties ?? {};
  for (const key of ['Subnets', 'SecurityGroups']) {
    const list = props[key];
    if (!Array.isArray(list) || list.length === 0 || hasDuplicates(list)) {
      throw new Error(`expected ${key} to be a non-empty list without duplicates, got: ${JSON.stringify(list)}`);
    }
  }
}

/** Checks the invariant, then that the case failed with a message naming `prop`. */
function expectError(outcome: Outcome, prop: string, also?: string) {
  checkInvariant(outcome);
  if (outcome.kind !== 'error') {
    throw new Error(`expected an error naming \`${prop}\`, got a template: ${JSON.stringify(outcome.connectors)}`);
  }
  const message = (outcome.error as Error).message;
  if (!message.includes(`\`${prop}\``) || (also !== undefined && !message.includes(also))) {
    throw new Error(`expected the message to name \`${prop}\`${also !== undefined ? ` and show ${JSON.stringify(also)}` : ''}, got: ${message}`);
  }
}

/** Checks the invariant, then that the case synthesized; returns the connector's properties. */
function expectTemplate(outcome: Outcome): any {
  if (outcome.kind !== 'template') {
    throw new Error(`expected a template, got ${describeValue(outcome.error)}`);
  }
  checkInvariant(outcome);
  return outcome.connectors[0].Properties;
}

function expectEqual(actual: unknown, expected: unknown, what: string) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`expected ${what} ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

/** The values in order without repeats, compared as resolved CloudFormation. */
function dedupe<T>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter(item => {
    const key = JSON.stringify(item);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** Counts outcomes, so that a property whose generator only ever produces one outcome fails. */
class Tally {
  public accepted = 0;
  public rejected = 0;
  public get total() {
    return this.accepted + this.rejected;
  }
  public count(outcome: Outcome) {
    if (outcome.kind === 'template') {
      this.accepted++;
    } else {
      this.rejected++;
    }
  }
  public expectBoth(runs: number) {
    expect(this.total).toBe(runs);
    expect(this.accepted).toBeGreaterThan(runs / 10);
    expect(this.rejected).toBeGreaterThan(runs / 10);
  }
}

test('the properties generate at least 5,000 cases per run', () => {
  expect(Object.values(RUNS).reduce((a, b) => a + b)).toBeGreaterThanOrEqual(5000);
});

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

/**
 * The App Runner API's rule, written out without a regular expression so that
 * it does not share a mistake with the construct's own pattern: 4 to 40 UTF-16
 * code units, an ASCII letter or digit, then ASCII letters, digits, '-' or '_'.
 */
function isValidName(name: string): boolean {
  if (name.length < 4 || name.length > 40) {
    return false;
  }
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const alphanumeric = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
    if (!alphanumeric && (i === 0 || (c !== 0x2d && c !== 0x5f))) {
      return false;
    }
  }
  return true;
}

/** Characters that look harmless or that a careless pattern (`\w`, `/i`, `\s`, `.`) would let through. */
const HOSTILE_CHARS = [
  ' ', '\t', '\n', '\r', '\\', '/', '.', ':', '$', '{', '}', '\'', '"', '`', '\0',
  '-', '_', 'é', 'ß', 'ı', 'İ', '\u212a' /* Kelvin sign, matches k under /i */, '\u017f' /* long s */,
  '１', '٣', '\u00a0', '\u200b', '\u2028', '😀', 'a\u0301',
];
const NAME_ALPHABET = [...'abcXYZ0189-_'];

const validNames = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9\-_]{3,39}$/);
const names = fc.oneof(
  // Valid names, and valid names with one hostile character inserted anywhere.
  validNames,
  fc.tuple(validNames, fc.nat(), fc.constantFrom(...HOSTILE_CHARS))
    .map(([name, at, c]) => name.slice(0, at % (name.length + 1)) + c + name.slice(at % (name.length + 1))),
  // Every length from 0 to 60 over the name alphabet, '-' and '_' included in first place.
  fc.integer({ min: 0, max: 60 }).chain(length =>
    fc.string({ unit: fc.constantFrom(...NAME_ALPHABET), minLength: length, maxLength: length })),
  // Arbitrary strings: printable ASCII, any code point (lone surrogates too), graphemes, hostile mixes.
  fc.string({ maxLength: 60 }),
  fc.string({ maxLength: 60, unit: 'binary' }),
  fc.string({ maxLength: 60, unit: 'grapheme' }),
  fc.string({ maxLength: 60, unit: fc.oneof(fc.constantFrom(...NAME_ALPHABET), fc.constantFrom(...HOSTILE_CHARS)) }),
);

describe('names', () => {
  test('are accepted exactly when they follow the API rule, and then appear unchanged in the template', () => {
    const tally = new Tally();
    fc.assert(fc.property(names, name => {
      const { outcome, built: connector } = synthesize(stack => {
        const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
          vpcId: 'vpc-1',
          availabilityZones: ['eu-west-1a'],
          privateSubnetIds: ['subnet-1'],
        });
        return new VpcConnector(stack, 'Connector', { vpc, vpcConnectorName: name });
      });
      tally.count(outcome);
      if (isValidName(name)) {
        const props = expectTemplate(outcome);
        expectEqual(props.VpcConnectorName, name, 'VpcConnectorName');
        expectEqual(connector?.vpcConnectorName, name, 'vpcConnectorName');
      } else {
        expectError(outcome, 'vpcConnectorName', name);
      }
    }), { seed: SEED, numRuns: RUNS.names });
    tally.expectBoth(RUNS.names);
  });
});

// ---------------------------------------------------------------------------------------------
// Subnets
// ---------------------------------------------------------------------------------------------

/** In one case in ten, where to put a hole (`undefined` or `null`, as from untyped callers) into a list. */
const holes = fc.oneof(
  { weight: 9, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.record({ at: fc.nat({ max: 8 }), value: fc.constantFrom(undefined, null) }) },
);

function withHole<T>(list: T[], hole: { at: number; value: undefined | null } | undefined): T[] {
  if (hole === undefined) {
    return list;
  }
  const at = hole.at % (list.length + 1);
  return [...list.slice(0, at), hole.value as unknown as T, ...list.slice(at)];
}

/** Where a subnet comes from; VPCs with the same `identity` are the same VPC. */
type SubnetSource = 'new' | 'b' | 'bAgain' | 'c' | 'loose';

const VPC_IDENTITY: Record<Exclude<SubnetSource, 'loose'>, string> = { new: 'new', b: 'vpc-b', bAgain: 'vpc-b', c: 'vpc-c' };

/**
 * The VPCs of a case: a new `ec2.Vpc` (only when `withNewVpc`: it is the
 * costly one), `vpc-b` imported twice with overlapping subnets, `vpc-c`, and
 * subnets imported without a VPC (two of them are subnets of `vpc-b` and `vpc-c`).
 */
function buildSubnetUniverse(stack: Stack, withNewVpc: boolean) {
  const vpcs: Partial<Record<Exclude<SubnetSource, 'loose'>, ec2.IVpc>> = {
    b: ec2.Vpc.fromVpcAttributes(stack, 'VpcB', {
      vpcId: 'vpc-b',
      availabilityZones: ['eu-west-1a', 'eu-west-1b'],
      privateSubnetIds: ['subnet-b1', 'subnet-b2'],
      publicSubnetIds: ['subnet-b3', 'subnet-b4'],
    }),
    // The same VPC imported again: two subnets in common, one more.
    bAgain: ec2.Vpc.fromVpcAttributes(stack, 'VpcBAgain', {
      vpcId: 'vpc-b',
      availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
      privateSubnetIds: ['subnet-b1', 'subnet-b2', 'subnet-b5'],
    }),
    c: ec2.Vpc.fromVpcAttributes(stack, 'VpcC', {
      vpcId: 'vpc-c',
      availabilityZones: ['eu-west-1a', 'eu-west-1b'],
      privateSubnetIds: ['subnet-c1', 'subnet-c2'],
    }),
  };
  if (withNewVpc) {
    vpcs.new = new ec2.Vpc(stack, 'VpcNew', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC },
        { name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      ],
    });
  }
  const subnets: Record<SubnetSource, ec2.ISubnet[]> = {
    new: vpcs.new ? [...vpcs.new.isolatedSubnets, ...vpcs.new.publicSubnets] : [],
    b: [...vpcs.b!.privateSubnets, ...vpcs.b!.publicSubnets],
    bAgain: vpcs.bAgain!.privateSubnets,
    c: vpcs.c!.privateSubnets,
    loose: [
      ec2.Subnet.fromSubnetId(stack, 'LooseX1', 'subnet-x1'),
      ec2.Subnet.fromSubnetAttributes(stack, 'LooseX2', { subnetId: 'subnet-x2', availabilityZone: 'eu-west-1a' }),
      // Subnets of vpc-b and vpc-c re-imported by ID, without their VPC: the same subnets, less known.
      ec2.Subnet.fromSubnetId(stack, 'LooseB1', 'subnet-b1'),
      ec2.Subnet.fromSubnetAttributes(stack, 'LooseC1', { subnetId: 'subnet-c1', availabilityZone: 'eu-west-1a' }),
    ],
  };
  return { vpcs, subnets };
}

// A new ec2.Vpc costs about three times as much to synthesize: one case in four has one
// (and shrinking, which goes towards 0, goes towards the imported VPCs).
const subnetCase = fc.integer({ min: 0, max: 3 }).map(x => x === 3).chain(withNewVpc => {
  const sources: SubnetSource[] = withNewVpc ? ['new', 'b', 'bAgain', 'c', 'loose'] : ['b', 'bAgain', 'c', 'loose'];
  const vpcSources = sources.filter((s): s is Exclude<SubnetSource, 'loose'> => s !== 'loose');
  const pick = fc.record({ source: fc.constantFrom(...sources), index: fc.nat({ max: 3 }) });
  return fc.record({
    withNewVpc: fc.constant(withNewVpc),
    // Short lists from one source, to reach the accepted cases often enough; and mixed lists.
    picks: fc.oneof(
      fc.constantFrom(...sources).chain(source =>
        fc.array(fc.nat({ max: 3 }).map(index => ({ source, index })), { maxLength: 6 })),
      fc.array(pick, { maxLength: 8 }),
    ),
    vpc: fc.option(fc.constantFrom(...vpcSources), { nil: undefined }),
    withGroup: fc.boolean(),
    // With the group: `uniqueSecurityGroupSet: false` (the given group only), or the default (a group of its own too).
    sharedSet: fc.boolean(),
    hole: holes,
  });
}).filter(c => !c.withNewVpc || c.picks.length > 0); // a new VPC with nothing picked from it wastes time

describe('subnets', () => {
  test('synthesize exactly when they form one VPC, as the de-duplicated list in order', () => {
    const tally = new Tally();
    fc.assert(fc.property(subnetCase, c => {
      let expected: { subnets: unknown[]; knownVpcs: Set<string>; vpcIdentity?: string } | undefined;
      const { outcome } = synthesize(stack => {
        const { vpcs, subnets } = buildSubnetUniverse(stack, c.withNewVpc);
        const picked = c.picks.map(p => ({ source: p.source, subnet: subnets[p.source][p.index % subnets[p.source].length] }));
        // The oracle: the template lists each resolved subnet ID once, at its first occurrence; the VPCs
        // are those of every copy picked from a VPC (a copy re-imported without its VPC hides none).
        const seen = new Set<string>();
        const unique = picked.filter(p => {
          const key = JSON.stringify(stack.resolve(p.subnet.subnetId));
          return seen.has(key) ? false : (seen.add(key), true);
        });
        expected = {
          subnets: unique.map(p => stack.resolve(p.subnet.subnetId)),
          knownVpcs: new Set(picked.flatMap(p => (p.source === 'loose' ? [] : [VPC_IDENTITY[p.source]]))),
          vpcIdentity: c.vpc && VPC_IDENTITY[c.vpc],
        };
        const securityGroups = c.withGroup ? [ec2.SecurityGroup.fromSecurityGroupId(stack, 'Group', 'sg-1')] : undefined;
        new VpcConnector(stack, 'Connector', {
          subnets: withHole(picked.map(p => p.subnet), c.hole),
          vpc: c.vpc && vpcs[c.vpc],
          securityGroups,
          uniqueSecurityGroupSet: c.sharedSet ? false : undefined,
        });
      });
      tally.count(outcome);
      const e = expected!;
      if (c.hole !== undefined) {
        expectError(outcome, 'subnets', `${c.hole.value}`);
      } else if (e.subnets.length === 0) {
        expectError(outcome, 'subnets', '[]');
      } else if (e.knownVpcs.size > 1) {
        expectError(outcome, 'subnets', 'one VPC');
      } else if (e.vpcIdentity !== undefined && e.knownVpcs.size === 1 && !e.knownVpcs.has(e.vpcIdentity)) {
        expectError(outcome, 'subnets', '`vpc`');
      } else if (e.vpcIdentity === undefined && e.knownVpcs.size === 0 && !(c.withGroup && c.sharedSet)) {
        // A group to create (the connector's own) needs a VPC.
        expectError(outcome, c.withGroup ? 'uniqueSecurityGroupSet' : 'securityGroups');
      } else {
        const props = expectTemplate(outcome);
        expectEqual(props.Subnets, e.subnets, 'Subnets');
      }
    }), { seed: SEED, numRuns: RUNS.subnets });
    tally.expectBoth(RUNS.subnets);
  });
});

// ---------------------------------------------------------------------------------------------
// Security groups
// ---------------------------------------------------------------------------------------------

/** Kinds of security group a case can give or add. */
const GROUP_KINDS = [
  'given1', 'given2', // created in the connector's VPC
  'twinVpc', // created in the connector's VPC, imported a second time
  'imported1', 'imported1Again', 'imported2', // imported by ID; the first two have the same ID
  'foreign', // created in another VPC
  'foreignById', // the same group as `foreign`, re-imported by its (token) ID: its VPC is unknown
] as const;
type GroupKind = typeof GROUP_KINDS[number];

function buildGroupUniverse(stack: Stack, withNewVpc: boolean) {
  const vpc: ec2.IVpc = withNewVpc
    ? new ec2.Vpc(stack, 'Vpc', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    })
    : ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
      vpcId: 'vpc-b',
      availabilityZones: ['eu-west-1a', 'eu-west-1b'],
      privateSubnetIds: ['subnet-b1', 'subnet-b2'],
    });
  const twin = ec2.Vpc.fromVpcAttributes(stack, 'VpcAgain', {
    vpcId: vpc.vpcId,
    availabilityZones: ['eu-west-1a'],
  });
  const other = ec2.Vpc.fromVpcAttributes(stack, 'OtherVpc', { vpcId: 'vpc-c', availabilityZones: ['eu-west-1a'] });
  const foreign = new ec2.SecurityGroup(stack, 'Foreign', { vpc: other });
  const groups: Record<GroupKind, ec2.ISecurityGroup> = {
    given1: new ec2.SecurityGroup(stack, 'Given1', { vpc }),
    given2: new ec2.SecurityGroup(stack, 'Given2', { vpc, allowAllOutbound: false }),
    twinVpc: new ec2.SecurityGroup(stack, 'InVpcAgain', { vpc: twin }),
    imported1: ec2.SecurityGroup.fromSecurityGroupId(stack, 'Imported1', 'sg-1'),
    imported1Again: ec2.SecurityGroup.fromSecurityGroupId(stack, 'Imported1Again', 'sg-1', { mutable: false }),
    imported2: ec2.SecurityGroup.fromSecurityGroupId(stack, 'Imported2', 'sg-2'),
    foreign,
    foreignById: ec2.SecurityGroup.fromSecurityGroupId(stack, 'ForeignById', foreign.securityGroupId),
  };
  return { vpc, groups };
}

const groupKind = fc.constantFrom(...GROUP_KINDS);
const groupCase = fc.record({
  withNewVpc: fc.integer({ min: 0, max: 4 }).map(x => x === 4),
  given: fc.oneof(fc.constant([] as GroupKind[]), fc.array(groupKind, { minLength: 1, maxLength: 6 })),
  added: fc.array(groupKind, { maxLength: 4 }),
  allowAllOutbound: fc.option(fc.boolean(), { nil: undefined }),
  // `uniqueSecurityGroupSet: false`: the given groups only; else a group of the connector's own after them.
  sharedSet: fc.boolean(),
  hole: holes,
});

describe('security groups', () => {
  test('given, imported, duplicated and foreign groups: the de-duplicated list, or an error for a foreign one', () => {
    const tally = new Tally();
    fc.assert(fc.property(groupCase, c => {
      let expectedGroups: unknown[] | undefined;
      const { outcome } = synthesize(stack => {
        const { vpc, groups } = buildGroupUniverse(stack, c.withNewVpc);
        const connector = new VpcConnector(stack, 'Connector', {
          vpc,
          securityGroups: withHole(c.given.map(kind => groups[kind]), c.hole),
          allowAllOutbound: c.allowAllOutbound,
          uniqueSecurityGroupSet: c.sharedSet ? false : undefined,
        });
        for (const kind of c.added) {
          connector.connections.addSecurityGroup(groups[kind]);
        }
        const initial = c.given.length > 0
          ? c.given.map(kind => groups[kind])
          : [connector.node.findChild('SecurityGroup') as ec2.ISecurityGroup];
        const own = c.given.length > 0 && !c.sharedSet ? [connector.node.findChild('SecurityGroup') as ec2.ISecurityGroup] : [];
        expectedGroups = [...dedupe([...initial, ...c.added.map(kind => groups[kind])].map(g => stack.resolve(g.securityGroupId))),
          ...own.map(g => stack.resolve(g.securityGroupId))];
      });
      tally.count(outcome);
      // The types of the props are checked first, then how they combine, then the groups' VPCs.
      if (c.hole !== undefined) {
        expectError(outcome, 'securityGroups', `${c.hole.value}`);
      } else if (c.allowAllOutbound !== undefined && c.given.length > 0) {
        expectError(outcome, 'allowAllOutbound');
      } else if (c.given.includes('foreign')) {
        // Whichever copy comes first in the list, the one that knows its VPC is checked.
        expectError(outcome, 'securityGroups', 'Stack/Foreign');
      } else if (c.added.includes('foreign')) {
        expectError(outcome, 'connections.addSecurityGroup()', 'Stack/Foreign');
      } else {
        const props = expectTemplate(outcome);
        expectEqual(props.SecurityGroups, expectedGroups, 'SecurityGroups');
      }
    }), { seed: SEED, numRuns: RUNS.securityGroups });
    tally.expectBoth(RUNS.securityGroups);
  });
});

// ---------------------------------------------------------------------------------------------
// Found by widening the generators above to IDs that are tokens: two tokens for the same
// value must be de-duplicated like two equal literal IDs.
// ---------------------------------------------------------------------------------------------

describe('tokens that resolve to the same value are de-duplicated', () => {
  test('the same subnet imported twice through a token (`Fn.importValue`) counts once', () => {
    const { outcome } = synthesize(stack => {
      const first = ec2.Subnet.fromSubnetId(stack, 'First', Fn.importValue('private-subnet-a'));
      const again = ec2.Subnet.fromSubnetId(stack, 'Again', Fn.importValue('private-subnet-a'));
      new VpcConnector(stack, 'Connector', {
        subnets: [first, again],
        securityGroups: [ec2.SecurityGroup.fromSecurityGroupId(stack, 'Group', 'sg-1')],
        uniqueSecurityGroupSet: false,
      });
    });
    const props = expectTemplate(outcome);
    expectEqual(props.Subnets, [{ 'Fn::ImportValue': 'private-subnet-a' }], 'Subnets');
  });

  test('the same security group imported twice through a token (`Fn.importValue`) counts once', () => {
    const { outcome } = synthesize(stack => {
      const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
        vpcId: 'vpc-b',
        availabilityZones: ['eu-west-1a'],
        privateSubnetIds: ['subnet-b1'],
      });
      new VpcConnector(stack, 'Connector', {
        vpc,
        securityGroups: [
          ec2.SecurityGroup.fromSecurityGroupId(stack, 'First', Fn.importValue('app-sg')),
          ec2.SecurityGroup.fromSecurityGroupId(stack, 'Again', Fn.importValue('app-sg')),
        ],
        uniqueSecurityGroupSet: false,
      });
    });
    const props = expectTemplate(outcome);
    expectEqual(props.SecurityGroups, [{ 'Fn::ImportValue': 'app-sg' }], 'SecurityGroups');
  });
});

// ---------------------------------------------------------------------------------------------
// Wrong types, as plain JavaScript and config files pass them
// ---------------------------------------------------------------------------------------------

/** The constructs a wrong value can be made of, in the stack of a case. */
function buildMisuseUniverse(stack: Stack) {
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-b', availabilityZones: ['eu-west-1a'], privateSubnetIds: ['subnet-b1'] });
  return {
    vpc,
    subnet: vpc.privateSubnets[0],
    group: ec2.SecurityGroup.fromSecurityGroupId(stack, 'Group', 'sg-1'),
    stack,
  };
}
type MisuseUniverse = ReturnType<typeof buildMisuseUniverse>;
type Construct = 'vpc' | 'subnet' | 'group' | 'stack';

/** A value that is neither `undefined` nor `null` (which count as omitted) nor a construct. */
const strangeValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('false', 'true', 'FALSE', 'subnet-1', 'sg-1', 'vpc-1', 'Private', ''),
  fc.integer(), fc.double(), fc.boolean(), fc.bigInt(),
  fc.constantFrom(Symbol('x'), () => 'x', new Date(0), /x/),
  fc.record({ subnetId: fc.string({ maxLength: 12 }) }),
  fc.record({ securityGroupId: fc.string({ maxLength: 12 }) }),
  fc.record({ vpcId: fc.string({ maxLength: 12 }) }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string({ maxLength: 6 }), fc.integer()), { maxKeys: 3 }),
  fc.constant((() => { const cyclic: any = {}; cyclic.self = cyclic; return cyclic; })()),
);

/** A value for a case: a strange value, a construct of the universe, or an array of either. */
type WrongValue =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'construct'; readonly name: Construct }
  | { readonly kind: 'array'; readonly entries: WrongValue[] };

const scalarOrConstruct: fc.Arbitrary<WrongValue> = fc.oneof(
  strangeValue.map(value => ({ kind: 'value' as const, value })),
  fc.constantFrom<Construct>('vpc', 'subnet', 'group', 'stack').map(name => ({ kind: 'construct' as const, name })),
);
const wrongValue: fc.Arbitrary<WrongValue> = fc.oneof(
  scalarOrConstruct,
  fc.array(fc.oneof(scalarOrConstruct, fc.constant<WrongValue>({ kind: 'value', value: undefined })), { maxLength: 4 })
    .map(entries => ({ kind: 'array' as const, entries })),
);

function materialize(value: WrongValue, universe: MisuseUniverse): unknown {
  switch (value.kind) {
    case 'value': return value.value;
    case 'construct': return universe[value.name];
    case 'array': return value.entries.map(entry => materialize(entry, universe));
  }
}

/** Whether `value` has the type `prop` declares (so the case is not misuse, and is left out). */
function isRightType(prop: string, value: WrongValue): boolean {
  const entriesAre = (name: Construct) => value.kind === 'array' && value.entries.length > 0
    && value.entries.every(entry => entry.kind === 'construct' && entry.name === name);
  switch (prop) {
    case 'subnets': return entriesAre('subnet');
    case 'securityGroups': return entriesAre('group') || (value.kind === 'array' && value.entries.length === 0);
    case 'vpc': return value.kind === 'construct' && value.name === 'vpc';
    case 'vpcSubnets': return value.kind === 'value' && typeof value.value === 'object' && value.value !== null && !Array.isArray(value.value);
    case 'allowAllOutbound':
    case 'uniqueSecurityGroupSet': return value.kind === 'value' && typeof value.value === 'boolean';
    case 'vpcConnectorName': return value.kind === 'value' && typeof value.value === 'string';
    default: throw new Error(`no rule for ${prop}`);
  }
}

const WRONG_TYPE_PROPS = ['subnets', 'securityGroups', 'vpc', 'vpcSubnets', 'allowAllOutbound', 'uniqueSecurityGroupSet', 'vpcConnectorName', '(props)'] as const;

const wrongTypeCase = fc.record({ prop: fc.constantFrom(...WRONG_TYPE_PROPS), value: wrongValue })
  .filter(c => c.prop === '(props)' || !isRightType(c.prop, c.value));

describe('wrong types', () => {
  test('are an Error naming the prop, with the construct path: never a TypeError, never a template', () => {
    let errors = 0;
    fc.assert(fc.property(wrongTypeCase, c => {
      const { outcome } = synthesize(stack => {
        const universe = buildMisuseUniverse(stack);
        const value = materialize(c.value, universe);
        // The wrong prop next to right ones: `vpc`, and the subnets when `vpc` itself is wrong.
        const props = c.prop === '(props)' ? value
          : c.prop === 'vpc' ? { subnets: [universe.subnet], vpc: value }
            : { vpc: universe.vpc, [c.prop]: value };
        new VpcConnector(stack, 'Connector', props as any);
      });
      errors++;
      const value = c.value.kind === 'value' ? c.value.value : undefined;
      const prop = c.prop === '(props)' ? (isPlainObject(value) ? undefined : 'subnets') : c.prop;
      if (prop === undefined) {
        // A plain object as the props: a props object without `vpc` or `subnets`, or with a prop of a wrong type.
        checkInvariant(outcome);
        return;
      }
      expectError(outcome, prop, '[Stack/Connector] ');
    }), { seed: SEED, numRuns: RUNS.wrongTypes });
    expect(errors).toBe(RUNS.wrongTypes);
  });
});

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------
// ARNs built partly of tokens
// ---------------------------------------------------------------------------------------------

/** Evaluates the intrinsic functions `fromVpcConnectorArn` may produce, as CloudFormation would at deploy time. */
function evaluate(value: unknown, imports: Record<string, string>): unknown {
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map(v => evaluate(v, imports));
  }
  const [[fn, args]] = Object.entries(value as Record<string, any>);
  switch (fn) {
    case 'Ref': return { 'AWS::Partition': 'aws', 'AWS::Region': 'eu-west-1', 'AWS::AccountId': '123456789012' }[args as string];
    case 'Fn::ImportValue': return imports[args];
    case 'Fn::Join': return (evaluate(args[1], imports) as string[]).join(args[0]);
    case 'Fn::Split': return (evaluate(args[1], imports) as string).split(args[0]);
    case 'Fn::Select': return (evaluate(args[1], imports) as string[])[Number(evaluate(args[0], imports))];
    default: throw new Error(`cannot evaluate ${fn}`);
  }
}

const ARN_PARTS = ['partition', 'region', 'account', 'name', 'revision', 'id'] as const;
type ArnPart = typeof ARN_PARTS[number];

const arnCase = fc.record({
  values: fc.record({
    partition: fc.constant('aws'),
    region: fc.constant('eu-west-1'),
    account: fc.constant('123456789012'),
    name: validNames,
    revision: fc.integer({ min: 1, max: 999 }).map(String),
    id: fc.stringMatching(/^[0-9a-f]{32}$/),
  }),
  // Which parts are tokens (`Fn.importValue`), and whether the whole tail `<name>/<revision>/<id>` is one token.
  tokens: fc.subarray([...ARN_PARTS]),
  tailToken: fc.boolean(),
  how: fc.constantFrom('template', 'Arn.format', 'Fn.join'),
  // One literal part made invalid, or none.
  broken: fc.option(fc.record({
    part: fc.constantFrom<ArnPart | 'service' | 'resource'>('account', 'name', 'revision', 'service', 'resource'),
    value: fc.constantFrom('a', '0', '12', 'ecs', 'service', 'x/y', ''),
  }), { nil: undefined }),
});

/** Whether a part of a VPC connector ARN is valid, written out without the construct's patterns. */
function isValidArnPart(part: string, value: string): boolean {
  switch (part) {
    case 'service': return value === 'apprunner';
    case 'resource': return value === 'vpcconnector';
    case 'account': return value.length === 12 && [...value].every(ch => ch >= '0' && ch <= '9');
    case 'name': return isValidName(value);
    case 'revision': return value !== '' && value[0] !== '0' && [...value].every(ch => ch >= '0' && ch <= '9');
    default: return value !== '' && !value.includes('/') && !value.includes(':');
  }
}

describe('token ARNs', () => {
  test('give the name, revision, account and region parts, and fail exactly for a literal part that is wrong', () => {
    const tally = new Tally();
    let partlyTokenChecked = 0;
    fc.assert(fc.property(arnCase, c => {
      const text: Record<string, string> = { service: 'apprunner', resource: 'vpcconnector', ...c.values };
      if (c.broken) {
        text[c.broken.part] = c.broken.value;
      }
      const tokens = new Set<string>(c.tokens);
      if (c.tailToken) {
        ['name', 'revision', 'id'].forEach(p => tokens.add(p));
      }
      const invalid = Object.keys(text).filter(p => !isValidArnPart(p, text[p]));
      // `Fn.join` with a token is one opaque token: nothing can be checked before deploy time.
      const opaque = c.how === 'Fn.join' && tokens.size > 0;
      const expectFailure = !opaque && invalid.some(p => !tokens.has(p));

      const imports: Record<string, string> = {};
      const part = (p: string) => {
        if (!c.tokens.includes(p as ArnPart)) {
          return text[p];
        }
        imports[p] = text[p];
        return Fn.importValue(p);
      };
      let tail = `${part('name')}/${part('revision')}/${part('id')}`;
      if (c.tailToken) {
        imports.tail = `${text.name}/${text.revision}/${text.id}`;
        tail = Fn.importValue('tail');
      }
      let imported: any;
      const { outcome, stack } = synthesize(s => {
        const arn = c.how === 'Arn.format'
          ? Arn.format({
            partition: part('partition'),
            service: text.service,
            region: part('region'),
            account: part('account'),
            resource: text.resource,
            resourceName: tail,
            arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
          }, s)
          : c.how === 'Fn.join'
            ? Fn.join('', ['arn:', part('partition'), `:${text.service}:`, part('region'), ':', part('account'), `:${text.resource}/`, tail])
            : `arn:${part('partition')}:${text.service}:${part('region')}:${part('account')}:${text.resource}/${tail}`;
        imported = VpcConnector.fromVpcConnectorArn(s, 'Imported', arn);
      });
      tally.count(outcome);
      if (outcome.kind === 'error') {
        const error = outcome.error;
        // From `fromVpcConnectorArn`, or at synth for a token that resolves to a literal (`Fn.join` of literals).
        // At synth, aws-cdk-lib wraps validation messages in its own error class (its name differs between releases).
        if (!(error instanceof Error) || ['TypeError', 'RangeError', 'ReferenceError'].includes(error.name)
          || !error.message.includes('[Stack/Imported] `vpcConnectorArn` must be a VPC connector ARN')) {
          throw new Error(`expected an Error naming \`vpcConnectorArn\`, got ${describeValue(error)}`);
        }
        if (!expectFailure) {
          throw new Error(`expected the ARN to be accepted (invalid parts: ${invalid.join(', ') || 'none'}, all in tokens), got: ${error.message}`);
        }
        return;
      }
      if (expectFailure) {
        throw new Error(`expected an error for the literal parts ${invalid.filter(p => !tokens.has(p)).map(p => `${p} ${JSON.stringify(text[p])}`).join(', ')}`);
      }
      if (invalid.length > 0) {
        return; // accepted: every wrong part is in a token, known at deploy time only
      }
      const value = (x: unknown) => evaluate(stack.resolve(x), imports);
      if (tokens.size > 0 && c.how !== 'Fn.join') {
        partlyTokenChecked++;
      }
      expectEqual(value(imported.vpcConnectorName), text.name, 'vpcConnectorName');
      expectEqual(Number(value(imported.vpcConnectorRevision)), Number(text.revision), 'vpcConnectorRevision');
      expectEqual(value(imported.env.account), text.account, 'account');
      expectEqual(value(imported.env.region), text.region, 'region');
    }), { seed: SEED, numRuns: RUNS.tokenArns });
    tally.expectBoth(RUNS.tokenArns);
    // Valid ARNs with literal text around tokens, whose parts were evaluated: the cases this property is for.
    expect(partlyTokenChecked).toBeGreaterThan(RUNS.tokenArns / 20);
  });
});

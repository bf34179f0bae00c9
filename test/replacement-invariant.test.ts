/**
 * The replacement invariant, over random pairs of app versions (fast-check): whenever `cdk diff`
 * (`@aws-cdk/cloudformation-diff`) says an update replaces the connector, it replaces the connector's
 * own group too; when it does not replace the connector, it replaces nothing of ours. So App Runner
 * never sees a replacement with the security-group set of the connector it replaces.
 *
 * The versions differ in what users change between deployments: the subnets selected, the VPC's
 * subnet layout (another AZ, a re-cut, a group inserted), tags, the name, an escape hatch, given groups,
 * rules, the service, and a subnet ID known only at deploy time (an SSM parameter's value). An app is
 * all in one stack, or has the connector in a nested stack of the VPC's stack. The seed is fixed; explore others with `PROPERTY_SEED=<n>`.
 */
import * as fc from 'fast-check';
import { AppConfig } from './support/apps';
import { checkStacksUpgrade, stackUpgrades } from './support/upgrade';

const SEED = Number(process.env.PROPERTY_SEED ?? 20261201);
const RUNS = 120;

/** What a version may set, each with the values it may take. */
const SWITCHES = {
  maxAzs: fc.constantFrom(2, 3),
  privateCidrMask: fc.constantFrom(24, 22),
  isolatedGroupFirst: fc.boolean(),
  azs: fc.constantFrom<string[] | undefined>(undefined, ['eu-west-1a'], ['eu-west-1b']),
  appTag: fc.constantFrom(undefined, 'payments'),
  connectorTag: fc.constantFrom(undefined, 'alice', 'bob'),
  overrideTag: fc.constantFrom(undefined, 'v1', 'v2'),
  name: fc.constantFrom(undefined, 'orders-a', 'orders-b'),
  givenGroups: fc.boolean(),
  allowToDatabase: fc.boolean(),
  allowAllOutbound: fc.constantFrom(undefined, false),
  serviceCpu: fc.constantFrom(undefined, '1 vCPU'),
  ssmSubnet: fc.constantFrom(undefined, 'subnet-0aaaaaaaaaaaaaaaa', 'subnet-0bbbbbbbbbbbbbbbb'),
};

/** Our connector owns a group in every version: it creates one, or adds one to the given groups (the default). */
const owned = (config: Partial<AppConfig>): AppConfig => ({
  ...config,
  allowAllOutbound: config.givenGroups ? undefined : config.allowAllOutbound,
});

/** A deployed version, and the next: the same with one to three switches set again. */
const versions: fc.Arbitrary<[AppConfig, AppConfig]> = fc.tuple(
  fc.record(SWITCHES, { requiredKeys: [] }),
  fc.array(fc.oneof(...Object.entries(SWITCHES).map(([key, values]) => (values as fc.Arbitrary<unknown>).map(value => ({ [key]: value })))),
    { minLength: 1, maxLength: 3 }),
  fc.constantFrom<AppConfig['layout']>(undefined, 'nested'),
).map(([v1, changes, layout]) => [owned({ ...v1, layout }), owned(Object.assign({}, v1, ...changes, { layout }))]);

test('the connector\'s own group is replaced exactly when the connector is', () => {
  let replacements = 0;
  fc.assert(fc.property(versions, ([v1, v2]) => {
    const outcome = checkStacksUpgrade(stackUpgrades({ implementation: 'ours', config: v1 }, { implementation: 'ours', config: v2 }));

    const connector = v1.layout === 'nested' ? 'Stack/Services/Connector' : 'Connector';
    const connectorReplaced = outcome.replaced.includes(connector);
    replacements += connectorReplaced ? 1 : 0;
    expect({ connectorReplaced, groupReplaced: outcome.replaced.includes(`${connector}/SecurityGroup`) }).toEqual({ connectorReplaced, groupReplaced: connectorReplaced });
    expect(outcome.refusals.filter(refusal => refusal.includes('same security-group set'))).toEqual([]);
  }), { seed: SEED, numRuns: RUNS });

  // The pairs are mostly replacements, but not only.
  expect(replacements).toBeGreaterThan(RUNS / 2);
  expect(replacements).toBeLessThan(RUNS);
});

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
import { appVersions } from './support/apps';
import { checkStacksUpgrade, stackUpgrades } from './support/upgrade';

const SEED = Number(process.env.PROPERTY_SEED ?? 20261201);
const RUNS = 120;

test('the connector\'s own group is replaced exactly when the connector is', () => {
  let replacements = 0;
  fc.assert(fc.property(appVersions, ([v1, v2]) => {
    const outcome = checkStacksUpgrade(stackUpgrades({ implementation: 'ours', config: v1 }, { implementation: 'ours', config: v2 }));

    const connector = v1.layout === 'nested' ? 'Stack/Services/Connector' : 'Connector';
    const connectorReplaced = outcome.replaced.includes(connector);
    replacements += connectorReplaced ? 1 : 0;
    expect({ connectorReplaced, groupReplaced: outcome.replaced.includes(`${connector}/SecurityGroup`) }).toEqual({ connectorReplaced, groupReplaced: connectorReplaced });
    expect(outcome.refusals.filter(refusal => refusal.includes('same security-group set'))).toEqual([]);
  }), { seed: SEED, numRuns: RUNS });

  // Replacements and not: about two in five pairs replace the connector (a tag switch does nothing while an escape
  // hatch sets the tags).
  expect(replacements).toBeGreaterThan(RUNS / 4);
  expect(replacements).toBeLessThan(RUNS);
});

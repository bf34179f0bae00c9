/**
 * The digest's contract, over apps drawn as the day-2 suites draw them (nested stacks, given groups, SSM values,
 * names, tags, escape hatches): the description of a connector's own group is a function of what CloudFormation
 * receives.
 *
 * - Whatever leaves every template byte-identical leaves every description as it is: unset properties in a later
 *   aws-cdk-lib's L1 classes, an override set and then deleted, a deletion override of a key never set, an Aspect
 *   that writes a property's current value, a tag added and then removed, props given in another key order.
 * - Between two versions of an app, the description changes exactly when CloudFormation replaces the connector for
 *   what it receives (`cdk diff`'s engine, with the own group's description set aside so that it cannot be the cause).
 *
 * The seed is fixed; explore others with `PROPERTY_SEED=<n>`.
 */
import { Aspects, CfnResource, IAspect, Stack, Tags } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CfnVpcConnector } from 'aws-cdk-lib/aws-apprunner';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import * as fc from 'fast-check';
import { AppConfig, appVersion, appVersions, buildApp } from './support/apps';
import { CfnTemplate, checkStacksUpgrade, stackUpgrades, StackUpgrade } from './support/upgrade';
import { DESCRIPTION_PREFIX } from '../src/private/digest';

const SEED = Number(process.env.PROPERTY_SEED ?? 20261206);

/** Changes to a built app that leave its templates byte-identical. */
const PERTURBATIONS: { readonly [name: string]: (stacks: Stack[]) => void } = {
  // What the next aws-cdk-lib does whenever the resource's schema gains a property: a new prop, unset, in the L1's
  // properties and in its rendering (for the connector, and for the subnets, VPCs and groups it refers to).
  unsetProperties: stacks => l1s(stacks).forEach(l1 => {
    const instance = l1 as unknown as { cfnProperties: Record<string, unknown>; renderProperties(props: unknown): Record<string, unknown> };
    const proto = Object.getPrototypeOf(l1);
    Object.defineProperty(l1, 'cfnProperties', { get: () => ({ ...Reflect.get(proto, 'cfnProperties', l1), futureProperty: undefined }) });
    const render = instance.renderProperties.bind(l1);
    instance.renderProperties = props => ({ ...render(props), FutureProperty: undefined });
  }),
  overrideSetThenDeleted: stacks => connectors(stacks).forEach(l1 => {
    l1.addPropertyOverride('FutureProperty', 'set');
    l1.addPropertyDeletionOverride('FutureProperty');
  }),
  deletionOfKeyNeverSet: stacks => connectors(stacks).forEach(l1 => l1.addPropertyDeletionOverride('NeverSet')),
  aspectWritesCurrentValues: stacks => Aspects.of(stacks[0]).add(new RewriteConnectors()),
  tagAddedThenRemoved: stacks => connectors(stacks).forEach(l1 => {
    Tags.of(l1.node.scope!).add('temporary', 'yes');
    Tags.of(l1.node.scope!).remove('temporary');
  }),
};

class RewriteConnectors implements IAspect {
  public visit(node: IConstruct) {
    if (node instanceof CfnVpcConnector) {
      node.subnets = [...node.subnets];
      node.securityGroups = node.securityGroups && [...node.securityGroups];
      node.vpcConnectorName = node.vpcConnectorName;
    }
  }
}

function all(stacks: Stack[]): IConstruct[] {
  return stacks[0].node.root.node.findAll();
}

function connectors(stacks: Stack[]): CfnVpcConnector[] {
  return all(stacks).filter((c): c is CfnVpcConnector => c instanceof CfnVpcConnector);
}

function l1s(stacks: Stack[]): CfnResource[] {
  const types = [CfnVpcConnector, ec2.CfnSubnet, ec2.CfnVPC, ec2.CfnSecurityGroup];
  return all(stacks).filter((c): c is CfnResource => types.some(type => c instanceof type));
}

/** Whether a group's description is one a connector gives its own group (a string, or an `Fn::Join` that starts with one). */
function isOwnDescription(description: unknown): boolean {
  const text = typeof description === 'string' ? description : (description as any)?.['Fn::Join']?.[1]?.[0];
  return typeof text === 'string' && text.startsWith(DESCRIPTION_PREFIX);
}

/** The templates of the stacks, and the descriptions of the own groups in them, apart. */
function split(templates: CfnTemplate[]): { masked: string; descriptions: string } {
  const descriptions: unknown[] = [];
  const masked = templates.map(template => JSON.parse(JSON.stringify(template), (key, value) => {
    if (key === 'GroupDescription' && isOwnDescription(value)) {
      descriptions.push(value);
      return 'own description';
    }
    return value;
  }));
  return { masked: JSON.stringify(masked), descriptions: JSON.stringify(descriptions) };
}

function synth(config: AppConfig, perturbations: string[] = []): { masked: string; descriptions: string } {
  const stacks = buildApp('ours', config);
  perturbations.forEach(name => PERTURBATIONS[name](stacks));
  return split(stacks.map(stack => Template.fromStack(stack).toJSON()));
}

test('what leaves the templates byte-identical leaves the descriptions as they are', () => {
  const perturbations = fc.subarray(Object.keys(PERTURBATIONS), { minLength: 1 });
  fc.assert(fc.property(appVersion, perturbations, fc.boolean(), (config, chosen, reversedProps) => {
    const plain = synth(config);
    const perturbed = synth({ ...config, reversedProps }, chosen);

    // The perturbation is neutral: the templates are the same but for the descriptions.
    expect(perturbed.masked).toBe(plain.masked);
    expect(perturbed.descriptions).toBe(plain.descriptions);
    expect(plain.descriptions).toContain(DESCRIPTION_PREFIX);
  }), { seed: SEED, numRuns: 40 });
});

test('each perturbation alone is neutral, and the descriptions stay', () => {
  const config: AppConfig = { givenGroups: true, name: 'orders-a', connectorTag: 'alice', layout: 'nested' };
  const plain = synth(config);
  for (const name of Object.keys(PERTURBATIONS)) {
    expect([name, synth(config, [name])]).toEqual([name, plain]);
  }
  expect(synth({ ...config, reversedProps: true })).toEqual(plain);
});

/** The upgrade with the own groups' descriptions set aside: what CloudFormation replaces for what the connector receives. */
function maskedUpgrade(stacks: StackUpgrade[]): StackUpgrade[] {
  const mask = (template: CfnTemplate): CfnTemplate => JSON.parse(JSON.stringify(template),
    (key, value) => (key === 'GroupDescription' && isOwnDescription(value) ? 'own description' : value));
  return stacks.map(stack => ({ ...stack, v1: mask(stack.v1), v2: mask(stack.v2) }));
}

test('the description changes exactly when CloudFormation replaces the connector for what it receives', () => {
  const seen = { replaced: 0, kept: 0 };
  fc.assert(fc.property(appVersions, ([v1, v2]) => {
    const stacks = stackUpgrades({ implementation: 'ours', config: v1 }, { implementation: 'ours', config: v2 });
    const connector = v1.layout === 'nested' ? 'Stack/Services/Connector' : 'Connector';
    const replaced = checkStacksUpgrade(maskedUpgrade(stacks)).replaced.includes(connector);
    // As deployed: values known only at deploy time (an SSM parameter's) are in the templates.
    const descriptions = (version: 'v1' | 'v2') => split(stacks.map(stack => stack[version])).descriptions;

    expect({ replaced, descriptionChanged: descriptions('v1') !== descriptions('v2') }).toEqual({ replaced, descriptionChanged: replaced });
    seen[replaced ? 'replaced' : 'kept']++;
  }), { seed: SEED, numRuns: 80 });

  expect(seen.replaced).toBeGreaterThan(10);
  expect(seen.kept).toBeGreaterThan(10);
});

import { fullDiff, ResourceDifference, ResourceImpact } from '@aws-cdk/cloudformation-diff';
import { CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AppConfig, buildApp, Implementation } from './apps';

/**
 * What an update of deployed stacks does to App Runner VPC connectors, and whether App Runner lets it
 * through. The changes come from `@aws-cdk/cloudformation-diff` (what `cdk diff` runs); App Runner's
 * rules are modelled here, because no template diff knows them:
 *
 * - every property of `AWS::AppRunner::VpcConnector` is create-only, and CloudFormation creates a
 *   replacement while the old connector is still ACTIVE (the old one is deleted in cleanup);
 * - App Runner refuses a connector whose security-group SET equals that of an existing connector, and
 *   a connector whose name an existing connector has.
 *
 * So during the update the connectors alive are every connector of the deployed templates plus every
 * added or replaced one (and connectors that exist outside these stacks, `existing`), and each new
 * connector must differ from all the others, its own old self included, in both its security-group set
 * and its name.
 *
 * CloudFormation's export rule is modelled too: an export that a deployed stack imports cannot change.
 * Its value changes when its template text does, or when it refers to a resource this update replaces
 * (a replaced connector has a new ARN, a replaced group a new ID, whatever the template says).
 *
 * Physical identity: a resource is `<name>@v1`, or `<name>@v2` when this update adds or replaces it.
 * A security group entry that is a literal string is itself; a `Ref` or `Fn::GetAtt` of a resource is
 * that resource in the template version it comes from; an `Fn::ImportValue` is what the exporting
 * stack's output refers to; any other expression is equal to the same expression in the same stack.
 * A connector without `VpcConnectorName` gets a unique generated name.
 */

/** A synthesized CloudFormation template, as JSON. */
export interface CfnTemplate {
  readonly Resources?: { readonly [logicalId: string]: any };
  readonly Outputs?: { readonly [logicalId: string]: any };
  readonly [section: string]: any;
}

/** One stack before (`v1`, deployed) and after (`v2`) the update. */
export interface StackUpgrade {
  /** Qualifies names when several stacks are checked together. */
  readonly stackName: string;
  readonly v1: CfnTemplate;
  readonly v2: CfnTemplate;
  /** Display names by logical ID (see `resourceNames`); a logical ID without one is shown as is. */
  readonly names?: { readonly [logicalId: string]: string };
  /**
   * A nested stack: the stack name of its parent (listed before it) and the logical ID of its
   * `AWS::CloudFormation::Stack` there. Its parameters take the values the parent passes, in each version.
   */
  readonly nestedIn?: { readonly stackName: string; readonly logicalId: string };
}

/** A connector alive during the update. */
export interface AliveConnector {
  /** `<name>@v1` or `<name>@v2`. */
  readonly connector: string;
  /** The identities of its security groups, sorted. */
  readonly securityGroups: string[];
  /** Its literal name, when it has one. */
  readonly name?: string;
}

/** What the update does. Every list holds display names, sorted. */
export interface UpgradeOutcome {
  readonly added: string[];
  readonly replaced: string[];
  readonly updated: string[];
  readonly removed: string[];
  /** The CloudFormation type of every name in the lists above. */
  readonly types: { readonly [name: string]: string };
  /** Every connector alive during the update: the deployed ones, then the new ones. */
  readonly connectors: AliveConnector[];
  /**
   * Why App Runner refuses a new connector, one entry per rule and other connector:
   * `<new>@v2: same security-group set as <other>` or `<new>@v2: same name '<name>' as <other>`;
   * and why CloudFormation refuses to update an exporting stack:
   * `export '<name>' of <stack>: its value changes while <importing stacks> import(s) it`.
   */
  readonly refusals: string[];
  /** Whether App Runner and CloudFormation accept the update. */
  readonly deploys: boolean;
}

const CONNECTOR = 'AWS::AppRunner::VpcConnector';

type Version = 'v1' | 'v2';
type Change = 'added' | 'replaced' | 'updated' | 'removed';

/** What the update of one stack from `v1` to `v2` does. */
export function checkUpgrade(v1: CfnTemplate, v2: CfnTemplate, names?: { readonly [logicalId: string]: string }): UpgradeOutcome {
  return checkStacksUpgrade([{ stackName: '', v1, v2, names }]);
}

/** A connector that exists outside the stacks of the update (created by hand, or by another app), for App Runner's rules. */
export interface ExistingConnector {
  /** How refusals name it. */
  readonly connector: string;
  readonly securityGroups?: string[];
  readonly name?: string;
}

/**
 * What the update of several stacks, deployed together, does: App Runner's rules hold across stacks
 * (one account and region). Names are qualified with the stack name when there is more than one stack.
 */
export function checkStacksUpgrade(stacks: StackUpgrade[], existing: ExistingConnector[] = []): UpgradeOutcome {
  const qualify = stacks.length > 1;
  const analyses: StackAnalysis[] = [];
  const resolver = new Resolver(analyses);
  for (const stack of stacks) {
    const parent = analyses.find(analysis => analysis.stack.stackName === stack.nestedIn?.stackName);
    // A nested stack's parameter is the physical identity of what its parent passes in that version.
    const passed = (version: Version) => Object.fromEntries(Object.entries<unknown>(
      parent?.stack[version].Resources?.[stack.nestedIn!.logicalId]?.Properties?.Parameters ?? {})
      .map(([name, value]) => [name, resolver.value(value, parent!, version)]));
    analyses.push(analyzeStack(parent ? { ...stack, v1: withValues(stack.v1, passed('v1')), v2: withValues(stack.v2, passed('v2')) } : stack, qualify));
  }
  const lists: Record<Change, string[]> = { added: [], replaced: [], updated: [], removed: [] };
  const types: Record<string, string> = {};
  for (const analysis of analyses) {
    for (const [logicalId, change] of analysis.changes) {
      const name = analysis.display(logicalId);
      lists[change].push(name);
      types[name] = (analysis.stack.v2.Resources?.[logicalId] ?? analysis.stack.v1.Resources?.[logicalId]).Type;
    }
  }

  const connectorsOf = (version: Version, only?: (analysis: StackAnalysis, logicalId: string) => boolean): AliveConnector[] =>
    analyses.flatMap(analysis => Object.entries(analysis.stack[version].Resources ?? {})
      .filter(([logicalId, resource]) => resource.Type === CONNECTOR && (only?.(analysis, logicalId) ?? true))
      .map(([logicalId, resource]) => resolver.connector(analysis, logicalId, resource, version)));
  const old = [
    ...existing.map(e => ({ connector: e.connector, securityGroups: [...new Set(e.securityGroups ?? [])].sort(), name: e.name })),
    ...connectorsOf('v1'),
  ];
  const created = connectorsOf('v2', (analysis, logicalId) => analysis.isNew(logicalId));

  const refusals: string[] = [];
  for (const [index, connector] of created.entries()) {
    // Old connectors are all still alive; of two new ones, whichever comes second is refused: report the pair once.
    for (const other of [...old, ...created.slice(0, index)]) {
      if (sameSet(connector.securityGroups, other.securityGroups)) {
        refusals.push(`${connector.connector}: same security-group set as ${other.connector}`);
      }
      if (connector.name !== undefined && connector.name === other.name) {
        refusals.push(`${connector.connector}: same name '${connector.name}' as ${other.connector}`);
      }
    }
  }

  refusals.push(...changedExports(analyses, resolver));

  return {
    added: lists.added.sort(),
    replaced: lists.replaced.sort(),
    updated: lists.updated.sort(),
    removed: lists.removed.sort(),
    types,
    connectors: [...old, ...created].filter(c => !existing.some(e => e.connector === c.connector)),
    refusals,
    deploys: refusals.length === 0,
  };
}

/**
 * `template` as it deploys with the given values: every `Ref` to a parameter named in `parameters`, and every
 * `Fn::ImportValue` of an export named in `imports` (of a stack outside the update), is replaced by its value.
 * An SSM parameter (`AWS::SSM::Parameter::Value<…>`) may be named by its parameter name (its `Default`).
 */
type Values = { readonly [name: string]: unknown };

export function withValues(template: CfnTemplate, parameters: Values, imports: Values = {}): CfnTemplate {
  const byLogicalId: { [logicalId: string]: unknown } = {};
  for (const [logicalId, parameter] of Object.entries<any>(template.Parameters ?? {})) {
    const value = parameters[logicalId] ?? parameters[parameter.Default];
    if (value !== undefined) {
      byLogicalId[logicalId] = value;
    }
  }
  const walk = (value: any): any => {
    if (Array.isArray(value)) {
      return value.map(walk);
    }
    if (value === null || typeof value !== 'object') {
      return value;
    }
    if (Object.keys(value).length === 1 && typeof value.Ref === 'string' && byLogicalId[value.Ref] !== undefined) {
      return byLogicalId[value.Ref];
    }
    if (Object.keys(value).length === 1 && typeof value['Fn::ImportValue'] === 'string' && imports[value['Fn::ImportValue']] !== undefined) {
      return imports[value['Fn::ImportValue']];
    }
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item)]));
  };
  return { ...template, Resources: walk(template.Resources ?? {}), Outputs: walk(template.Outputs ?? {}) };
}

/**
 * Display names for the resources of `stacks`: the construct path below the stack, without a final
 * `/Resource` (`Connector`, `Connector/SecurityGroup`, `Vpc/PrivateSubnet1/Subnet`).
 */
export function resourceNames(...stacks: Stack[]): { [logicalId: string]: string } {
  const names: { [logicalId: string]: string } = {};
  for (const stack of stacks) {
    for (const element of stack.node.findAll()) {
      if (CfnElement.isCfnElement(element) && element.stack === stack) {
        const path = element.node.path.slice(stack.node.path.length + 1).replace(/\/Resource$/, '');
        names[stack.resolve(element.logicalId)] = path;
      }
    }
  }
  return names;
}

/**
 * CloudFormation's export rule: exports of the deployed templates that a deployed stack imports, and
 * whose value this update changes (or whose output it removes). Importing stacks are updated after the
 * stacks they depend on, so the imports that count are those of the deployed templates.
 */
function changedExports(analyses: StackAnalysis[], resolver: Resolver): string[] {
  const importers = new Map<string, Set<string>>();
  for (const analysis of analyses) {
    for (const name of importedNames(analysis.stack.v1)) {
      importers.set(name, new Set([...importers.get(name) ?? [], analysis.stack.stackName]));
    }
  }
  const refusals: string[] = [];
  for (const analysis of analyses) {
    const outputs = (version: Version) => Object.values<any>(analysis.stack[version].Outputs ?? {}).filter(o => o?.Export?.Name !== undefined);
    for (const output of outputs('v1')) {
      const name = output.Export.Name;
      const users = [...importers.get(name) ?? []].filter(stack => stack !== analysis.stack.stackName);
      if (users.length === 0) {
        continue;
      }
      const next = outputs('v2').find(o => JSON.stringify(o.Export.Name) === JSON.stringify(name));
      if (next === undefined || resolver.value(output.Value, analysis, 'v1') !== resolver.value(next.Value, analysis, 'v2')) {
        refusals.push(`export ${JSON.stringify(name)} of ${analysis.stack.stackName}: its value changes while ${users.sort().join(', ')} import${users.length === 1 ? 's' : ''} it`);
      }
    }
  }
  return refusals;
}

/** The export names a template imports with `Fn::ImportValue` of a literal name. */
function importedNames(template: CfnTemplate): string[] {
  const names: string[] = [];
  const walk = (value: any) => {
    if (Array.isArray(value)) {
      value.forEach(walk);
    } else if (value !== null && typeof value === 'object') {
      if (typeof value['Fn::ImportValue'] === 'string') {
        names.push(value['Fn::ImportValue']);
      }
      Object.values(value).forEach(walk);
    }
  };
  walk(template.Resources ?? {});
  walk(template.Outputs ?? {});
  return names;
}

interface StackAnalysis {
  readonly stack: StackUpgrade;
  readonly changes: Map<string, Change>;
  readonly display: (logicalId: string) => string;
  /** Whether this update creates the physical resource (added or replaced). */
  readonly isNew: (logicalId: string) => boolean;
}

function analyzeStack(stack: StackUpgrade, qualify: boolean): StackAnalysis {
  // fullDiff propagates replacements through Ref and Fn::GetAtt (a replaced security group makes
  // every connector that lists it WILL_REPLACE), because SecurityGroups is create-only in its spec.
  const diff = fullDiff(stack.v1, stack.v2);
  const changes = new Map<string, Change>();
  diff.resources.forEachDifference((logicalId: string, change: ResourceDifference) => {
    const kind = changeOf(change);
    if (kind) {
      changes.set(logicalId, kind);
    }
  });
  const prefix = qualify ? `${stack.stackName}/` : '';
  return {
    stack,
    changes,
    display: logicalId => `${prefix}${stack.names?.[logicalId] ?? logicalId}`,
    isNew: logicalId => changes.get(logicalId) === 'added' || changes.get(logicalId) === 'replaced',
  };
}

function changeOf(change: ResourceDifference): Change | undefined {
  if (change.isAddition) {
    return 'added';
  }
  if (change.isRemoval) {
    return 'removed';
  }
  if (change.resourceTypeChanged) {
    return 'replaced';
  }
  switch (change.changeImpact) {
    // "May replace" counts as a replacement: for App Runner's rules, the cautious reading.
    case ResourceImpact.WILL_REPLACE:
    case ResourceImpact.MAY_REPLACE:
      return 'replaced';
    case ResourceImpact.NO_CHANGE:
      return change.isDifferent ? 'updated' : undefined;
    default:
      return 'updated';
  }
}

/** Physical identities of template values, in one version of all stacks. */
class Resolver {
  constructor(private readonly analyses: StackAnalysis[]) {}

  public connector(analysis: StackAnalysis, logicalId: string, resource: any, version: Version): AliveConnector {
    const props = resource.Properties ?? {};
    const groups = props.SecurityGroups === undefined
      // Without security groups App Runner uses the VPC's default group.
      ? ['(default security group of the VPC)']
      : Array.isArray(props.SecurityGroups)
        ? props.SecurityGroups.map((entry: any) => this.identity(entry, analysis, version))
        : [this.identity(props.SecurityGroups, analysis, version)];
    const name = props.VpcConnectorName === undefined ? undefined
      : typeof props.VpcConnectorName === 'string' ? props.VpcConnectorName
        : this.identity(props.VpcConnectorName, analysis, version);
    return {
      connector: this.resource(analysis, logicalId, version),
      securityGroups: [...new Set<string>(groups)].sort(),
      name,
    };
  }

  /**
   * A value's physical identity in one version: the expression, with every `Ref` and `Fn::GetAtt` of a
   * resource of the stack replaced by the identity of that resource in that version.
   */
  public value(value: any, analysis: StackAnalysis, version: Version): string {
    const resources = analysis.stack[version].Resources ?? {};
    const walk = (v: any): any => {
      if (Array.isArray(v)) {
        return v.map(walk);
      }
      if (v !== null && typeof v === 'object') {
        const target = v.Ref ?? (Array.isArray(v['Fn::GetAtt']) ? v['Fn::GetAtt'][0] : typeof v['Fn::GetAtt'] === 'string' ? v['Fn::GetAtt'].split('.')[0] : undefined);
        if (typeof target === 'string' && resources[target] && Object.keys(v).length === 1) {
          return { resource: this.resource(analysis, target, version), ...v.Ref !== undefined ? {} : { attribute: JSON.stringify(v['Fn::GetAtt']) } };
        }
        return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, walk(item)]));
      }
      return v;
    };
    return JSON.stringify(walk(value));
  }

  private resource(analysis: StackAnalysis, logicalId: string, version: Version): string {
    const suffix = version === 'v2' && analysis.isNew(logicalId) ? '@v2' : '@v1';
    return `${analysis.display(logicalId)}${suffix}`;
  }

  private identity(value: any, analysis: StackAnalysis, version: Version): string {
    if (typeof value === 'string') {
      return value;
    }
    const resources = analysis.stack[version].Resources ?? {};
    if (value?.Ref !== undefined && Object.keys(value).length === 1 && resources[value.Ref]) {
      return this.resource(analysis, value.Ref, version);
    }
    const getAtt = value?.['Fn::GetAtt'];
    if (getAtt !== undefined && Object.keys(value).length === 1) {
      const [target, attribute] = typeof getAtt === 'string' ? getAtt.split('.') : getAtt;
      if (typeof target === 'string' && resources[target]) {
        // A security group's Ref and its GroupId are the same value.
        const suffix = attribute === 'GroupId' ? '' : `.${attribute}`;
        return `${this.resource(analysis, target, version)}${suffix}`;
      }
    }
    const imported = value?.['Fn::ImportValue'];
    if (typeof imported === 'string' && Object.keys(value).length === 1) {
      for (const exporter of this.analyses) {
        const output = Object.values(exporter.stack[version].Outputs ?? {}).find((o: any) => o?.Export?.Name === imported);
        if (output) {
          return this.identity((output as any).Value, exporter, version);
        }
      }
    }
    // Another expression (a parameter, a pseudo parameter, a function of them): equal to itself in the same stack.
    return `${analysis.stack.stackName}:${JSON.stringify(value)}`;
  }
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** A stack's template as it deploys with the values of `config` known only at deploy time (the same template for any). */
function deployed(stack: Stack, config: AppConfig): CfnTemplate {
  return withValues(Template.fromStack(stack).toJSON(), { '/network/connector-subnet': config.ssmSubnet }, { 'network-connector-subnet': config.importedSubnet });
}

/** One version of an app: how it is built. */
export interface BuiltVersion {
  readonly implementation: Implementation;
  readonly config: AppConfig;
}

/** The stacks of an update from `v1` to `v2`, each built by its implementation; a nested stack is named by its path. */
export function stackUpgrades(v1: BuiltVersion, v2: BuiltVersion): StackUpgrade[] {
  const before = buildApp(v1.implementation, v1.config);
  const after = buildApp(v2.implementation, v2.config);
  const nameOf = (stack: Stack) => stack.nestedStackParent ? stack.node.path : stack.stackName;
  return before.map((stack, i) => ({
    stackName: nameOf(stack),
    v1: deployed(stack, v1.config),
    v2: deployed(after[i], v2.config),
    names: resourceNames(stack, after[i]),
    nestedIn: stack.nestedStackParent && {
      stackName: nameOf(stack.nestedStackParent),
      logicalId: stack.nestedStackParent.resolve(stack.nestedStackResource!.logicalId),
    },
  }));
}

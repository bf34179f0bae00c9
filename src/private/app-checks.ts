import { CfnElement, CfnOutput, IResource, Reference, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { idKey, label, warn, whenValidated } from './checks';

// What a connector cannot see alone: other connectors with its name or group set in its account and region (App
// Runner refuses the second), found through what each connector claims when it is created; and stacks that import it
// through exports, found once per synth from the outputs of its stack.

/** What a connector, created or imported, holds in its account and region. */
export interface Claim {
  readonly connector: IConstruct;
  /** Imported by ARN: it exists already. */
  readonly imported: boolean;
  /** The literal name, if any. */
  readonly name?: string;
  /** The security groups, unless the connector owns a group that no other connector has. */
  readonly sharedGroups?: () => ec2.ISecurityGroup[];
}

type Claimed = Claim & { readonly env: { readonly key: string; readonly label: string } };

/** The claims of each app, by what is claimed (`name <env> <name>`, `groups <env>`), in the order they were made. */
const claimsByApp = new WeakMap<IConstruct, Map<string, Claimed[]>>();

/** Records what a connector claims; returns a check, for its validation, that warns and gives the errors the app has for it then. */
export function claim(what: Claim): () => string[] {
  const claimed: Claimed = { ...what, env: environment(what.connector) };
  const root = what.connector.node.root;
  const claims = claimsByApp.get(root) ?? claimsByApp.set(root, new Map()).get(root)!;
  const [nameKey, groupsKey] = [`name ${claimed.env.key} ${what.name}`, `groups ${claimed.env.key}`];
  for (const key of [...what.name !== undefined ? [nameKey] : [], ...what.sharedGroups ? [groupsKey] : []]) {
    claims.set(key, [...claims.get(key) ?? [], claimed]);
  }
  return () => {
    const errors: string[] = [];
    const path = what.connector.node.path;
    if (what.name !== undefined && !what.imported) {
      const holders = claims.get(nameKey)!;
      for (const imported of holders.filter(other => other.imported)) {
        warn(what.connector, 'importedName', `The connector is named '${what.name}', as is the connector imported as ${imported.connector.node.path} in ${claimed.env.label}: `
          + 'App Runner refuses a second connector with the name. Choose another `vpcConnectorName`, or leave it unset.');
      }
      const first = holders.find(other => !other.imported)!.connector;
      if (first !== what.connector) {
        errors.push(`\`vpcConnectorName\` must be unique in ${claimed.env.label}, got: '${what.name}' on both VPC connector ${first.node.path} and ${path}. `
          + 'App Runner refuses the second. Choose another name, or leave `vpcConnectorName` unset.');
      }
    }
    if (what.sharedGroups) {
      // In one app, a reference is told apart by the path of its target.
      const keyOf = (groups: ec2.ISecurityGroup[]) => groups.map(group => idKey(group.securityGroupId, group))
        .map(key => (key instanceof Reference ? `${key.target.node.path}.${key.displayName}` : String(key))).sort().join(' ');
      const mine = keyOf(what.sharedGroups());
      const first = claims.get(groupsKey)!.find(other => keyOf(other.sharedGroups!()) === mine)!.connector;
      if (first !== what.connector) {
        const shown = what.sharedGroups().map(group => label(group, group.securityGroupId)).join(', ');
        errors.push(`\`securityGroups\` must not equal another VPC connector's in ${claimed.env.label}, got: the same set [${shown}] on both VPC connector ${first.node.path} and ${path}. `
          + 'Add a group to one, or leave `uniqueSecurityGroupSet` unset.');
      }
    }
    return errors;
  };
}

/** A connector's L1 and its own group's L1, which other stacks may import. */
interface Exportable { readonly connector: IConstruct; readonly elements: CfnElement[] }

const exportablesByStack = new WeakMap<Stack, Exportable[]>();

/**
 * Warns, when the stack of `elements` is validated (at every synth), if another stack imports them through an export:
 * a replacement changes the value, which CloudFormation refuses while it is imported. The exports are the outputs of
 * that stack; the importers, the stacks in which aws-cdk-lib resolves such an output's value to an import of it.
 * Cross-region references are not exports and are not found.
 */
export function warnIfExported(connector: IConstruct, elements: CfnElement[]) {
  whenValidated(exportablesByStack, elements[0].stack, { connector, elements }, all => findExports(elements[0].stack, all));
}

function findExports(stack: Stack, exportables: Exportable[]) {
  const outputs = stack.node.findAll().filter((c): c is CfnOutput => c instanceof CfnOutput && c.exportName !== undefined && c.stack === stack);
  if (outputs.length === 0) {
    return;
  }
  const owners = new Map(exportables.flatMap(({ connector, elements }) => elements.map(element =>
    [stack.resolve(element.logicalId) as string, { element, connector }] as const)));
  let stacks: Stack[] | undefined;
  const uses = new Map<IConstruct, Map<string, string[]>>();
  for (const output of outputs) {
    for (const [, ref, getAtt, attribute] of JSON.stringify(stack.resolve(output.value)).matchAll(/\{"Ref":"([^"]+)"\}|\{"Fn::GetAtt":\["([^"]+)","([^"]+)"\]\}/g)) {
      const owner = owners.get(ref ?? getAtt);
      if (owner !== undefined) {
        const what = owner.element !== owner.connector.node.defaultChild ? 'its own security group'
          : attribute === 'VpcConnectorRevision' ? 'its revision' : 'its ARN';
        const imported = JSON.stringify({ 'Fn::ImportValue': stack.resolve(output.exportName) });
        // aws-cdk-lib resolves a cross-stack reference to an import in each stack that uses it.
        stacks ??= stack.node.root.node.findAll().filter(Stack.isStack).filter(other => topLevel(other) !== topLevel(stack));
        const importers = new Set(stacks.filter(other => JSON.stringify(other.resolve(output.value)).includes(imported))
          .map(other => topLevel(other).node.path));
        const byImporter = uses.get(owner.connector) ?? uses.set(owner.connector, new Map()).get(owner.connector)!;
        (importers.size > 0 ? [...importers] : [`the export '${stack.resolve(output.exportName)}'`]).forEach(importer => byImporter.set(importer, [...byImporter.get(importer) ?? [], what]));
      }
    }
  }
  for (const [connector, byImporter] of uses) {
    warn(connector, 'exportedAcrossStacks', `Other stacks use this connector through exports of ${topLevel(stack).node.path}: `
      + `${[...byImporter].map(([importer, what]) => `${importer} (${[...new Set(what)].join('; ')})`).join(', ')}. CloudFormation refuses to change an export in use, `
      + 'and every change to the connector replaces it. Keep it in the stack of its services (README: Across stacks).');
  }
}

/**
 * Where App Runner's uniqueness applies: a literal account and region (an imported connector's are its
 * ARN's), or else, for an environment-agnostic stack, that top-level stack alone.
 */
function environment(connector: IConstruct): { key: string; label: string } {
  const { account, region } = (connector as unknown as IResource).env;
  const stack = topLevel(Stack.of(connector)).node.path;
  return Token.isUnresolved(account) || Token.isUnresolved(region)
    ? { key: `stack ${stack}`, label: `the stack ${stack}` }
    : { key: `${account} ${region}`, label: `account ${account}, region ${region}` };
}

function topLevel(stack: Stack): Stack {
  return stack.nestedStackParent ? topLevel(stack.nestedStackParent) : stack;
}

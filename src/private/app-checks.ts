import { CfnElement, CfnOutput, IResource, Reference, Stack, Stage, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { idKey, label } from './checks';

// What a connector cannot see alone, found by one scan of the app per synth: other connectors with its name or
// group set in its account and region (App Runner refuses the second), and stacks that import it through exports.

/** What the scan reads of a connector, created or imported. */
export interface Claims {
  /** The literal name, if any. */
  readonly name?: string;
  /** The security groups, unless the connector owns a group that no other connector has. */
  readonly sharedGroups?: ec2.ISecurityGroup[];
  /** Imported by ARN: it exists already. */
  readonly imported: boolean;
  /** Its L1 and its own group's L1, which other stacks may import. */
  readonly exportable: CfnElement[];
}

type Claimed = Claims & { readonly connector: IConstruct };
type Found = { readonly errors: string[]; readonly warnings: { readonly id: string; readonly message: string }[] };

const claims = new WeakMap<IConstruct, () => Claims>();
/** The scan of each app, dropped when a stage of it is validated (first, at every synth). */
const scans = new WeakMap<IConstruct, Map<IConstruct, Found>>();
const stagesThatRescan = new WeakSet<IConstruct>();

/** Call for every connector, created or imported. */
export function claim(connector: IConstruct, claimsNow: () => Claims) {
  claims.set(connector, claimsNow);
  const stage = Stage.of(connector);
  if (stage !== undefined && !stagesThatRescan.has(stage)) {
    stagesThatRescan.add(stage);
    stage.node.addValidation({ validate: () => { scans.delete(connector.node.root); return []; } });
  }
}

/** What the app says of `connector`. */
export function appFindings(connector: IConstruct): Found {
  const root = connector.node.root;
  const scan = scans.get(root) ?? scans.set(root, scanApp(root.node.findAll())).get(root)!;
  return scan.get(connector) ?? { errors: [], warnings: [] };
}

function scanApp(all: IConstruct[]): Map<IConstruct, Found> {
  const found = new Map<IConstruct, Found>();
  const of = (connector: IConstruct) => found.get(connector) ?? found.set(connector, { errors: [], warnings: [] }).get(connector)!;
  const connectors = all.filter(c => claims.has(c)).map(c => ({ connector: c, ...claims.get(c)!() }));
  const holders = new Map<string, Claimed>();
  // In one app, a reference is told apart by the path of its target.
  const keyOf = (key: unknown) => (key instanceof Reference ? `${key.target.node.path}.${key.displayName}` : key);
  for (const claimed of connectors) {
    const { connector, name, sharedGroups, imported } = claimed;
    const env = environment(connector);
    const groups = sharedGroups && new Map(sharedGroups.map(group => [keyOf(idKey(group.securityGroupId, group)), group]));
    const keys: [string, string][] = [
      ...name !== undefined ? [[`name ${env.key} ${name}`, name] as [string, string]] : [],
      ...groups ? [[`groups ${env.key} ${[...groups.keys()].sort()}`, [...groups.values()].map(g => label(g, g.securityGroupId)).join(', ')] as [string, string]] : [],
    ];
    for (const [key, shown] of keys) {
      const holder = holders.get(key) ?? holders.set(key, claimed).get(key)!;
      const [created, existing] = imported ? [holder.connector, connector] : [connector, holder.connector];
      if (holder !== claimed && holder.imported !== imported) {
        of(created).warnings.push({
          id: 'importedName',
          message: `The VPC connector ${created.node.path} is named '${shown}', the name of the connector imported as ${existing.node.path} in ${env.label}. `
            + 'App Runner holds one connector per name in an account and region: creating this one fails while the imported connector exists. '
            + 'Choose another `vpcConnectorName`, or leave it unset so that CloudFormation generates one.',
        });
      } else if (holder !== claimed && !imported) {
        of(connector).errors.push(key.startsWith('name')
          ? `\`vpcConnectorName\` must be unique in ${env.label}, got: '${shown}' on both VPC connector ${existing.node.path} and ${connector.node.path}. App Runner holds one connector per name in an account and region, so ${connector.node.path} could never be created. Choose another name, or leave \`vpcConnectorName\` unset so that CloudFormation generates one.`
          : `\`securityGroups\` must differ from those of every other VPC connector in ${env.label}, got: the same set [${shown}] on both VPC connector ${existing.node.path} and ${connector.node.path}. App Runner refuses a connector whose security-group set an existing connector has, so ${connector.node.path} could never be created. Add a group to one of them, or leave \`uniqueSecurityGroupSet\` unset so that each connector gets a group of its own.`);
      }
    }
  }
  const outputs = all.filter((c): c is CfnOutput => c instanceof CfnOutput && c.exportName !== undefined);
  if (outputs.length > 0) {
    findExports(outputs, connectors, all, of);
  }
  return found;
}

/**
 * Warns a connector whose ARN, revision or own group another stack imports through an export, naming those stacks:
 * a replacement changes the value, which CloudFormation refuses while it is imported. Cross-region references are not found.
 */
function findExports(outputs: CfnOutput[], connectors: Claimed[], all: IConstruct[], of: (connector: IConstruct) => Found) {
  const owners = new Map(connectors.flatMap(({ connector, exportable }) => exportable.map(element =>
    [`${element.stack.node.path} ${element.stack.resolve(element.logicalId)}`, { element, connector }] as const)));
  // The top-level stacks that import each export name, from the templates of the app.
  const imports = new Map<string, Set<string>>();
  for (const element of all.filter(CfnElement.isCfnElement)) {
    for (const [, name] of JSON.stringify(element.stack.resolve(element._toCloudFormation())).matchAll(/\{"Fn::ImportValue":"([^"]+)"\}/g)) {
      imports.set(name, (imports.get(name) ?? new Set()).add(topLevel(element.stack).node.path));
    }
  }
  const uses = new Map<IConstruct, Map<string, string[]>>();
  for (const output of outputs) {
    const stack = output.stack;
    for (const [, ref, getAtt, attribute] of JSON.stringify(stack.resolve(output.value)).matchAll(/\{"Ref":"([^"]+)"\}|\{"Fn::GetAtt":\["([^"]+)","([^"]+)"\]\}/g)) {
      const owner = owners.get(`${stack.node.path} ${ref ?? getAtt}`);
      if (owner !== undefined) {
        const what = owner.element !== owner.connector.node.defaultChild ? `its own security group ${owner.element.node.scope!.node.path}`
          : attribute === 'VpcConnectorRevision' ? 'its revision' : 'its ARN, and so its name';
        const exportName: string = stack.resolve(output.exportName);
        const importers = [...imports.get(exportName) ?? []].filter(path => path !== topLevel(stack).node.path);
        const byImporter = uses.get(owner.connector) ?? uses.set(owner.connector, new Map()).get(owner.connector)!;
        (importers.length > 0 ? importers : [`the export '${exportName}'`]).forEach(importer => byImporter.set(importer, [...byImporter.get(importer) ?? [], what]));
      }
    }
  }
  for (const [connector, byImporter] of uses) {
    const ownGroup = [...byImporter.values()].flat().some(what => what.startsWith('its own security group'));
    of(connector).warnings.push({
      id: 'exportedAcrossStacks',
      message: `Other stacks use this connector through CloudFormation exports of ${topLevel(Stack.of(connector)).node.path}: ${[...byImporter].map(([importer, what]) => `${importer} (${what.join('; ')})`).join(', ')}. `
        + 'Every replacement of the connector (a change to its subnets, security groups, name or tags, or to the subnets of its VPC) changes the exported values, '
        + 'and CloudFormation refuses to change an export that another stack imports ("Cannot update export ... as it is in use by ..."), so the deployment fails. '
        + 'Keep the connector in the stack of the services that use it, and pass the VPC (and security groups) across stacks instead.'
        + (ownGroup ? ' To let the services reach a database in another stack, call `connector.connections.allowTo(database, port)`: it puts the rule in the connector\'s stack.' : ''),
    });
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

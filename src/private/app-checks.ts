import { CfnElement, CfnOutput, IResource, Stack, Stage, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { idKey } from './checks';

/*
 * What a connector cannot see alone: other connectors of the app with its name or its security-group set
 * in the same account and region (App Runner would refuse one of them), and stacks that import it through
 * CloudFormation exports (which a replacement cannot change). Found by one scan of the app per synth.
 */

/** What the checks read of a connector, created or imported. */
export interface Claims {
  /** The literal name, if any. */
  readonly name?: string;
  /** The security groups, unless the connector owns a group that no other connector has. */
  readonly sharedGroups?: ec2.ISecurityGroup[];
  /** Whether it was imported (by ARN): it exists already. */
  readonly imported: boolean;
  /** Its L1 and its own group's L1, which other stacks may import. */
  readonly exportable: CfnElement[];
}

interface Found {
  readonly errors: string[];
  readonly warnings: { readonly id: string; readonly message: string }[];
}

/** The claims of each connector, read at synth. */
const claims = new WeakMap<IConstruct, () => Claims>();
/** The scan of each app, until a stage of it is validated again. */
const scans = new WeakMap<IConstruct, Map<IConstruct, Found>>();
const stagesThatRescan = new WeakSet<IConstruct>();

/**
 * Call for every connector, created or imported. A connector created in a stage makes the validation of
 * that stage drop the scan of the app.
 */
export function claim(connector: IConstruct, claimsNow: () => Claims) {
  claims.set(connector, claimsNow);
  const stage = Stage.of(connector);
  if (stage !== undefined && !claimsNow().imported && !stagesThatRescan.has(stage)) {
    stagesThatRescan.add(stage);
    stage.node.addValidation({
      validate: () => {
        scans.delete(connector.node.root);
        return [];
      },
    });
  }
}

/**
 * What the app says of `connector`, from a scan of the whole app. The validation of a stage runs before
 * those of the constructs in it, at every synth: it drops the scan, so each synth scans the app again, once.
 */
export function appFindings(connector: IConstruct): Found {
  const root = connector.node.root;
  let scan = scans.get(root);
  if (scan === undefined) {
    scan = scanApp(root);
    scans.set(root, scan);
  }
  return scan.get(connector) ?? { errors: [], warnings: [] };
}

function scanApp(root: IConstruct): Map<IConstruct, Found> {
  const all = root.node.findAll();
  const found = new Map<IConstruct, Found>();
  const of = (connector: IConstruct) => found.get(connector) ?? found.set(connector, { errors: [], warnings: [] }).get(connector)!;
  const holders = new Map<string, IConstruct>();
  for (const connector of all.filter(c => claims.has(c))) {
    const { name, sharedGroups, imported } = claimsOf(connector);
    const env = environment(connector);
    const keys: [string, string][] = [];
    if (name !== undefined) {
      keys.push([`name ${env.key} ${name}`, name]);
    }
    if (sharedGroups !== undefined) {
      const groups = new Map(sharedGroups.map(group => [textKey(idKey(group.securityGroupId, group)), group]));
      keys.push([`groups ${env.key} ${[...groups.keys()].sort().join(' ')}`, [...groups.values()].map(label).join(', ')]);
    }
    for (const [key, shown] of keys) {
      const holder = holders.get(key);
      if (holder === undefined) {
        holders.set(key, connector);
      } else if (claimsOf(holder).imported !== imported) {
        const [created, existing] = imported ? [holder, connector] : [connector, holder];
        of(created).warnings.push({
          id: 'importedName',
          message: `The VPC connector ${created.node.path} is named '${shown}', the name of the connector imported as ${existing.node.path} in ${env.label}. `
            + 'App Runner holds one connector per name in an account and region: creating this one fails while the imported connector exists. '
            + 'Choose another `vpcConnectorName`, or leave it unset so that CloudFormation generates one.',
        });
      } else if (!imported) {
        of(connector).errors.push(key.startsWith('name')
          ? `\`vpcConnectorName\` must be unique in ${env.label}, got: '${shown}' on both VPC connector ${holder.node.path} and ${connector.node.path}. App Runner holds one connector per name in an account and region, so ${connector.node.path} could never be created. Choose another name, or leave \`vpcConnectorName\` unset so that CloudFormation generates one.`
          : `\`securityGroups\` must differ from those of every other VPC connector in ${env.label}, got: the same set [${shown}] on both VPC connector ${holder.node.path} and ${connector.node.path}. App Runner refuses a connector whose security-group set an existing connector has, so ${connector.node.path} could never be created. Add a group to one of them, or leave \`uniqueSecurityGroupSet\` unset so that each connector gets a group of its own.`);
      }
    }
  }
  findExports(all, of);
  return found;
}

/**
 * Warns a connector whose ARN, revision or own group another stack imports through a CloudFormation export
 * (an output with an export name), naming those stacks: a replacement changes the exported value, which
 * CloudFormation refuses while it is imported. Cross-region references (an `ExportsWriter` custom resource)
 * are not exports, and are not found.
 */
function findExports(all: IConstruct[], of: (connector: IConstruct) => Found) {
  const outputs = all.filter((c): c is CfnOutput => c instanceof CfnOutput && c.exportName !== undefined);
  if (outputs.length === 0) {
    return;
  }
  const owners = new Map<string, { element: CfnElement; connector: IConstruct }>();
  for (const connector of all.filter(c => claims.has(c))) {
    claimsOf(connector).exportable.forEach(element => owners.set(`${element.stack.node.path} ${element.stack.resolve(element.logicalId)}`, { element, connector }));
  }
  let imports: Map<string, Set<string>> | undefined;
  const uses = new Map<IConstruct, Map<string, string[]>>();
  for (const output of outputs) {
    const stack = output.stack;
    for (const [, ref, getAtt, attribute] of JSON.stringify(stack.resolve(output.value)).matchAll(REFERENCE)) {
      const owner = owners.get(`${stack.node.path} ${ref ?? getAtt}`);
      if (owner === undefined) {
        continue;
      }
      const what = owner.element !== owner.connector.node.defaultChild ? `its own security group ${owner.element.node.scope!.node.path}`
        : attribute === 'VpcConnectorRevision' ? 'its revision' : 'its ARN, and so its name';
      const exportName: string = stack.resolve(output.exportName);
      imports ??= importsOf(all);
      const importers = [...imports.get(exportName) ?? []].filter(path => path !== topLevel(stack).node.path);
      const byImporter = uses.get(owner.connector) ?? uses.set(owner.connector, new Map()).get(owner.connector)!;
      for (const importer of importers.length > 0 ? importers : [`the export '${exportName}'`]) {
        byImporter.set(importer, [...byImporter.get(importer) ?? [], what]);
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

/** A reference in rendered JSON: `{"Ref":"<logical ID>"}`, `{"Fn::GetAtt":["<logical ID>","<attribute>"]}`. */
const REFERENCE = /\{"Ref":"([^"]+)"\}|\{"Fn::GetAtt":\["([^"]+)","([^"]+)"\]\}/g;

/** The paths of the top-level stacks that import each export name, from the templates of the app. */
function importsOf(all: IConstruct[]): Map<string, Set<string>> {
  const imports = new Map<string, Set<string>>();
  for (const element of all.filter((c): c is CfnElement => CfnElement.isCfnElement(c))) {
    for (const [, name] of JSON.stringify(element.stack.resolve(element._toCloudFormation())).matchAll(/\{"Fn::ImportValue":"([^"]+)"\}/g)) {
      imports.set(name, (imports.get(name) ?? new Set()).add(topLevel(element.stack).node.path));
    }
  }
  return imports;
}

function claimsOf(connector: IConstruct): Claims {
  return claims.get(connector)!();
}

/**
 * Where App Runner's uniqueness applies: a literal account and region, or else, for an
 * environment-agnostic stack, that top-level stack alone (it may be deployed anywhere).
 */
function environment(connector: IConstruct): { key: string; label: string } {
  // An imported connector's environment is that of its ARN.
  const { account, region } = (connector as unknown as IResource).env;
  const stack = topLevel(Stack.of(connector));
  return Token.isUnresolved(account) || Token.isUnresolved(region)
    ? { key: `stack ${stack.node.path}`, label: `the stack ${stack.node.path}` }
    : { key: `${account} ${region}`, label: `account ${account}, region ${region}` };
}

function topLevel(stack: Stack): Stack {
  return stack.nestedStackParent ? topLevel(stack.nestedStackParent) : stack;
}

/** A key of `idKey` as text: in one app, a reference is told apart by the path of its target. */
function textKey(key: unknown): string {
  return typeof key === 'string' ? key : `${(key as { target: IConstruct }).target.node.path}.${(key as { displayName: string }).displayName}`;
}

function label(group: ec2.ISecurityGroup): string {
  return Token.isUnresolved(group.securityGroupId) ? group.node.path : group.securityGroupId;
}

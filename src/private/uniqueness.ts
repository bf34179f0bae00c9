import { Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { memo } from './memo';
import { securityGroupLabel, valueKey } from './vpc-identity';

/*
 * App Runner holds one VPC connector per name, and per security-group set, in an account and region:
 * a connector that shares either with another could never be created. These are the keys each
 * connector of an app claims, kept up to date as its inputs change (a group added through
 * `connections`), so that finding a connector's collisions costs what its own keys cost.
 */

/** What App Runner requires to be unique among the VPC connectors of one account and region, as far as a connector knows it at synth. */
export interface ConnectorIdentity {
  /** The literal name, if any. */
  readonly name?: string;
  /** The security groups, unless the connector owns a group no other connector can have. */
  readonly sharedGroups?: ec2.ISecurityGroup[];
}

/** A connector's place in the registry of its app. */
export interface Registration {
  /** The collisions of this connector with the connectors registered before it, as errors, and with imported connectors, as warnings. */
  readonly collisions: () => { readonly errors: string[]; readonly warnings: string[] };
  /** Call when the identity may have changed (a group was added). */
  readonly changed: () => void;
}

/**
 * Registers a connector created in this app. `identity` is read at synth, and again after `changed()`.
 */
export function registerConnector(connector: IConstruct, identity: () => ConnectorIdentity): Registration {
  const registry = registryOf(connector);
  const entry: Entry = { construct: connector, order: registry.entries.length, keys: undefined, identity, imported: false };
  registry.entries.push(entry);
  registry.dirty.add(entry);
  return {
    collisions: () => registry.collisionsOf(entry),
    changed: () => registry.dirty.add(entry),
  };
}

/**
 * Registers an imported connector's literal name, in the account and region of its ARN: a connector
 * created with that name there would be refused while the imported one exists.
 */
export function registerImportedConnector(imported: IConstruct, name: string, account: string, region: string) {
  if ([name, account, region].some(part => Token.isUnresolved(part))) {
    return;
  }
  const registry = registryOf(imported);
  const entry: Entry = { construct: imported, order: registry.entries.length, keys: [nameKey(`${account}\0${region}`, name)], identity: () => ({}), imported: true };
  registry.entries.push(entry);
  registry.claim(entry);
}

interface Entry {
  readonly construct: IConstruct;
  /** The order of registration: of two connectors with one key, the later one collides. */
  readonly order: number;
  readonly identity: () => ConnectorIdentity;
  readonly imported: boolean;
  /** The keys it claims, once worked out. */
  keys: string[] | undefined;
}

class Registry {
  public readonly entries: Entry[] = [];
  /** Entries whose keys must be worked out (again) before the next look-up. */
  public readonly dirty = new Set<Entry>();
  /** The entries that claim each key. */
  private readonly holders = new Map<string, Entry[]>();

  public collisionsOf(entry: Entry) {
    for (const changed of this.dirty) {
      this.release(changed);
      changed.keys = keysOf(changed);
      this.claim(changed);
    }
    this.dirty.clear();
    const errors: string[] = [];
    const warnings: string[] = [];
    for (const key of entry.keys ?? []) {
      const others = (this.holders.get(key) ?? []).filter(other => other !== entry);
      const earlier = others.filter(other => !other.imported && other.order < entry.order).sort((a, b) => a.order - b.order)[0];
      if (earlier) {
        errors.push(collisionMessage(key, entry, earlier));
      }
      warnings.push(...others.filter(other => other.imported).map(other => importedNameMessage(key, entry, other)));
    }
    return { errors, warnings };
  }

  public claim(entry: Entry) {
    for (const key of entry.keys ?? []) {
      this.holders.set(key, [...this.holders.get(key) ?? [], entry]);
    }
  }

  private release(entry: Entry) {
    for (const key of entry.keys ?? []) {
      this.holders.set(key, (this.holders.get(key) ?? []).filter(other => other !== entry));
    }
  }
}

/** The registry of the app `scope` is in. */
function registryOf(scope: IConstruct): Registry {
  return memo(scope.node.root, 'registry', undefined, () => new Registry());
}

/** Key kinds: `name`, `groups`. */
function nameKey(env: string, name: string): string {
  return `name\0${env}\0${name}`;
}

function keysOf(entry: Entry): string[] {
  const identity = entry.identity();
  const env = environment(entry.construct).key;
  const keys: string[] = [];
  if (identity.name !== undefined) {
    keys.push(nameKey(env, identity.name));
  }
  if (identity.sharedGroups !== undefined) {
    const groups = [...new Set(identity.sharedGroups.map(g => valueKey(g.securityGroupId, g)))].sort();
    keys.push(`groups\0${env}\0${groups.join('\0')}`);
  }
  return keys;
}

function collisionMessage(key: string, entry: Entry, other: Entry): string {
  const env = environment(entry.construct).label;
  const path = entry.construct.node.path;
  if (key.startsWith('name\0')) {
    const name = entry.identity().name;
    return `\`vpcConnectorName\` must be unique in ${env}, got: '${name}' on both VPC connector ${other.construct.node.path} and ${path}. App Runner holds one connector per name in an account and region, so ${path} could never be created. Choose another name, or leave \`vpcConnectorName\` unset so that CloudFormation generates one.`;
  }
  const labels = (entry.identity().sharedGroups ?? []).map(securityGroupLabel).join(', ');
  return `\`securityGroups\` must differ from those of every other VPC connector in ${env}, got: the same set [${labels}] on both VPC connector ${other.construct.node.path} and ${path}. App Runner refuses a connector whose security-group set an existing connector has, so ${path} could never be created. Add a group to one of them, set \`uniqueSecurityGroupSet: true\`, or leave \`securityGroups\` unset so that the connector gets a group of its own.`;
}

function importedNameMessage(key: string, entry: Entry, imported: Entry): string {
  const name = key.split('\0').pop();
  return `The VPC connector ${entry.construct.node.path} is named '${name}', the name of the connector imported as ${imported.construct.node.path} in ${environment(entry.construct).label}. App Runner holds one connector per name in an account and region: creating this one fails while the imported connector exists. Choose another \`vpcConnectorName\`, or leave it unset so that CloudFormation generates one.`;
}

/**
 * Where App Runner's uniqueness applies: a literal account and region, or, for
 * an environment-agnostic stack, that (top-level) stack alone.
 */
function environment(connector: IConstruct): { key: string; label: string } {
  let stack = Stack.of(connector);
  if (!Token.isUnresolved(stack.account) && !Token.isUnresolved(stack.region)) {
    return { key: `${stack.account}\0${stack.region}`, label: `account ${stack.account}, region ${stack.region}` };
  }
  while (stack.nestedStackParent !== undefined) {
    stack = stack.nestedStackParent;
  }
  return { key: `stack\0${stack.node.path}`, label: `the stack ${stack.node.path}` };
}

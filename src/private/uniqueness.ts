import { Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { atEachSynth } from './memo';
import { securityGroupLabel, valueKey } from './vpc-identity';

/**
 * What App Runner requires to be unique among the VPC connectors of one
 * account and region, as far as a connector knows it at synth.
 */
export interface ConnectorIdentity {
  /** The literal name, if any. */
  readonly name?: string;
  /** The security groups, unless the connector owns a group no other connector can have. */
  readonly sharedGroups?: ec2.ISecurityGroup[];
}

/**
 * The connectors of one app, and the collisions found at the last synth.
 */
class Registry {
  public readonly connectors = new Map<IConstruct, () => ConnectorIdentity>();
  private collisions?: Map<IConstruct, string[]>;

  /** Runs first in each synth, so that each synth sees the app as it is then. */
  public readonly refresh = () => {
    this.collisions = this.findCollisions();
  };

  public collisionsOf(connector: IConstruct): string[] {
    this.collisions ??= this.findCollisions();
    return this.collisions.get(connector) ?? [];
  }

  /** One pass over the connectors: each key remembers the first connector that holds it. */
  private findCollisions(): Map<IConstruct, string[]> {
    const holders = new Map<string, IConstruct>();
    const collisions = new Map<IConstruct, string[]>();
    const claim = (connector: IConstruct, key: string, message: (other: IConstruct) => string) => {
      const other = holders.get(key);
      if (other === undefined) {
        holders.set(key, connector);
      } else {
        collisions.set(connector, [...collisions.get(connector) ?? [], message(other)]);
      }
    };
    for (const [connector, identityOf] of this.connectors) {
      const identity = identityOf();
      const env = environment(connector);
      if (identity.name !== undefined) {
        claim(connector, `name\0${env.key}\0${identity.name}`, other =>
          `\`vpcConnectorName\` must be unique in ${env.label}, got: '${identity.name}' on both VPC connector ${other.node.path} and ${connector.node.path}. App Runner holds one connector per name in an account and region, so ${connector.node.path} could never be created. Choose another name, or leave \`vpcConnectorName\` unset so that CloudFormation generates one.`);
      }
      if (identity.sharedGroups !== undefined) {
        const keys = [...new Set(identity.sharedGroups.map(g => valueKey(g.securityGroupId, g)))].sort();
        const labels = identity.sharedGroups.map(securityGroupLabel).join(', ');
        claim(connector, `groups\0${env.key}\0${keys.join('\0')}`, other =>
          `\`securityGroups\` must differ from those of every other VPC connector in ${env.label}, got: the same set [${labels}] on both VPC connector ${other.node.path} and ${connector.node.path}. App Runner refuses a connector whose security-group set an existing connector has, so ${connector.node.path} could never be created. Add a group to one of them, set \`uniqueSecurityGroupSet: true\`, or leave \`securityGroups\` unset so that the connector gets a group of its own.`);
      }
    }
    return collisions;
  }
}

const registries = new WeakMap<IConstruct, Registry>();

/**
 * Registers a connector with its app. `identity` is read at synth, when
 * `connections` and the name are final. Returns the connector's collisions
 * with the connectors registered before it, for `node.addValidation`.
 */
export function registerConnector(connector: IConstruct, identity: () => ConnectorIdentity): () => string[] {
  const root = connector.node.root;
  let registry = registries.get(root);
  if (registry === undefined) {
    registry = new Registry();
    registries.set(root, registry);
  }
  registry.connectors.set(connector, identity);
  atEachSynth(connector, registry.refresh);
  const registered = registry;
  return () => registered.collisionsOf(connector);
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

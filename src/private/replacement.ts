import { createHash } from 'crypto';
import { Lazy, Stack, Token } from 'aws-cdk-lib';
import { CfnVpcConnector } from 'aws-cdk-lib/aws-apprunner';
import { IConstruct } from 'constructs';
import { oncePerSynth } from './memo';

/**
 * Characters EC2 accepts in a security group description (at most 255 of them).
 */
const GROUP_DESCRIPTION_INVALID = /[^a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]/g;

const MAX_GROUP_DESCRIPTION = 255;

/** Hex characters of the digest in a description: 48 bits, plenty to tell one version from the next. */
const DIGEST_LENGTH = 12;

/**
 * What the digest reads of a connector, at synth.
 */
export interface ConnectorConfiguration {
  /** The connector's L1: its subnets, name and tags. */
  readonly resource: CfnVpcConnector;
  /** The IDs of its security groups other than its own group, in order. */
  readonly otherSecurityGroupIds: string[];
}

/**
 * The description of the security group a connector owns:
 * `App Runner VPC connector <path> (configuration <digest>)`.
 *
 * `GroupDescription` is create-only, and the digest covers the connector's
 * resolved create-only configuration: so the group is replaced exactly when
 * the connector is, and the replacement connector has a security-group set
 * that no other connector has, which App Runner requires. Resolved at synth
 * (after `Tags.of()` and `connections` have done their work), once per synth
 * (a synth that skips validation reuses the value of the synth before it).
 * `configuration` is a function: the group is created before the connector's L1.
 */
export function ownGroupDescription(connector: IConstruct, configuration: () => ConnectorConfiguration): string {
  // aws-cdk-lib resolves a resource's properties many times in one synth (about 40 times for a
  // group): compute the description once per synth.
  const description = oncePerSynth(connector, () => {
    const suffix = ` (configuration ${configurationDigest(configuration())})`;
    const text = `App Runner VPC connector ${connector.node.path}`.replace(GROUP_DESCRIPTION_INVALID, '_');
    return text.slice(0, MAX_GROUP_DESCRIPTION - suffix.length) + suffix;
  });
  // While preparing, aws-cdk-lib resolves the templates only to find references, and the
  // description holds none: skip the digest there, it is computed for the template itself.
  return Lazy.uncachedString({ produce: context => (context.preparing ? PREPARING_DESCRIPTION : description()) });
}

const PREPARING_DESCRIPTION = 'App Runner VPC connector (configuration not yet resolved)';

/**
 * A digest of what CloudFormation compares to decide whether the connector is
 * replaced: its subnets, security groups, name and tags, each resolved in its
 * stack. The connector's own group stands as a fixed marker (its logical ID
 * never changes), so the digest does not depend on the description it is part of.
 */
export function configurationDigest(configuration: ConnectorConfiguration): string {
  const { resource } = configuration;
  const stack = Stack.of(resource);
  const resolve = resolverFor(stack);
  const name = resource.vpcConnectorName;
  const groups = [...new Set(configuration.otherSecurityGroupIds.map(resolve))];
  // Each part is canonical JSON already: join them rather than walk them again.
  const text = `{"Subnets":[${resource.subnets.map(resolve).join(',')}]`
    + `,"SecurityGroups":["(own group)"${groups.map(group => `,${group}`).join('')}]`
    + `,"VpcConnectorName":${name === undefined ? 'null' : resolve(name)}`
    + `,"Tags":${resource.tags.hasTags() ? canonicalJson(stack.resolve(resource.tags.renderTags())) : 'null'}}`;
  return createHash('sha256').update(text).digest('hex').slice(0, DIGEST_LENGTH);
}

/**
 * Resolved token IDs, by stack, for the current synth: the connectors of an
 * app share their subnets and often their groups, and resolving a reference
 * costs more than all the rest of the digest. Emptied at the start of each synth.
 */
const resolvedIds = new WeakMap<Stack, () => Map<string, string>>();

function resolverFor(stack: Stack): (id: string) => string {
  let idsOf = resolvedIds.get(stack);
  if (idsOf === undefined) {
    idsOf = oncePerSynth(stack, () => new Map<string, string>());
    resolvedIds.set(stack, idsOf);
  }
  const ids = idsOf();
  return id => {
    if (!Token.isUnresolved(id)) {
      return JSON.stringify(id);
    }
    let resolved = ids.get(id);
    if (resolved === undefined) {
      resolved = canonicalJson(stack.resolve(id));
      ids.set(id, resolved);
    }
    return resolved;
  };
}
/** JSON with the keys of every object sorted: the same value gives the same text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

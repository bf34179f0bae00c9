import { createHash } from 'crypto';
import { Lazy, Stack } from 'aws-cdk-lib';
import { CfnVpcConnector } from 'aws-cdk-lib/aws-apprunner';

/**
 * Characters EC2 accepts in a security group description (at most 255 of them).
 */
const GROUP_DESCRIPTION_INVALID = /[^a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]/g;

const MAX_GROUP_DESCRIPTION = 255;

/** Hex characters of the digest in a description: 48 bits, plenty to tell one version from the next. */
const DIGEST_LENGTH = 12;

/**
 * The description of the security group a connector owns:
 * `App Runner VPC connector <path> (configuration <digest>)`.
 *
 * `GroupDescription` is create-only, and the digest covers the connector's
 * resolved create-only configuration: so the group is replaced exactly when
 * the connector is, and the replacement connector has a security-group set
 * that no other connector has, which App Runner requires. Resolved at synth
 * (after `Tags.of()` and `connections` have done their work), once per synth.
 * `resource` is a function: the group is created before the connector's L1.
 */
export function ownGroupDescription(resource: () => CfnVpcConnector, connectorPath: string): string {
  return Lazy.uncachedString({
    produce: () => {
      const suffix = ` (configuration ${configurationDigest(resource())})`;
      const text = `App Runner VPC connector ${connectorPath}`.replace(GROUP_DESCRIPTION_INVALID, '_');
      return text.slice(0, MAX_GROUP_DESCRIPTION - suffix.length) + suffix;
    },
  });
}

/**
 * A digest of what CloudFormation compares to decide whether the connector is
 * replaced: its subnets, security groups, name and tags, resolved in its stack.
 * The connector's own group appears as its stable `Fn::GetAtt`, so the digest
 * does not depend on the description it is part of.
 */
export function configurationDigest(resource: CfnVpcConnector): string {
  const resolved = Stack.of(resource).resolve({
    Subnets: resource.subnets,
    SecurityGroups: resource.securityGroups,
    VpcConnectorName: resource.vpcConnectorName,
    Tags: resource.tags.renderTags(),
  });
  return createHash('sha256').update(canonicalJson(resolved)).digest('hex').slice(0, DIGEST_LENGTH);
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

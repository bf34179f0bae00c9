import { createHash } from 'crypto';
import { CfnResource, Lazy, Reference, Stack, Token, Tokenization } from 'aws-cdk-lib';
import { CfnVpcConnector } from 'aws-cdk-lib/aws-apprunner';
import { IConstruct } from 'constructs';

/*
 * The security group a connector owns is replaced exactly when the connector is, so that the replacement
 * has a security-group set no other connector has (App Runner refuses a set an existing connector has).
 * `GroupDescription` is create-only, so the description carries a digest of what replaces the connector,
 * and the values of the connector that only the deployment knows.
 */

/**
 * The properties whose change replaces a subnet, a VPC or a security group: the `createOnlyProperties` of
 * their CloudFormation schemas, and what `cdk diff` says may replace (a subnet's `Ipv6CidrBlock`, a VPC's
 * `InstanceTenancy`). A replaced one gets a new ID, which replaces the connector that refers to it.
 * test/digest.test.ts checks the lists against the database of `@aws-cdk/cloudformation-diff`.
 */
export const REPLACING_PROPERTIES: { readonly [type: string]: readonly string[] } = {
  'AWS::EC2::Subnet': [
    'AvailabilityZone', 'AvailabilityZoneId', 'CidrBlock', 'Ipv4IpamPoolId', 'Ipv4NetmaskLength', 'Ipv6CidrBlock',
    'Ipv6IpamPoolId', 'Ipv6Native', 'Ipv6NetmaskLength', 'OutpostArn', 'VpcId',
  ],
  'AWS::EC2::VPC': ['CidrBlock', 'InstanceTenancy', 'Ipv4IpamPoolId', 'Ipv4NetmaskLength', 'VpcEncryptionControl'],
  'AWS::EC2::SecurityGroup': ['GroupDescription', 'GroupName', 'VpcId'],
};

/** Characters EC2 accepts in a security group description (at most 255 of them). */
const INVALID = /[^a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]/g;

/**
 * The connector's L1. It remembers its escape hatches and a logical ID set on it, so that the digest reads
 * everything that renders the connector from public API, without resolving its whole template.
 */
export class ConnectorResource extends CfnVpcConnector {
  /** Every override, by path, as `addOverride` (which the other escape hatches call) last set it. */
  public readonly overrides = new Map<string, unknown>();
  public logicalIdSet?: string;

  public addOverride(path: string, value: any): void {
    super.addOverride(path, value);
    this.overrides.set(path, value);
  }

  public overrideLogicalId(newLogicalId: string): void {
    super.overrideLogicalId(newLogicalId);
    this.logicalIdSet = newLogicalId;
  }

  /** What renders it: its properties (tags included, as mixins and Aspects left them), its overrides and a logical ID set on it. */
  public get rendering(): object {
    return { properties: this.cfnProperties, overrides: [...this.overrides], logicalId: this.logicalIdSet };
  }
}

/**
 * The description of the group a connector (at `path`) owns, worked out at synth from the connector's L1
 * (escape hatches, mixins, Aspects and tags included):
 *
 * `App Runner VPC connector <path>: replaced whenever the connector is, so that each connector has a
 * security-group set of its own (configuration <digest>)`
 *
 * The text, and what the digest covers, are a contract: a change replaces every deployed connector's
 * group, and with it the connector (test/digest.test.ts pins it).
 */
export function ownGroupDescription(path: string, connector: ConnectorResource, group: () => IConstruct): string {
  const suffix = (digest: string) => ` (configuration ${digest})`;
  const text = `App Runner VPC connector ${path}: replaced whenever the connector is, so that each connector has a security-group set of its own`
    .replace(INVALID, '_').slice(0, 255 - suffix('0'.repeat(12)).length);
  // Worked out once per synth: the template and the tree metadata resolve the description in turn. Each synth
  // first resolves every template with `preparing: true` (to find references between stacks): that drops it.
  let digest: string | undefined;
  return Lazy.uncachedString({
    produce: context => {
      if (context.preparing) {
        followed.delete(connector.node.root);
      }
      digest = context.preparing ? undefined : digest ?? digestOf(connector, group());
      return text + suffix(digest ?? 'not yet resolved');
    },
  });
}

/**
 * The lines of the subnets, VPCs and groups followed in an app, for one synth (dropped with the digests): the
 * connectors of an app mostly share their subnets, and reading them again for each connector cost as much as
 * the rest of the construct (docs/benchmarks.md).
 */
const followed = new WeakMap<IConstruct, Map<CfnResource, string[]>>();

/**
 * The digest of what renders the connector, and of the replacing properties of every subnet, VPC and group
 * it refers to (in its own stack, or through an export or a nested stack's parameter), and of what those
 * refer to.
 */
function digestOf(connector: ConnectorResource, group: IConstruct): string {
  const shared = followed.get(connector.node.root) ?? new Map<CfnResource, string[]>();
  followed.set(connector.node.root, shared);
  const lines = new Set<string>();
  const rendering = json(connector.rendering, connector,
    target => (target === group ? false : linesOf(target, shared).forEach(line => lines.add(line))));
  return createHash('sha256').update([rendering, ...lines].join('\n')).digest('hex').slice(0, 12);
}

/** The line of `target` (its path and its replacing properties), then those of what it refers to. */
function linesOf(target: CfnResource, shared: Map<CfnResource, string[]>): string[] {
  let lines = shared.get(target);
  if (lines === undefined) {
    lines = [];
    shared.set(target, lines); // a cycle ends here
    const nested: string[] = [];
    // The L1's property `vpcId` is its template's `VpcId`. Its escape hatches are not read: a subnet changes through its props.
    const properties = REPLACING_PROPERTIES[target.cfnResourceType]
      .map(name => [name, (target as unknown as Record<string, unknown>)[name[0].toLowerCase() + name.slice(1)]]);
    const replacing = json(Object.fromEntries(properties), target, t => nested.push(...linesOf(t, shared)));
    lines.push(`${target.node.path} ${replacing}`, ...nested);
  }
  return lines;
}

/**
 * `value` as JSON, with the keys of every object sorted (so that neither the order of overrides nor one inside
 * aws-cdk-lib changes it): a reference to a subnet, a VPC or a group is the path of its resource (the same in
 * every stack that refers to it), which `follow` is given (`false`: the connector's own group), and any other
 * token is its value resolved in the stack of `scope`.
 */
function json(value: unknown, scope: IConstruct, follow: (target: CfnResource) => unknown): string {
  if (Token.isUnresolved(value)) {
    const token = Tokenization.reverse(value, { failConcat: false });
    return JSON.stringify(token instanceof Reference && CfnResource.isCfnResource(token.target) && REPLACING_PROPERTIES[token.target.cfnResourceType]
      ? (follow(token.target) === false ? 'own group' : `${token.target.node.path}.${token.displayName}`)
      : Stack.of(scope).resolve(value)) ?? 'null';
  }
  if (typeof value !== 'object' || value === null) {
    return JSON.stringify(value) ?? 'null';
  }
  return Array.isArray(value) ? `[${value.map(v => json(v, scope, follow)).join(',')}]`
    : `{${Object.keys(value).sort().map(key => `${JSON.stringify(key)}:${json((value as Record<string, unknown>)[key], scope, follow)}`).join(',')}}`;
}

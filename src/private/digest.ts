import { createHash } from 'crypto';
import { CfnResource, Fn, Lazy, Reference, Stack, Token, Tokenization } from 'aws-cdk-lib';
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

/** How every description starts: the groups that connectors own can be found by it. */
export const DESCRIPTION_PREFIX = 'App Runner VPC connector group, replaced with its connector';

/**
 * The properties whose deploy-time values the description carries, and the longest such value with a
 * comma: `subnet-` or `sg-` and 17 hexadecimal digits, a name of 40 characters.
 */
const CARRIED = { subnets: 25, securityGroups: 21, vpcConnectorName: 41 };

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
  public get rendering(): { properties: Record<string, unknown>; overrides: [string, unknown][]; logicalId?: string } {
    return { properties: this.cfnProperties, overrides: [...this.overrides], logicalId: this.logicalIdSet };
  }
}

/**
 * The description of the group a connector owns, worked out at synth from what renders the connector's L1
 * (escape hatches, mixins, Aspects and tags included), and from the replacing properties of the subnets, VPCs
 * and groups it refers to, through any stack or nested stack:
 *
 * `App Runner VPC connector group, replaced with its connector (configuration <digest>)`, and
 * ` for <value>,<value>` (an `Fn::Join`) when subnets, groups or the name are known only at deploy time
 * (a parameter, an SSM parameter, an import from outside the app), so that CloudFormation sees it change.
 *
 * Neither the connector's construct path nor its generated logical ID is in it: a move keeps it (`cdk
 * refactor`). The text, and what the digest covers, are a contract: a change replaces every deployed
 * connector's group, and with it the connector (test/digest.test.ts pins it). `warn` is told of
 * deploy-time values the description cannot carry.
 */
export function ownGroupDescription(connector: ConnectorResource, group: () => IConstruct, warn: (message: string) => void): string {
  // Worked out once per synth: the template and the tree metadata resolve the description in turn. Each synth
  // first resolves every template with `preparing: true` (to find references between stacks): that drops it.
  let description: string | undefined;
  return Lazy.uncachedString({
    produce: context => {
      if (context.preparing) {
        followed.delete(connector.node.root);
        description = undefined;
        return DESCRIPTION_PREFIX;
      }
      description ??= describe(connector, group(), warn);
      return description;
    },
  });
}

/**
 * What the digest found of each subnet, VPC and group in an app, for one synth (dropped with the
 * descriptions): the connectors of an app mostly share their subnets, and reading them again for each
 * connector cost as much as the rest of the construct (docs/benchmarks.md).
 */
const followed = new WeakMap<IConstruct, Map<CfnResource, Followed>>();

interface Followed {
  /** `<stack path>/<logical ID>`: a plain move of the VPC replaces its subnets, and the group must follow. */
  readonly marker: string;
  /** Its line (the marker and its replacing properties), then those of what it refers to. */
  readonly lines: string[];
  deployTime: boolean;
}

function describe(connector: ConnectorResource, group: IConstruct, warn: (message: string) => void): string {
  const shared = followed.get(connector.node.root) ?? new Map<CfnResource, Followed>();
  followed.set(connector.node.root, shared);
  const digest = new Digest(group, shared);
  const rendering = connector.rendering;
  const text = [digest.json(rendering, connector), ...digest.lines].join('\n');
  const head = `${DESCRIPTION_PREFIX} (configuration ${createHash('sha256').update(text).digest('hex').slice(0, 12)})`;
  if (!digest.deployTime) {
    return head;
  }
  // Deploy-time values: the subnets, groups and name are carried as the template has them; others are not.
  const carried = Object.entries(CARRIED).flatMap(([prop, width]) => [(connector as unknown as Record<string, unknown>)[prop]].flat()
    .filter(entry => entry !== undefined && new Digest(group, shared).isDeployTime(entry, connector)).map(entry => ({ entry, width })));
  const fits = head.length + ' for '.length + carried.reduce((sum, { width }) => sum + width, 0) <= 255;
  const others = new Digest(group, shared).isDeployTime({ ...rendering, properties: { ...rendering.properties, ...EMPTY } }, connector);
  const values = carried.map(({ entry }) => JSON.stringify(Stack.of(connector).resolve(entry)));
  if (!fits || others) {
    warn(`The connector takes values known only at deploy time that its own security group's description cannot carry: ${[...fits ? [] : values, ...others ? ['its tags or escape hatches'] : []].join(', ')}`
      + `${fits ? '' : ' (EC2 allows 255 characters)'}. When they change, the connector is replaced and its group is not, so App Runner refuses the new connector (its security-group set exists). `
      + 'Change a tag on the connector, or its name, in the same deployment; or give these values at synth time.');
  }
  return fits && carried.length > 0 ? Fn.join('', [head, ' for ', Fn.join(',', carried.map(({ entry }) => Token.asString(Stack.of(connector).resolve(entry))))]) : head;
}

const EMPTY = { subnets: [], securityGroups: [], vpcConnectorName: undefined };

/** What renders a connector, as JSON for the digest, with what it refers to. */
class Digest {
  /** The lines of the subnets, VPCs and groups referred to, each once. */
  public readonly lines = new Set<string>();
  /** Whether a value met is known only at deploy time. */
  public deployTime = false;

  constructor(private readonly group: IConstruct, private readonly shared: Map<CfnResource, Followed>) {}

  public isDeployTime(value: unknown, scope: IConstruct): boolean {
    this.json(value, scope);
    return this.deployTime;
  }

  /**
   * `value` as JSON, with the keys of every object sorted (so that neither the order of overrides nor one
   * inside aws-cdk-lib changes it): a reference to a subnet, a VPC or a group is its marker, followed; one to
   * the connector's own group `own group`; any other token its value resolved in the stack of `scope`.
   */
  public json(value: unknown, scope: IConstruct): string {
    if (!Token.isUnresolved(value)) {
      if (typeof value !== 'object' || value === null) {
        this.deployTime ||= typeof value === 'string' && value.includes('{{resolve:');
        return JSON.stringify(value) ?? 'null';
      }
      return Array.isArray(value) ? `[${value.map(v => this.json(v, scope)).join(',')}]`
        : `{${Object.keys(value).sort().map(key => `${JSON.stringify(key)}:${this.json((value as Record<string, unknown>)[key], scope)}`).join(',')}}`;
    }
    const token = Tokenization.reverse(value, { failConcat: false });
    if (token instanceof Reference && CfnResource.isCfnResource(token.target) && REPLACING_PROPERTIES[token.target.cfnResourceType]) {
      return JSON.stringify(token.target === this.group ? 'own group' : `${this.follow(token.target)}.${token.displayName}`);
    }
    const resolved = JSON.stringify(Stack.of(scope).resolve(value)) ?? 'null';
    // A template parameter, an import and a dynamic reference are known at deploy time. A pseudo parameter is
    // fixed for a deployed stack, and an attribute of a resource changes only with the template.
    this.deployTime ||= /\{\{resolve:|"Fn::ImportValue"|"Ref":"(?!AWS::)/.test(resolved);
    return resolved;
  }

  /** The marker of a subnet, VPC or group, and its lines (its replacing properties, as its L1 has them: not its escape hatches). */
  private follow(target: CfnResource): string {
    let found = this.shared.get(target);
    if (found === undefined) {
      found = { marker: `${Stack.of(target).node.path}/${Stack.of(target).resolve(target.logicalId)}`, lines: [], deployTime: false };
      this.shared.set(target, found); // a cycle ends here
      const inner = new Digest(this.group, this.shared);
      // The L1's property `vpcId` is its template's `VpcId`.
      const replacing = inner.json(Object.fromEntries(REPLACING_PROPERTIES[target.cfnResourceType]
        .map(name => [name, (target as unknown as Record<string, unknown>)[name[0].toLowerCase() + name.slice(1)]])), target);
      found.lines.push(`${found.marker} ${replacing}`, ...inner.lines);
      found.deployTime = inner.deployTime;
    }
    found.lines.forEach(line => this.lines.add(line));
    this.deployTime ||= found.deployTime;
    return found.marker;
  }
}

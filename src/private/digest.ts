import { createHash } from 'crypto';
import { CfnResource, Fn, Lazy, Reference, Stack, Token, Tokenization } from 'aws-cdk-lib';
import { CfnVpcConnector } from 'aws-cdk-lib/aws-apprunner';
import { IConstruct } from 'constructs';

/**
 * The properties whose change replaces a subnet, a VPC or a security group: the `createOnlyProperties` of
 * their CloudFormation schemas, and what `cdk diff` says may replace (a subnet's `Ipv6CidrBlock`, a VPC's
 * `InstanceTenancy`). test/digest.test.ts checks the lists against the database of `@aws-cdk/cloudformation-diff`.
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

/** The properties whose deploy-time values the description carries, and the widest entry: `subnet-`/`sg-` and 17 hex digits, a name, and a comma. */
const CARRIED = { subnets: 25, securityGroups: 21, vpcConnectorName: 41 };

/** The connector's L1. It remembers its escape hatches and a logical ID set on it, for the digest. */
export class ConnectorResource extends CfnVpcConnector {
  private readonly overrides: Record<string, unknown> = {};
  private logicalIdSet?: string;

  public addOverride(path: string, value: any): void {
    super.addOverride(path, value);
    this.overrides[path] = value;
  }

  public overrideLogicalId(newLogicalId: string): void {
    super.overrideLogicalId(newLogicalId);
    this.logicalIdSet = newLogicalId;
  }

  /** What renders it: its properties (after mixins, Aspects and tags), its overrides (`addOverride` as last set) and a logical ID set on it. */
  public get rendering() {
    return { properties: this.cfnProperties, overrides: this.overrides, logicalId: this.logicalIdSet };
  }
}

/**
 * The description of the group a connector owns: `<prefix> (configuration <digest>)`, and ` for <value>,…` (an
 * `Fn::Join`) when subnets, groups or the name are known only at deploy time. The digest covers what renders the
 * L1, and the replacing properties, stack path and logical ID of the subnets, VPCs and groups it refers to, through
 * any stack or nested stack; not the connector's path or generated logical ID (`cdk refactor` can move it). The text
 * and what the digest covers are a contract: a change replaces every deployed connector (test/digest.test.ts).
 */
export function ownGroupDescription(connector: ConnectorResource, group: () => IConstruct, warn: (message: string) => void): string {
  // Worked out once per synth. Each synth first resolves every template with `preparing: true`: that drops it.
  let description: string | undefined;
  return Lazy.uncachedString({
    produce: context => {
      if (context.preparing) {
        followed.delete(connector.node.root);
        description = undefined;
        return DESCRIPTION_PREFIX;
      }
      return description ??= describe(connector, group(), warn);
    },
  });
}

/**
 * What the digest found of each subnet, VPC and group of an app, for one synth: the connectors of an app
 * mostly share their subnets, and reading them for each connector cost as much as the rest of the construct.
 */
const followed = new WeakMap<IConstruct, Map<CfnResource, Followed>>();

interface Followed { readonly marker: string; readonly lines: string[]; deployTime: boolean }

function describe(connector: ConnectorResource, group: IConstruct, warn: (message: string) => void): string {
  const shared = followed.get(connector.node.root) ?? followed.set(connector.node.root, new Map()).get(connector.node.root)!;
  const digest = new Digest(group, shared);
  const rendering = connector.rendering;
  const text = [digest.json(rendering, connector), ...digest.lines].join('\n');
  const head = `${DESCRIPTION_PREFIX} (configuration ${createHash('sha256').update(text).digest('hex').slice(0, 12)})`;
  if (!digest.deployTime) {
    return head;
  }
  const deployTime = (value: unknown) => new Digest(group, shared).isDeployTime(value, connector);
  const carried = Object.entries(CARRIED).flatMap(([prop, width]) => [rendering.properties[prop as keyof typeof CARRIED]].flat()
    .filter(entry => entry !== undefined && deployTime(entry)).map(entry => ({ entry, width })));
  const fits = head.length + ' for '.length + carried.reduce((sum, { width }) => sum + width, 0) <= 255;
  const others = deployTime({ ...rendering, properties: { ...rendering.properties, subnets: [], securityGroups: [], vpcConnectorName: undefined } });
  if (!fits || others) {
    warn('The connector takes values known only at deploy time that its own security group\'s description cannot carry: '
      + `${[...fits ? [] : carried.map(({ entry }) => JSON.stringify(Stack.of(connector).resolve(entry))), ...others ? ['its tags or escape hatches'] : []].join(', ')}`
      + `${fits ? '' : ' (EC2 allows 255 characters)'}. When they change, the connector is replaced and its group is not, so App Runner refuses the new connector (its security-group set exists). `
      + 'Change a tag on the connector, or its name, in the same deployment; or give these values at synth time.');
  }
  return fits && carried.length > 0 ? Fn.join('', [head, ' for ', Fn.join(',', carried.map(({ entry }) => Token.asString(Stack.of(connector).resolve(entry))))]) : head;
}

/** What renders a connector, as canonical JSON (keys sorted), with the lines of what it refers to. */
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
   * `value` as JSON: a reference to a subnet, a VPC or a group is its marker (`<stack path>/<logical ID>.<attribute>`),
   * followed; one to the connector's own group `own group`; any other token its value resolved in the stack of `scope`.
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
    // A parameter, an import and a dynamic reference are known at deploy time; a pseudo parameter is fixed for a
    // deployed stack, and an attribute of a resource changes only with the template.
    this.deployTime ||= /\{\{resolve:|"Fn::ImportValue"|"Ref":"(?!AWS::)/.test(resolved);
    return resolved;
  }

  /** The marker of a subnet, VPC or group; its line (the marker and its replacing properties as its L1 has them), and those of what it refers to. */
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

import { createHash } from 'crypto';
import { CfnResource, Fn, Reference, Stack, Token, Tokenization } from 'aws-cdk-lib';
import { CfnVpcConnector } from 'aws-cdk-lib/aws-apprunner';
import { CfnSecurityGroup } from 'aws-cdk-lib/aws-ec2';
import { clip, whenValidated } from './checks';

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
const CARRIED = { Subnets: 25, SecurityGroups: 21, VpcConnectorName: 41 };

/** A connector whose own group's description is worked out at synth. */
export interface Owner {
  /** The connector's L1, and the L1 of the group it owns. */
  readonly resource: CfnVpcConnector;
  readonly group: CfnSecurityGroup;
  /** Warns of values known only at deploy time that the description cannot carry. */
  readonly warn: (message: string) => void;
}

const owners = new WeakMap<Stack, Owner[]>();

/**
 * Sets the description of the group `owner` owns when its stack is validated, at every synth (the step before
 * templates are written), for all connectors of the stack at once: `<prefix> (configuration <digest>)`, and
 * ` for <value>,…` (an `Fn::Join`) when subnets, groups or the name are known only at deploy time. The digest is of
 * what CloudFormation receives: the connector's rendered properties (its overridden logical ID too), and the
 * rendered replacing properties of the subnets, VPCs and groups it refers to, through any stack or nested stack; not
 * its path or generated logical ID (`cdk refactor` can move it). Its text is a contract (test/digest.test.ts).
 */
export function describeAtSynth(owner: Owner) {
  whenValidated(owners, Stack.of(owner.resource), owner, all => {
    const pass = new Pass();
    all.forEach(each => each.group.groupDescription = pass.describe(each));
  });
}

/** The properties as JSON, in the order of their names (an escape hatch adds a property at the end). */
function sortedJson(properties: Record<string, unknown>): string {
  return `{${Object.keys(properties).filter(name => properties[name] !== undefined).sort().map(name => `"${name}":${JSON.stringify(properties[name])}`).join(',')}}`;
}

/** A parameter, an import and a dynamic reference are known at deploy time; a pseudo parameter is fixed for a deployed stack. */
const isDeployTime = (text: string) => /\{\{resolve:|"Fn::ImportValue"|"Ref":"(?!AWS::)/.test(text);

/** What a resource referred to contributes: its lines, and whether a value in them is known only at deploy time. */
interface Followed { readonly lines: string[]; deployTime: boolean }

/** One validation of a stack: the subnets, VPCs and groups its connectors share are rendered once. */
class Pass {
  private readonly followed = new Map<CfnResource, Followed>();
  /** By the stack path and a token: the subnet, VPC or group the token refers to, and the token as it renders there. */
  private readonly rendered = new Map<string, { key: string; target: CfnResource } | undefined>();

  public describe(owner: Owner): string {
    const stack = Stack.of(owner.resource);
    const { logicalId, properties } = renderedOf(owner.resource);
    // The own group's logical ID follows the construct path, which a move changes (`cdk refactor`): it is set aside.
    const own = JSON.stringify({ 'Fn::GetAtt': [stack.getLogicalId(owner.group), 'GroupId'] });
    const text = sortedJson(properties).split(own).join('"own group"');
    const lines = new Set(logicalId === stack.getLogicalId(owner.resource) ? [] : [`logical ID ${logicalId}`]);
    // The subnets and groups the text refers to, followed; the text without them.
    const refs = this.references(stack, [...owner.resource.subnets, ...owner.resource.securityGroups ?? []], owner.group);
    const followed = new Map([...refs].filter(([key]) => text.includes(key)).map(([key, target]) => [key, this.follow(target)]));
    followed.forEach((found, key) => found.lines.forEach(line => lines.add(`${key} ${line}`)));
    const plain = [...followed.keys()].reduce((rest, key) => rest.split(key).join('null'), text);
    const head = `${DESCRIPTION_PREFIX} (configuration ${createHash('sha256').update([text, ...[...lines].sort()].join('\n')).digest('hex').slice(0, 12)})`;
    if (![...followed.values()].some(found => found.deployTime) && !isDeployTime(plain)) {
      return head;
    }

    // Each entry of the carried properties that is known only at deploy time, itself or through what it refers to.
    const deployTime = (value: unknown) => {
      const entry = JSON.stringify(value);
      return followed.get(entry)?.deployTime ?? (entry !== own && !refs.has(entry) && isDeployTime(entry));
    };
    const carried = Object.entries(CARRIED).flatMap(([prop, width]) => [properties[prop] ?? []].flat()
      .filter(deployTime).map(value => ({ value, width })));
    const others = Object.entries(properties).some(([prop, value]) => !(prop in CARRIED) && deployTime(value));
    const fits = head.length + ' for '.length + carried.reduce((sum, { width }) => sum + width, 0) <= 255;
    if (!fits || others) {
      owner.warn(`Values known only at deploy time ${fits ? 'in its tags or escape hatches' : `(${clip(carried.map(({ value }) => JSON.stringify(value)).join(', '), 60)})`} do not fit in `
        + 'its own group\'s description: when they change, App Runner refuses the new connector. Give them at synth time, or change a tag '
        + 'in the same deployment (README: Replacement).');
    }
    return fits && carried.length > 0
      ? Fn.join('', [head, ' for ', Fn.join(',', carried.map(({ value }) => (typeof value === 'string' ? value : Token.asString(value))))])
      : head;
  }

  /** The subnets, VPCs and groups that `values` (as an L1 holds them) refer to, by their rendering in `stack`. */
  private references(stack: Stack, values: unknown[], except?: CfnSecurityGroup): Map<string, CfnResource> {
    const refs = new Map<string, CfnResource>();
    for (const value of values) {
      const key = typeof value === 'string' && value !== except?.attrGroupId && Token.isUnresolved(value) ? `${stack.node.path} ${value}` : undefined;
      if (key !== undefined && !this.rendered.has(key)) {
        const token = Tokenization.reverse(value as string, { failConcat: false });
        const target = token instanceof Reference && CfnResource.isCfnResource(token.target) ? token.target : undefined;
        this.rendered.set(key, target && REPLACING_PROPERTIES[target.cfnResourceType] && { key: JSON.stringify(stack.resolve(value)), target });
      }
      const ref = key === undefined ? undefined : this.rendered.get(key);
      if (ref !== undefined) {
        refs.set(ref.key, ref.target);
      }
    }
    return refs;
  }

  /** The replacing properties of a subnet, VPC or group as they render, and those of what they refer to. */
  private follow(target: CfnResource): Followed {
    let found = this.followed.get(target);
    if (found === undefined) {
      found = { lines: [], deployTime: false };
      this.followed.set(target, found); // a cycle ends here
      const { properties } = renderedOf(target);
      const replacing = JSON.stringify(Object.fromEntries(REPLACING_PROPERTIES[target.cfnResourceType].map(name => [name, properties[name]])));
      found.lines.push(replacing);
      let own = replacing;
      for (const [key, inner] of this.references(Stack.of(target), [(target as { vpcId?: unknown }).vpcId])) {
        if (replacing.includes(key)) {
          const next = this.follow(inner);
          found.lines.push(...next.lines.map(line => `${key} ${line}`));
          found.deployTime ||= next.deployTime;
          own = own.split(key).join('null');
        }
      }
      found.deployTime ||= isDeployTime(own);
    }
    return found;
  }
}

/** A resource as its stack's template has it (what CloudFormation receives): its logical ID and properties. */
function renderedOf(resource: CfnResource): { logicalId: string; properties: Record<string, unknown> } {
  const template: { Resources: Record<string, { Properties?: Record<string, unknown> }> } = Stack.of(resource).resolve(resource._toCloudFormation());
  const [logicalId, rendered] = Object.entries(template.Resources)[0];
  return { logicalId, properties: rendered.Properties ?? {} };
}

import { createHash } from 'crypto';
import { CfnElement, CfnOutput, CfnResource, IResolvable, IResolveContext, Lazy, Stack, Token } from 'aws-cdk-lib';
import { CfnVpcConnector, CfnVpcConnectorProps } from 'aws-cdk-lib/aws-apprunner';
import { Construct, IConstruct } from 'constructs';
import { memo } from './memo';

/*
 * The security group a connector owns is replaced exactly when the connector is, so that the
 * replacement connector has a security-group set no other connector has (App Runner refuses a
 * connector whose set an existing connector has). `GroupDescription` is create-only, so the group's
 * description carries a digest of everything whose change replaces the connector: the connector as
 * CloudFormation sees it, and what it refers to that a change could replace behind the same ID.
 */

/**
 * The properties whose change replaces a resource, for the types a connector's subnets and security
 * groups are made of. A replaced subnet, VPC or group gets a new ID, and every resource that refers to
 * it in a create-only property is replaced too: the connector, all of whose properties are create-only.
 *
 * The `createOnlyProperties` of the CloudFormation resource schemas (aws-ec2-subnet.json, aws-ec2-vpc.json,
 * aws-ec2-securitygroup.json, as cfn-lint 1.58 ships them), and the properties that `cdk diff`
 * (`@aws-cdk/cloudformation-diff`) says may replace: a subnet's `Ipv6CidrBlock`, a VPC's `InstanceTenancy`.
 * test/digest.test.ts checks the lists against the database `cdk diff` uses.
 */
export const REPLACING_PROPERTIES: { readonly [type: string]: readonly string[] } = {
  'AWS::EC2::Subnet': [
    'AvailabilityZone', 'AvailabilityZoneId', 'CidrBlock', 'Ipv4IpamPoolId', 'Ipv4NetmaskLength', 'Ipv6CidrBlock',
    'Ipv6IpamPoolId', 'Ipv6Native', 'Ipv6NetmaskLength', 'OutpostArn', 'VpcId',
  ],
  'AWS::EC2::VPC': ['CidrBlock', 'InstanceTenancy', 'Ipv4IpamPoolId', 'Ipv4NetmaskLength', 'VpcEncryptionControl'],
  'AWS::EC2::SecurityGroup': ['GroupDescription', 'GroupName', 'VpcId'],
};

/**
 * The connector's L1. It remembers how it was last rendered into its stack's template, so that the
 * digest reads exactly that, after escape hatches, mixins, Aspects and tags, at no extra cost.
 */
export class ConnectorResource extends CfnVpcConnector {
  /** The last rendering in a template: `{ Resources: { <logical ID>: <definition> } }`, a new object each time. */
  private rendering?: object;

  constructor(scope: Construct, id: string, props: CfnVpcConnectorProps) {
    super(scope, id, props);
  }

  /**
   * aws-cdk-lib's `CfnElement._toCloudFormation()` (internal; test:compat runs on the lowest and the
   * latest aws-cdk-lib), with the final rendering remembered when the template is resolved.
   */
  public _toCloudFormation(): object {
    const template = super._toCloudFormation();
    return new Observed(template, rendered => {
      this.rendering = rendered as object;
    });
  }

  /**
   * The template fragment of this resource as its stack last rendered it. A stack renders its
   * resources in the order they were created, and the connector creates its L1 before its group, so
   * within a synth this is the rendering of that synth when the group's description is resolved.
   */
  public rendered(): object {
    // Never rendered (a description resolved outside a synth): the same, resolved here.
    return this.rendering ?? Stack.of(this).resolve(super._toCloudFormation()) as object;
  }
}

/** Characters EC2 accepts in a security group description (at most 255 of them). */
const GROUP_DESCRIPTION_INVALID = /[^a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]/g;
const MAX_GROUP_DESCRIPTION = 255;

/** Hex characters of the digest in a description: 48 bits, plenty to tell one version from the next. */
const DIGEST_LENGTH = 12;

/**
 * The description of the security group `connector` owns, as a token resolved at synth, from its
 * L1 `resource` as its template renders it.
 *
 * `App Runner VPC connector <path>: replaced whenever the connector is, so that each connector
 * has a security-group set of its own (configuration <digest>)`
 *
 * The text is a contract: a change to it replaces every deployed connector's group, and with it the
 * connector. test/digest.test.ts pins it.
 */
export function ownGroupDescription(connector: IConstruct, resource: ConnectorResource): string {
  const suffix = (digest: string) => ` (configuration ${digest})`;
  const text = `App Runner VPC connector ${connector.node.path}: replaced whenever the connector is, so that each connector has a security-group set of its own`
    .replace(GROUP_DESCRIPTION_INVALID, '_')
    .slice(0, MAX_GROUP_DESCRIPTION - suffix('0'.repeat(DIGEST_LENGTH)).length);
  return Lazy.uncachedString({
    produce: context => {
      if (context.preparing) {
        // A new synth: what the app's digests share may be stale. Nothing to find here.
        synthOf(connector).count++;
        return `${text}${suffix('not yet resolved')}`;
      }
      // Once per rendering of the L1: the template and the tree metadata resolve the description in turn.
      const rendering = resource.rendered();
      return memo(connector, 'description', rendering,
        () => text + suffix(identityOf(resource, rendering, undefined, { synth: synthOf(connector).count, visiting: [] })));
    },
  });
}

/**
 * The digest of a resource's rendering `template` (`{ Resources: { <logical ID>: <definition> } }`):
 * its logical ID, type and properties (only `properties` of them, when given), and for each subnet,
 * VPC and security group of the app that they refer to (through `Ref`, `Fn::GetAtt` or
 * `Fn::ImportValue`), the digest of that resource's replacing properties, worked out the same way.
 *
 * The text digested is the properties' JSON as aws-cdk-lib renders them (its generated L1s write
 * properties in the schema's order, and tags sorted by key; test/digest.test.ts pins the result on the
 * lowest and the latest aws-cdk-lib), then one line per reference. Native JSON and a regular expression
 * keep the work per connector small: it runs once per connector and synth, mostly not yet optimized.
 */
function identityOf(resource: CfnElement, template: unknown, properties: readonly string[] | undefined, walk: Walk): string {
  const [logicalId, definition] = Object.entries((template as Fragment | undefined)?.Resources ?? {})[0] ?? [];
  const all = definition?.Properties ?? {};
  const picked = properties === undefined ? all
    : Object.fromEntries(properties.filter(name => all[name] !== undefined).map(name => [name, all[name]]));
  const json = JSON.stringify(picked);
  let text = `${logicalId}\n${definition?.Type}\n${json}\n`;
  const stack = Stack.of(resource);
  for (const [reference, intrinsic, argument] of json.matchAll(REFERENCE)) {
    const target = referenced(intrinsic, argument, stack, walk.synth);
    if (target !== undefined && !walk.visiting.includes(target)) {
      text += `${reference}: ${identityOfReferenced(target, { synth: walk.synth, visiting: [...walk.visiting, resource] })}\n`;
    }
  }
  return createHash('sha256').update(text).digest('hex').slice(0, DIGEST_LENGTH);
}

/**
 * A reference in rendered JSON, and its first argument: `{"Ref":"<logical ID>"`,
 * `{"Fn::GetAtt":["<logical ID>"` (or `"<logical ID>.<attribute>"`), `{"Fn::ImportValue":"<export name>"`.
 */
const REFERENCE = /\{"(Ref|Fn::GetAtt|Fn::ImportValue)":\[?"([^"]+)"/g;

/** Where a digest is being worked out: the synth (see `synthOf`), and the resources it went through (a cycle stops). */
interface Walk {
  readonly synth: number;
  readonly visiting: readonly CfnElement[];
}

/** A template fragment of one resource. */
interface Fragment {
  readonly Resources?: { readonly [logicalId: string]: { readonly Type?: string; readonly Properties?: Record<string, unknown> } };
}

/** A referenced subnet, VPC or group's digest: shared by the connectors of an app, worked out once per synth. */
function identityOfReferenced(target: CfnResource, walk: Walk): string {
  const properties = REPLACING_PROPERTIES[target.cfnResourceType];
  return memo(target, 'identity', walk.synth, () => identityOf(target, Stack.of(target).resolve(target._toCloudFormation()), properties, walk));
}

/**
 * The subnet, VPC or group of the app that a reference in `stack` refers to. The groups that connectors
 * own are not among them: they are replaced exactly with their connector, and a connector's own group is
 * what its digest is worked out for.
 */
function referenced(intrinsic: string, argument: string, stack: Stack, synth: number): CfnResource | undefined {
  if (intrinsic !== 'Fn::ImportValue') {
    return referable(stack, synth).get(intrinsic === 'Ref' ? argument : argument.split('.')[0]);
  }
  const exported = exportsOf(stack.node.root, synth).get(argument);
  const value = exported?.value as { 'Ref'?: unknown; 'Fn::GetAtt'?: unknown } | undefined;
  const logicalId = value?.Ref ?? (Array.isArray(value?.['Fn::GetAtt']) ? value['Fn::GetAtt'][0] : undefined);
  return exported && typeof logicalId === 'string' ? referable(exported.stack, synth).get(logicalId) : undefined;
}

/** The subnets, VPCs and groups of a stack whose replacement the digests follow, by logical ID, for this synth. */
function referable(stack: Stack, synth: number): Map<string, CfnResource> {
  return memo(stack, 'referable', synth, () => new Map(stack.node.findAll()
    .filter((c): c is CfnResource => CfnResource.isCfnResource(c) && REPLACING_PROPERTIES[c.cfnResourceType] !== undefined
      && !isOwnGroup(c) && Stack.of(c) === stack)
    .map(resource => [stack.resolve(resource.logicalId) as string, resource])));
}

/** Whether `resource` is the group a connector owns: `<connector>/SecurityGroup/Resource`, beside the connector's L1. */
function isOwnGroup(resource: CfnResource): boolean {
  const group = resource.node.scope;
  return group?.node.id === OWN_GROUP_ID && group.node.scope?.node.defaultChild instanceof ConnectorResource;
}

/** The construct ID of the group a connector owns. */
export const OWN_GROUP_ID = 'SecurityGroup';

/** The exports of an app by name (the outputs aws-cdk-lib adds for references between stacks), for this synth. */
function exportsOf(root: IConstruct, synth: number): Map<string, { value: Record<string, unknown>; stack: Stack }> {
  return memo(root, 'exports', synth, () => {
    const found = new Map<string, { value: Record<string, unknown>; stack: Stack }>();
    for (const output of root.node.findAll().filter((c): c is CfnOutput => c instanceof CfnOutput)) {
      const stack = Stack.of(output);
      const name: unknown = output.exportName === undefined ? undefined : stack.resolve(output.exportName);
      const value: unknown = stack.resolve(output.value);
      if (typeof name === 'string' && typeof value === 'object' && value !== null) {
        found.set(name, { value: value as Record<string, unknown>, stack });
      }
    }
    return found;
  });
}

/**
 * A value whose final resolution is reported to `rendered` (aws-cdk-lib resolves a template with
 * `preparing: true` first, to find references between stacks).
 */
class Observed implements IResolvable {
  public readonly creationStack: string[] = [];

  constructor(private readonly value: unknown, private readonly rendered: (value: unknown) => void) {}

  public resolve(context: IResolveContext): unknown {
    if (!context.preparing) {
      context.registerPostProcessor({ postProcess: value => { this.rendered(value); return value; } });
    }
    return this.value;
  }

  public toString(): string {
    return Token.asString(this);
  }
}

/**
 * The synths of the app `scope` is in, as far as the digests can tell: the digests of what connectors
 * refer to (a VPC's subnets) are shared by the connectors of an app, and must be worked out again when
 * the app may have changed. aws-cdk-lib prepares an app before it renders it, resolving every template
 * with `preparing: true` to find the references between stacks (also when it skips validation): each
 * such resolution of a description counts here. (Resolving the subnets again for each connector would
 * cost more than all the rest of the digest: docs/benchmarks.md.)
 */
function synthOf(scope: IConstruct): { count: number } {
  return memo(scope.node.root, 'synths', undefined, () => ({ count: 0 }));
}

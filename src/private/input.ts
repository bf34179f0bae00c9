import { IPropertyInjector, PropertyInjectors } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct, IConstruct } from 'constructs';
import { isVpc } from './vpc-identity';
import type { VpcConnectorAttributes, VpcConnectorProps } from '../vpc-connector';

/*
 * What a constructor receives, before it builds anything: the props after property injection,
 * checked; an error it throws gets the construct's path.
 *
 * jsii checks the types of the arguments of Python, Java, C# and Go callers; JavaScript callers
 * (and values read from config files) get no check. These checks make every wrong type an Error
 * that names the prop and says what it expected, before anything reads the value.
 */

/** What a list prop holds, for its messages. */
interface ListKind {
  readonly prop: string;
  /** 'subnet', 'security group' */
  readonly noun: string;
  /** 'subnets', 'security groups' */
  readonly nouns: string;
  /** The TypeScript type of an entry: 'ec2.ISubnet'. */
  readonly type: string;
  /** The attribute that holds the entry's ID: 'subnetId'. */
  readonly idKey: string;
  /** The name of a variable holding one entry, in a suggested fix: 'subnet'. */
  readonly variable: string;
  /** An ID of the kind, for a suggested fix that knows none: 'subnet-…'. */
  readonly placeholderId: string;
  /** How to import an entry by ID. */
  readonly importer: (id: string) => string;
  /** What a right value looks like. */
  readonly example: string;
}

const SUBNETS: ListKind = {
  prop: 'subnets',
  noun: 'subnet',
  nouns: 'subnets',
  type: 'ec2.ISubnet',
  idKey: 'subnetId',
  variable: 'subnet',
  placeholderId: 'subnet-…',
  importer: id => `ec2.Subnet.fromSubnetId(this, 'Subnet', '${id}')`,
  example: '`vpc.privateSubnets`',
};

const SECURITY_GROUPS: ListKind = {
  prop: 'securityGroups',
  noun: 'security group',
  nouns: 'security groups',
  type: 'ec2.ISecurityGroup',
  idKey: 'securityGroupId',
  variable: 'securityGroup',
  placeholderId: 'sg-…',
  importer: id => `ec2.SecurityGroup.fromSecurityGroupId(this, 'SecurityGroup', '${id}')`,
  example: "`[new ec2.SecurityGroup(this, 'SecurityGroup', { vpc })]`",
};

/**
 * The props as any caller may pass them, checked: each present prop has its declared type,
 * and `null` counts as omitted. Throws an Error naming the first prop that does not.
 */
export function checkedProps(props: unknown): VpcConnectorProps {
  if (!isRecord(props)) {
    const got = props === undefined || props === null ? 'no props object' : `${describeValue(props)} instead of a props object`;
    throw new Error(`\`subnets\` or \`vpc\` must be given, got: ${got}. Pass the props as the third argument, for example \`new VpcConnector(this, 'Connector', { vpc })\`.`);
  }
  return {
    subnets: checkedList<ec2.ISubnet>(props.subnets, SUBNETS),
    vpc: checkedVpc(props.vpc),
    vpcSubnets: checkedSelection(props.vpcSubnets),
    securityGroups: checkedList<ec2.ISecurityGroup>(props.securityGroups, SECURITY_GROUPS),
    uniqueSecurityGroupSet: checkedBoolean(props.uniqueSecurityGroupSet, 'uniqueSecurityGroupSet'),
    allowAllOutbound: checkedBoolean(props.allowAllOutbound, 'allowAllOutbound'),
    vpcConnectorName: checkedName(props.vpcConnectorName),
  };
}

/** The attributes of an imported connector, checked like the props. */
export function checkedAttributes(attrs: unknown): VpcConnectorAttributes {
  if (!isRecord(attrs)) {
    const got = attrs === undefined || attrs === null ? 'no attributes object' : `${describeValue(attrs)} instead of an attributes object`;
    throw new Error(`\`vpcConnectorArn\` must be given, got: ${got}. Pass \`{ vpcConnectorArn }\` as the third argument.`);
  }
  const revision = attrs.vpcConnectorRevision ?? undefined;
  if (revision !== undefined && typeof revision !== 'number') {
    throw new Error(`\`vpcConnectorRevision\` must be a number, got: ${describeValue(revision)}. Pass the revision as a number, such as 3, or leave it unset.`);
  }
  return {
    vpcConnectorArn: attrs.vpcConnectorArn as string,
    vpcConnectorName: checkedName(attrs.vpcConnectorName),
    vpcConnectorRevision: revision,
    securityGroups: checkedList<ec2.ISecurityGroup>(attrs.securityGroups, SECURITY_GROUPS),
  };
}

function checkedList<T>(value: unknown, kind: ListKind): T[] | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!Array.isArray(value)) {
    const got = isEntry(value, kind) ? `one ${kind.noun}, ${value.node.path}` : describeValue(value);
    throw new Error(`\`${kind.prop}\` must be an array of ${kind.nouns} (${kind.type}[]), got: ${got}. ${listFix(value, kind)}`);
  }
  value.forEach((entry: unknown, index) => {
    if (entry === undefined || entry === null) {
      throw new Error(`\`${kind.prop}\` must hold only constructs, got: ${String(entry)} at index ${index}. Remove the missing entry.`);
    }
    if (!isEntry(entry, kind)) {
      throw new Error(`\`${kind.prop}\` must hold ${kind.noun} constructs (${kind.type}), got: ${describeValue(entry)} at index ${index}. ${entryFix(entry, kind)}`);
    }
  });
  return value as T[];
}

function listFix(value: unknown, kind: ListKind): string {
  if (isEntry(value, kind)) {
    return `Pass it in an array: \`${kind.prop}: [${kind.variable}]\`.`;
  }
  const id = idIn(value, kind);
  return id !== undefined
    ? `Import each ${kind.noun} with \`${kind.importer(id)}\` and pass them in an array.`
    : `Pass an array of ${kind.noun} constructs, such as ${kind.example}.`;
}

function entryFix(entry: unknown, kind: ListKind): string {
  if (isConstruct(entry)) {
    return `Pass ${kind.noun} constructs, such as ${kind.example}.`;
  }
  return `Import the ${kind.noun} with \`${kind.importer(idIn(entry, kind) ?? kind.placeholderId)}\`.`;
}

/** The ID a string or a plain object stands for, as far as it says. */
function idIn(value: unknown, kind: ListKind): string | undefined {
  if (typeof value === 'string') {
    return value;
  }
  if (isRecord(value) && !isConstruct(value)) {
    const id = value[kind.idKey];
    return typeof id === 'string' ? id : undefined;
  }
  return undefined;
}

function isEntry(value: unknown, kind: ListKind): value is IConstruct {
  return isConstruct(value) && typeof (value as unknown as Record<string, unknown>)[kind.idKey] === 'string';
}

function checkedVpc(value: unknown): ec2.IVpc | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (isConstruct(value) && isVpc(value)) {
    return value;
  }
  const id = typeof value === 'string' ? value : isRecord(value) && !isConstruct(value) && typeof value.vpcId === 'string' ? value.vpcId : undefined;
  const fix = id !== undefined
    ? `Import the VPC with \`ec2.Vpc.fromLookup(this, 'Vpc', { vpcId: '${id}' })\`, or without a lookup with \`ec2.Vpc.fromVpcAttributes(this, 'Vpc', { vpcId: '${id}', availabilityZones, privateSubnetIds })\`.`
    : 'Pass a VPC: `new ec2.Vpc(...)`, `ec2.Vpc.fromLookup(...)` or `ec2.Vpc.fromVpcAttributes(...)`; pass subnets as `subnets`.';
  throw new Error(`\`vpc\` must be a VPC construct (ec2.IVpc), got: ${describeValue(value)}. ${fix}`);
}

function checkedSelection(value: unknown): ec2.SubnetSelection | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (isRecord(value) && !isConstruct(value)) {
    checkedList(value.subnets, { ...SUBNETS, prop: 'vpcSubnets.subnets' });
    return value as ec2.SubnetSelection;
  }
  const type = typeof value === 'string' ? subnetTypeName(value) : undefined;
  const fix = type !== undefined
    ? `Pass an object: \`vpcSubnets: { subnetType: ec2.SubnetType.${type} }\`.`
    : 'Pass an object, such as `vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }`.';
  throw new Error(`\`vpcSubnets\` must be a subnet selection (ec2.SubnetSelection), got: ${describeValue(value)}. ${fix}`);
}

function checkedBoolean(value: unknown, prop: string): boolean | undefined {
  if (value === undefined || value === null || typeof value === 'boolean') {
    return value ?? undefined;
  }
  const written = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  const fix = written === 'true' || written === 'false'
    ? `Pass the boolean ${written}, not a string.`
    : 'Pass true or false, or leave it unset.';
  throw new Error(`\`${prop}\` must be true or false, got: ${describeValue(value)}. ${fix}`);
}

function checkedName(value: unknown): string | undefined {
  if (value === undefined || value === null || typeof value === 'string') {
    return value ?? undefined;
  }
  throw new Error(`\`vpcConnectorName\` must be a string, got: ${describeValue(value)}. Pass a name such as 'my-service-connector', or leave it unset.`);
}

/** The name of the `ec2.SubnetType` member with this value, preferring the current names to deprecated aliases. */
export function subnetTypeName(value: unknown): string | undefined {
  const names = Object.entries(ec2.SubnetType).filter(([, v]) => v === value).map(([name]) => name);
  return names.find(name => name !== 'PRIVATE_WITH_NAT') ?? names[0];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isConstruct(value: unknown): value is IConstruct {
  return isRecord(value) && isRecord(value.node) && typeof value.node.path === 'string';
}

const MAX_SHOWN = 100;

/**
 * A wrong value as a message shows it: `'vpc-1' (a string)`, `42 (a number)`, `an array`,
 * `the construct Stack/Vpc`, `{"subnetId":"subnet-1"} (a plain object)`. Never throws.
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return `'${value}' (a string)`;
    case 'number':
    case 'boolean':
    case 'bigint':
    case 'symbol':
      return `${String(value)} (a ${typeof value})`;
    case 'function':
      return 'a function';
    case 'undefined':
      return 'undefined';
  }
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  if (isConstruct(value)) {
    return `the construct ${value.node.path}`;
  }
  const className: unknown = (value as { constructor?: { name?: unknown } }).constructor?.name;
  if (typeof className === 'string' && className !== '' && className !== 'Object') {
    return `a ${className}`;
  }
  try {
    const json = JSON.stringify(value);
    return `${json.length > MAX_SHOWN ? `${json.slice(0, MAX_SHOWN)}…` : json} (a plain object)`;
  } catch {
    return 'an object';
  }
}

/**
 * Applies the property injector registered for `uniqueId` nearest to `scope` (on `scope` or
 * one of its ancestors, through `PropertyInjectors.of(...).add()` or the `propertyInjectors`
 * of an App, Stage or Stack) to `props`, as aws-cdk-lib's `@propertyInjectable` does for its
 * own constructs (aws-cdk-lib >= 2.196.0). Uses only aws-cdk-lib's public API:
 * `PropertyInjectors.hasPropertyInjectors`, `PropertyInjectors.of` and `for`.
 */
export function injectProps(uniqueId: string, scope: Construct, id: string, props: unknown): unknown {
  return nearestInjector(uniqueId, scope)?.injector.inject(props, { scope, id }) ?? props;
}

/**
 * The property injector for `uniqueId` that applies in `scope`, for messages:
 * `the property injector OrgDefaults registered on App/Stack`.
 */
export function injectorFor(uniqueId: string, scope: IConstruct): string | undefined {
  const found = nearestInjector(uniqueId, scope);
  if (found === undefined) {
    return undefined;
  }
  const name = (found.injector as { constructor?: { name?: unknown } }).constructor?.name;
  const where = found.scope.node.path === '' ? 'the app' : found.scope.node.path;
  return `the property injector ${typeof name === 'string' && name !== '' && name !== 'Object' ? `${name} ` : ''}registered on ${where}`;
}

function nearestInjector(uniqueId: string, scope: IConstruct): { injector: IPropertyInjector; scope: IConstruct } | undefined {
  for (let node: IConstruct | undefined = scope; node !== undefined; node = node.node.scope) {
    // `of` would create an empty collection on a construct without one: look first.
    const injector = PropertyInjectors.hasPropertyInjectors(node) ? PropertyInjectors.of(node).for(uniqueId) : undefined;
    if (injector !== undefined) {
      return { injector, scope: node };
    }
  }
  return undefined;
}

/**
 * `error` with the path of the construct that threw it in front of its message, the way
 * aws-cdk-lib shows the errors it finds at synth: `[Stack/Connector] \`subnets\` must …`.
 * The error itself is kept (its class and stack), only its message changes. Anything
 * thrown that is not an Error is returned as it is.
 */
export function withConstructPath(error: unknown, path: string): unknown {
  if (!(error instanceof Error)) {
    return error;
  }
  const original = error.message;
  error.message = `[${path}] ${original}`;
  if (typeof error.stack === 'string') {
    error.stack = error.stack.replace(original, error.message);
  }
  return error;
}

/** The path a construct with `id` gets in `scope`, for errors thrown before it exists. */
export function childPath(scopePath: string, id: string): string {
  return scopePath === '' ? id : `${scopePath}/${id}`;
}

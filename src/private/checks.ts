import { Annotations, IPropertyInjector, PropertyInjectors, Reference, Stack, Token, Tokenization } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct, IConstruct } from 'constructs';

/** The props and attributes that messages name. */
const PROPS = [
  'subnets', 'vpc', 'vpcSubnets', 'securityGroups', 'uniqueSecurityGroupSet', 'allowAllOutbound', 'vpcConnectorName',
  'vpcConnectorArn', 'vpcConnectorRevision',
];

/**
 * `message` with every prop named in backticks spelled as the caller writes it: `vpc_subnets` in
 * Python, `VpcSubnets` in Go, `vpcSubnets(…)` (the builder method) in Java. The jsii runtimes say
 * which language runs the package in JSII_AGENT; plain Node.js sets none.
 */
export function spelled(message: string): string {
  const agent = process.env.JSII_AGENT ?? '';
  const spell = /^python\//i.test(agent) ? (prop: string) => prop.replace(/[A-Z]/g, c => `_${c.toLowerCase()}`)
    : /^go\d/i.test(agent) ? (prop: string) => prop[0].toUpperCase() + prop.slice(1)
      : /^java\//i.test(agent) ? (prop: string) => `${prop}(…)` : undefined;
  return spell === undefined ? message : message.replace(/`(\w+)`/g, (span, name: string) => (PROPS.includes(name) ? `\`${spell(name)}\`` : span));
}

/** Throws an Error for the construct at `path`, written as aws-cdk-lib writes the errors it finds at synth. */
export function fail(path: string, message: string): never {
  throw new Error(`[${path}] ${spelled(message)}`);
}

/** A warning that can be acknowledged with `cdk-apprunner-vpc-connector:<id>`. */
export function warn(scope: IConstruct, id: string, message: string) {
  Annotations.of(scope).addWarningV2(`cdk-apprunner-vpc-connector:${id}`, spelled(message));
}

/** The declared type of a prop, for callers whose types jsii does not check (plain JavaScript, values read from files). */
export type Declared = 'boolean' | 'number' | 'string' | 'ec2.IVpc' | 'ec2.ISubnet[]' | 'ec2.ISecurityGroup[]' | 'ec2.SubnetSelection';

/**
 * `given` as `T`: an Error naming the first prop whose value is not of its declared type. `null`
 * counts as omitted; `required` names what a call without an object misses.
 */
export function checkTypes<T>(path: string, given: unknown, types: { readonly [K in keyof T]-?: Declared }, required: string): T {
  if (typeof given !== 'object' || given === null) {
    fail(path, `${required} must be given, got: ${show(given)}.`);
  }
  const checked: Record<string, unknown> = {};
  for (const [prop, type] of Object.entries<Declared>(types)) {
    const value = (given as Record<string, unknown>)[prop] ?? undefined;
    if (value !== undefined && !hasType(value, type)) {
      fail(path, `\`${prop}\` must be ${type.startsWith('ec2.') ? type : `a ${type}`}, got: ${show(value)}.`);
    }
    checked[prop] = value;
  }
  return checked as T;
}

/** The ID attribute of the constructs in a list prop. */
const LISTS: Partial<Record<Declared, string>> = { 'ec2.ISubnet[]': 'subnetId', 'ec2.ISecurityGroup[]': 'securityGroupId' };

function hasType(value: any, type: Declared): boolean {
  const id = LISTS[type];
  return id !== undefined ? Array.isArray(value) && value.every(entry => Construct.isConstruct(entry) && typeof (entry as any)[id] === 'string')
    : type === 'ec2.IVpc' ? Construct.isConstruct(value) && isVpc(value)
      : type === 'ec2.SubnetSelection' ? typeof value === 'object' && !Array.isArray(value) && !Construct.isConstruct(value)
        && (value.subnets === undefined || hasType(value.subnets, 'ec2.ISubnet[]'))
        : typeof value === type;
}

/** A value as a message shows it: `'subnet-1'`, `42`, `the construct Stack/Vpc`, `{"subnetId":"subnet-1"}`. Never throws. */
export function show(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(entry => (Construct.isConstruct(entry) ? entry.node.path : show(entry))).join(', ')}]`;
  }
  if (typeof value === 'string') {
    return `'${clip(value)}'`;
  }
  if (Construct.isConstruct(value)) {
    return `the construct ${value.node.path}`;
  }
  if (typeof value !== 'object' || value === null) {
    return typeof value === 'function' ? 'a function' : String(value);
  }
  try {
    return clip(JSON.stringify(value, (key, v) => (key !== '' && Construct.isConstruct(v) ? v.node.path : typeof v === 'bigint' ? String(v) : v)));
  } catch {
    return 'an object that refers to itself';
  }
}

/** A long value's first `max` characters, so that a message stays short. */
export function clip(text: string, max = 100): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function isVpc(x: unknown): x is ec2.IVpc {
  return typeof (x as ec2.IVpc | undefined)?.vpcId === 'string' && typeof (x as ec2.IVpc).selectSubnets === 'function';
}

/** The App Runner API's rule for VPC connector names (stricter than the CloudFormation schema's pattern, which admits a backslash); a token passes. */
export function nameProblem(name: string, origin = ''): string | undefined {
  return Token.isUnresolved(name) || /^[A-Za-z0-9][A-Za-z0-9\-_]{3,39}$/.test(name) ? undefined
    : `\`vpcConnectorName\` must be 4 to 40 characters, a letter or digit followed by letters, digits, hyphens or underscores, got: '${name}' (${name.length} characters${origin}). Choose a name such as 'my-service-connector'.`;
}

/**
 * A key that is equal for two IDs (of VPCs, subnets, groups) that resolve to the same value: the literal
 * ID, the reference (one object per resource and attribute, so two apps never share one), else its value.
 */
export function idKey(id: string, scope: IConstruct): unknown {
  const token = Token.isUnresolved(id) ? Tokenization.reverseString(id) : undefined;
  return token === undefined ? id
    : token.length === 1 && token.firstToken instanceof Reference ? token.firstToken : JSON.stringify(Stack.of(scope).resolve(id));
}

/** A VPC, subnet or group in messages: its ID when literal, else its path. */
export function label(construct: IConstruct, id: string): string {
  return Token.isUnresolved(id) ? construct.node.path : id;
}

/**
 * The property injector for `uniqueId` of the nearest scope, as aws-cdk-lib's `@propertyInjectable`
 * finds it for its own constructs (public API only), and how messages name it.
 */
export function nearestInjector(uniqueId: string, scope: IConstruct): { injector: IPropertyInjector; label: string } | undefined {
  for (let node: IConstruct | undefined = scope; node !== undefined; node = node.node.scope) {
    // `of` would add an empty collection to a construct without one: look first.
    const injector = PropertyInjectors.hasPropertyInjectors(node) ? PropertyInjectors.of(node).for(uniqueId) : undefined;
    if (injector !== undefined) {
      const name = injector.constructor?.name;
      return { injector, label: `the property injector ${name && name !== 'Object' ? `${name} ` : ''}registered on ${node.node.path || 'the app'}` };
    }
  }
  return undefined;
}

/**
 * Adds `item` to the items of `stack` in `registry`. The first item makes `run` a validation of the stack: it is called
 * with all the items whenever the stack is validated, at every synth, before templates are written.
 */
export function whenValidated<T>(registry: WeakMap<Stack, T[]>, stack: Stack, item: T, run: (items: T[]) => void) {
  const items = registry.get(stack) ?? [];
  if (items.push(item) === 1) {
    registry.set(stack, items);
    stack.node.addValidation({ validate: () => { run(items); return []; } });
  }
}

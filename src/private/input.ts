import { IPropertyInjector, PropertyInjectors } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct, IConstruct } from 'constructs';
import { isVpc } from './vpc-identity';

/*
 * What a constructor receives, before it builds anything: the props after property injection, checked;
 * an error it throws gets the construct's path.
 *
 * jsii checks the types of the arguments of Python, Java, C# and Go callers; JavaScript callers (and
 * values read from config files) get no check. These checks make every wrong type an Error that names the
 * prop, shows the value and says how to fix it, before anything reads the value:
 * `` `<prop>` must be <what it must be>, got: <the value>. <the fix> ``.
 */

/** What a prop must be, for a plain-JavaScript caller. */
export interface Rule {
  /** `an array of subnets (ec2.ISubnet[])` */
  readonly expected: string;
  /** Whether a value (neither `undefined` nor `null`) is one. */
  readonly accepts: (value: unknown) => boolean;
  /** How to fix a value it does not accept. */
  readonly fix: (value: unknown, prop: string) => string;
  /** Checks the parts of a value it accepts (the entries of a list). */
  readonly parts?: (value: any, prop: string) => void;
}

/** What a call without its object misses: `` `vpcConnectorArn` must be given ``, `attributes`, the fix. */
export interface Missing {
  readonly message: string;
  readonly noun: string;
  readonly fix: string;
}

/**
 * `given`, checked against `rules`: each prop that is neither `undefined` nor `null` satisfies its
 * rule, and `null` counts as omitted.
 */
export function checkInputs<T>(given: unknown, rules: { readonly [K in keyof T]-?: Rule }, missing: Missing): T {
  if (!isRecord(given)) {
    const got = given === undefined || given === null ? `no ${missing.noun} object` : `${describeValue(given)} instead of ${/^[aeiou]/.test(missing.noun) ? 'an' : 'a'} ${missing.noun} object`;
    throw new Error(`${missing.message}, got: ${got}. ${missing.fix}`);
  }
  const result: Record<string, unknown> = {};
  for (const [prop, rule] of Object.entries<Rule>(rules)) {
    result[prop] = check(prop, given[prop], rule);
  }
  return result as T;
}

/** `value` if it satisfies `rule` (`undefined` for `null`); else an Error naming `prop`. */
export function check<T>(prop: string, value: unknown, rule: Rule): T | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!rule.accepts(value)) {
    throw new Error(`\`${prop}\` must be ${rule.expected}, got: ${describeValue(value)}. ${rule.fix(value, prop)}`);
  }
  rule.parts?.(value, prop);
  return value as T;
}

/**
 * A list of constructs with an ID attribute: `constructList('subnet', 'ec2.ISubnet', 'subnetId',
 * 'ec2.Subnet.fromSubnetId', 'subnet-…', '`vpc.privateSubnets`')`.
 */
export function constructList(noun: string, type: string, idKey: string, importer: string, placeholder: string, example: string): Rule {
  const isEntry = (value: unknown): value is IConstruct => isConstruct(value) && typeof (value as unknown as Record<string, unknown>)[idKey] === 'string';
  const idIn = (value: unknown) => (typeof value === 'string' ? value : isRecord(value) && typeof value[idKey] === 'string' ? value[idKey] as string : undefined);
  const name = noun.replace(/ (\w)/g, (_, c: string) => c.toUpperCase());
  const importing = (id: string) => `\`${importer}(this, '${name[0].toUpperCase()}${name.slice(1)}', '${id}')\``;
  const entry: Rule = {
    expected: `${noun} constructs (${type})`,
    accepts: isEntry,
    fix: value => (isConstruct(value) ? `Pass ${noun} constructs, such as ${example}.` : `Import the ${noun} with ${importing(idIn(value) ?? placeholder)}.`),
  };
  return {
    expected: `an array of ${noun}s (${type}[])`,
    accepts: Array.isArray,
    fix: (value, prop) => (isEntry(value) ? `Pass it in an array: \`${prop}: [${name}]\`.`
      : idIn(value) !== undefined ? `Import each ${noun} with ${importing(idIn(value)!)} and pass them in an array.`
        : `Pass an array of ${noun} constructs, such as ${example}.`),
    parts: (entries: unknown[], prop) => entries.forEach((value, index) => {
      if (value === undefined || value === null) {
        throw new Error(`\`${prop}\` must hold only constructs, got: ${String(value)} at index ${index}. Remove the missing entry.`);
      }
      if (!entry.accepts(value)) {
        throw new Error(`\`${prop}\` must hold ${entry.expected}, got: ${describeValue(value)} at index ${index}. ${entry.fix(value, prop)}`);
      }
    }),
  };
}

export const SUBNETS = constructList('subnet', 'ec2.ISubnet', 'subnetId', 'ec2.Subnet.fromSubnetId', 'subnet-…', '`vpc.privateSubnets`');

export const SECURITY_GROUPS = constructList('security group', 'ec2.ISecurityGroup', 'securityGroupId', 'ec2.SecurityGroup.fromSecurityGroupId', 'sg-…',
  "`[new ec2.SecurityGroup(this, 'SecurityGroup', { vpc })]`");

export const VPC: Rule = {
  expected: 'a VPC construct (ec2.IVpc)',
  accepts: value => isConstruct(value) && isVpc(value),
  fix: value => {
    const id = typeof value === 'string' ? value : isRecord(value) && !isConstruct(value) && typeof value.vpcId === 'string' ? value.vpcId : undefined;
    return id !== undefined
      ? `Import the VPC with \`ec2.Vpc.fromLookup(this, 'Vpc', { vpcId: '${id}' })\`, or without a lookup with \`ec2.Vpc.fromVpcAttributes(this, 'Vpc', { vpcId: '${id}', availabilityZones, privateSubnetIds })\`.`
      : 'Pass a VPC: `new ec2.Vpc(...)`, `ec2.Vpc.fromLookup(...)` or `ec2.Vpc.fromVpcAttributes(...)`; pass subnets as `subnets`.';
  },
};

export const SUBNET_SELECTION: Rule = {
  expected: 'a subnet selection (ec2.SubnetSelection)',
  accepts: value => isRecord(value) && !isConstruct(value),
  fix: value => (subnetTypeName(value) !== undefined
    ? `Pass an object: \`vpcSubnets: { subnetType: ec2.SubnetType.${subnetTypeName(value)} }\`.`
    : 'Pass an object, such as `vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }`.'),
  parts: (selection: Record<string, unknown>, prop) => check(`${prop}.subnets`, selection.subnets, SUBNETS),
};

export const BOOLEAN: Rule = {
  expected: 'true or false',
  accepts: value => typeof value === 'boolean',
  fix: value => {
    const written = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
    return written === 'true' || written === 'false' ? `Pass the boolean \`${written}\`, not a string.` : 'Pass true or false, or leave it unset.';
  },
};

export const NAME: Rule = {
  expected: 'a string',
  accepts: value => typeof value === 'string',
  fix: () => "Pass a name such as 'my-service-connector', or leave it unset.",
};

export const REVISION: Rule = {
  expected: 'a number',
  accepts: value => typeof value === 'number',
  fix: () => 'Pass the revision as a number, such as 3, or leave it unset.',
};

/** Anything: checked later (an ARN is parsed). */
export const ANY: Rule = { expected: 'anything', accepts: () => true, fix: () => '' };

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

/**
 * A wrong value as a message shows it: `'vpc-1' (a string)`, `42 (a number)`, `an array`,
 * `the construct Stack/Vpc`, `{"subnetId":"subnet-1"} (a plain object)`. Never throws.
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    return `'${value}' (a string)`;
  }
  if (value === undefined || value === null || typeof value === 'function') {
    return typeof value === 'function' ? 'a function' : String(value);
  }
  if (typeof value !== 'object') {
    return `${String(value)} (a ${typeof value})`;
  }
  if (Array.isArray(value) || isConstruct(value)) {
    return Array.isArray(value) ? 'an array' : `the construct ${value.node.path}`;
  }
  const className: unknown = value.constructor?.name;
  if (typeof className === 'string' && className !== '' && className !== 'Object') {
    return `a ${className}`;
  }
  try {
    const json = JSON.stringify(value);
    return `${json.length > 100 ? `${json.slice(0, 100)}…` : json} (a plain object)`;
  } catch {
    return 'an object';
  }
}

/**
 * Applies the property injector registered for `uniqueId` nearest to `scope` (on `scope` or one of its
 * ancestors, through `PropertyInjectors.of(...).add()` or the `propertyInjectors` of an App, Stage or
 * Stack) to `props`, as aws-cdk-lib's `@propertyInjectable` does for its own constructs (aws-cdk-lib >=
 * 2.196.0), with public API only: `PropertyInjectors.hasPropertyInjectors`, `of` and `for`.
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
  const name: unknown = found.injector.constructor?.name;
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
 * `error` with the path of the construct that threw it in front of its message, the way aws-cdk-lib
 * shows the errors it finds at synth: `[Stack/Connector] \`subnets\` must …`, once in `message` and
 * once in `stack` (what the CDK CLI and the other languages print), and in the caller's language. The
 * error itself is kept (its class and stack), only its message changes. Anything thrown that is not an
 * Error is returned as it is.
 */
export function withConstructPath(error: unknown, path: string): unknown {
  if (!(error instanceof Error)) {
    return error;
  }
  // V8 writes `stack` from `message` when it is first read: read it before the message changes.
  const stack = error.stack;
  const original = error.message;
  error.message = `[${path}] ${inCallersLanguage(original)}`;
  if (typeof stack === 'string') {
    error.stack = stack.replace(original, error.message);
  }
  return error;
}

/**
 * `message` in the caller's language: language.ts, loaded only for a program in another language than
 * JavaScript (the jsii runtimes set JSII_AGENT), so that `require()` of the package does not read it.
 */
export function inCallersLanguage(message: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return process.env.JSII_AGENT ? (require('./language') as typeof import('./language')).inLanguage(message) : message;
}

/** The path a construct with `id` gets in `scope`, for errors thrown before it exists. */
export function childPath(scopePath: string, id: string): string {
  return scopePath === '' ? id : `${scopePath}/${id}`;
}

import { Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { describeValue, subnetTypeName } from './input';
import { subnetLabel, valueKey, VpcReference } from './vpc-identity';

/**
 * The App Runner API's rule for VPC connector names (stricter than the
 * CloudFormation schema's pattern, which admits a backslash).
 */
export const VPC_CONNECTOR_NAME = /^[A-Za-z0-9][A-Za-z0-9\-_]{3,39}$/;

export function validateVpcConnectorName(name: string | undefined) {
  if (name === undefined || Token.isUnresolved(name)) {
    return;
  }
  const problem = vpcConnectorNameProblem(name, '');
  if (problem !== undefined) {
    throw new Error(problem);
  }
}

/**
 * For `node.addValidation`: a token name that resolves to a literal at synth (`Lazy.string`),
 * checked then. A name that resolves to a deploy-time value (`Fn.importValue`) is not checked.
 */
export function validateResolvedVpcConnectorName(scope: IConstruct, name: string): string[] {
  const resolved: unknown = Stack.of(scope).resolve(name);
  const problem = typeof resolved === 'string' ? vpcConnectorNameProblem(resolved, ', resolved from a token') : undefined;
  return problem === undefined ? [] : [problem];
}

function vpcConnectorNameProblem(name: string, origin: string): string | undefined {
  return VPC_CONNECTOR_NAME.test(name) ? undefined
    : `\`vpcConnectorName\` must be 4 to 40 characters, a letter or digit followed by letters, digits, hyphens or underscores, got: '${name}' (${name.length} characters${origin}). Choose a name such as 'my-service-connector'.`;
}

/** The props whose combinations are checked. */
export interface Combination {
  readonly subnets?: unknown[];
  readonly vpc?: unknown;
  readonly vpcSubnets?: ec2.SubnetSelection;
  readonly securityGroups?: unknown[];
  readonly allowAllOutbound?: boolean;
}

/**
 * Props that cannot be combined. `injectorId` names the property injector when it, not the
 * caller, set `allowAllOutbound`.
 */
export function validatePropCombination(props: Combination, injectorId?: string) {
  // Where the subnets come from: `subnets`, or `vpc` (with `vpcSubnets`): one message for any wrong mix.
  const selection = props.vpcSubnets === undefined ? undefined : `\`vpcSubnets: ${formatSelection(props.vpcSubnets)}\``;
  if (selection !== undefined && props.subnets !== undefined) {
    const withVpc = props.vpc === undefined ? 'without `vpc`' : 'and `vpc`';
    throw new Error(`\`subnets\` and \`vpcSubnets\` cannot both be given, got: \`subnets\` (${props.subnets.length} given), ${selection} ${withVpc}. `
      + `Keep \`subnets\` to name the subnets${props.vpc === undefined ? '' : ' (with `vpc` for their VPC)'} and drop \`vpcSubnets\`, `
      + `or drop \`subnets\` to select from ${props.vpc === undefined ? 'a `vpc` you pass' : '`vpc`'} with \`vpcSubnets\`.`);
  }
  if (selection !== undefined && props.vpc === undefined) {
    throw new Error(`\`vpcSubnets\` selects from \`vpc\`, got: ${selection} without \`vpc\`. Pass the VPC to select from as \`vpc\`, or pass the subnets themselves as \`subnets\` instead of \`vpcSubnets\`.`);
  }
  if (props.subnets === undefined && props.vpc === undefined) {
    throw new Error('`subnets` or `vpc` must be given, got: neither. Pass `vpc` to place the connector in its private subnets, or `subnets` to choose them.');
  }
  if (props.allowAllOutbound !== undefined && props.securityGroups && props.securityGroups.length > 0) {
    const count = props.securityGroups.length;
    throw new Error(injectorId === undefined
      ? `\`allowAllOutbound\` applies only to the security group this construct creates, got: \`allowAllOutbound: ${props.allowAllOutbound}\` with ${count} given \`securityGroups\`. Configure outbound rules on the given groups, or drop \`securityGroups\`.`
      : `\`allowAllOutbound\` applies only to the security group this construct creates, got: \`allowAllOutbound: ${props.allowAllOutbound}\` set by the property injector for '${injectorId}' with ${count} given \`securityGroups\`. Make the injector leave \`allowAllOutbound\` unset when \`securityGroups\` are given.`);
  }
}

/**
 * A subnet selection as it is written in TypeScript:
 * `{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, availabilityZones: ['eu-west-1a'] }`
 * (messages are then written in the caller's language: language.ts).
 */
export function formatSelection(selection: ec2.SubnetSelection): string {
  const parts = Object.entries(selection).filter(([, value]) => value !== undefined).map(([key, value]) => {
    switch (key) {
      case 'subnetType':
        return `${key}: ${subnetTypeName(value) !== undefined ? `ec2.SubnetType.${subnetTypeName(value)}` : formatValue(value)}`;
      case 'subnetFilters':
        return `${key}: ${Array.isArray(value) ? `[${value.length} subnet filter${value.length === 1 ? '' : 's'}]` : formatValue(value)}`;
      case 'subnets':
        return `${key}: ${Array.isArray(value) ? `[${value.map(subnet => (subnet && typeof subnet.subnetId === 'string' ? subnetLabel(subnet) : formatValue(subnet))).join(', ')}]` : formatValue(value)}`;
      default:
        return `${key}: ${formatValue(value)}`;
    }
  });
  return parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`;
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') {
    return `'${value}'`;
  }
  if (Array.isArray(value)) {
    return `[${value.map(formatValue).join(', ')}]`;
  }
  return typeof value === 'object' && value !== null ? describeValue(value) : String(value);
}

export function validateIpv4Subnets(subnets: ec2.ISubnet[]) {
  const ipv6Only = subnets.filter(subnet => {
    const cfn = subnet.node.defaultChild;
    return cfn instanceof ec2.CfnSubnet && cfn.ipv6Native === true;
  });
  if (ipv6Only.length > 0) {
    throw new Error(`\`subnets\` must have IPv4 addresses, got: IPv6-only subnets ${[...new Set(ipv6Only.map(subnetLabel))].join(', ')}. App Runner supports IPv4 and dual-stack subnets only: choose dual-stack or IPv4 subnets.`);
  }
}

export function validateTags(tags: Record<string, string>): string[] {
  const errors: string[] = [];
  for (const [key, value] of Object.entries(tags)) {
    if (!Token.isUnresolved(key)) {
      if (key.toLowerCase().startsWith('aws:')) {
        errors.push(`Tag key '${key}' must not start with 'aws:' (a prefix reserved for AWS), got: '${key}'. Rename the tag.`);
      }
      if (key.length > 128) {
        errors.push(`Tag key '${key.slice(0, 20)}…' must be at most 128 characters, got: ${key.length}. Shorten the key.`);
      }
    }
    if (!Token.isUnresolved(value) && value.length > 256) {
      const name = Token.isUnresolved(key) ? 'a tag' : `'${key}'`;
      errors.push(`Tag value of ${name} must be at most 256 characters, got: ${value.length}. Shorten the value.`);
    }
  }
  return errors;
}

/** Whether `x` is a security group construct (as `connections.addSecurityGroup()` from JavaScript may add anything). */
export function isSecurityGroup(x: unknown): x is ec2.ISecurityGroup {
  return typeof x === 'object' && x !== null && typeof (x as ec2.ISecurityGroup).securityGroupId === 'string'
    && typeof (x as ec2.ISecurityGroup).node?.path === 'string';
}

/** Entries added with `connections.addSecurityGroup()` that are not security groups. */
export function addedNonGroups(groups: unknown[]): string[] {
  return groups.filter(group => !isSecurityGroup(group)).map(group =>
    `A security group added with \`connections.addSecurityGroup()\` must be a security group construct (ec2.ISecurityGroup), got: ${describeValue(group)}. Pass a security group, such as one imported with \`ec2.SecurityGroup.fromSecurityGroupId(this, 'SecurityGroup', 'sg-…')\`.`);
}

/**
 * Security groups that were created in another VPC than the connector's subnets: the
 * given ones, and those added later with `connections.addSecurityGroup()`.
 */
export function foreignSecurityGroups(groups: ec2.ISecurityGroup[], given: ReadonlySet<ec2.ISecurityGroup>, vpc: VpcReference | undefined): string[] {
  if (!vpc) {
    return [];
  }
  return [...new Set(groups)].flatMap(group => {
    const cfn = group.node.defaultChild;
    if (!(cfn instanceof ec2.CfnSecurityGroup) || cfn.vpcId === undefined) {
      return [];
    }
    const groupVpc = valueKey(cfn.vpcId, group);
    if (groupVpc === vpc.key) {
      return [];
    }
    return [given.has(group)
      ? `\`securityGroups\` must be in the VPC of the subnets (${vpc.label}), got: ${group.node.path}, in another VPC. Create the security group in ${vpc.label}.`
      : `A security group added with \`connections.addSecurityGroup()\` must be in the VPC of the subnets (${vpc.label}), got: ${group.node.path}, in another VPC. Add a security group of ${vpc.label} instead.`];
  });
}

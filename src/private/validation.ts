import { Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { VPC_CONNECTOR_NAME } from './arn';
import { subnetLabel, valueKey, VpcReference } from './vpc-identity';
import type { VpcConnectorProps } from '../vpc-connector';

export function validateVpcConnectorName(name: string | undefined) {
  if (name === undefined || Token.isUnresolved(name)) {
    return;
  }
  if (!VPC_CONNECTOR_NAME.test(name)) {
    throw new Error(`\`vpcConnectorName\` must be 4 to 40 characters, a letter or digit followed by letters, digits, hyphens or underscores, got: '${name}' (${name.length} characters). Choose a name such as 'my-service-connector'.`);
  }
}

export function validatePropCombination(props: VpcConnectorProps) {
  if (props.subnets === undefined && props.vpc === undefined) {
    throw new Error('`subnets` or `vpc` must be given, got: neither. Pass `vpc` to place the connector in its private subnets, or `subnets` to choose them.');
  }
  if (props.vpcSubnets !== undefined && props.vpc === undefined) {
    throw new Error(`\`vpcSubnets\` needs \`vpc\`, got: \`vpcSubnets\` ${JSON.stringify(props.vpcSubnets)} without \`vpc\`. Pass the VPC to select from as \`vpc\`, or drop \`vpcSubnets\`.`);
  }
  if (props.vpcSubnets !== undefined && props.subnets !== undefined) {
    throw new Error('`vpcSubnets` cannot be combined with `subnets`, got: both. Pass either the subnets themselves as `subnets`, or `vpc` with `vpcSubnets`.');
  }
  if (props.allowAllOutbound !== undefined && props.securityGroups && props.securityGroups.length > 0) {
    throw new Error(`\`allowAllOutbound\` applies only to the security group this construct creates, got: \`allowAllOutbound: ${props.allowAllOutbound}\` with ${props.securityGroups.length} given \`securityGroups\`. Configure outbound rules on the given groups, or drop \`securityGroups\`.`);
  }
}

export function validateIpv4Subnets(subnets: ec2.ISubnet[]) {
  const ipv6Only = subnets.filter(subnet => {
    const cfn = subnet.node.defaultChild;
    return cfn instanceof ec2.CfnSubnet && cfn.ipv6Native === true;
  });
  if (ipv6Only.length > 0) {
    throw new Error(`\`subnets\` must have IPv4 addresses, got: IPv6-only subnets ${ipv6Only.map(subnetLabel).join(', ')}. App Runner supports IPv4 and dual-stack subnets only: choose dual-stack or IPv4 subnets.`);
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

/**
 * Security groups that were created in another VPC than the connector's subnets.
 */
export function foreignSecurityGroups(groups: ec2.ISecurityGroup[], vpc: VpcReference | undefined): string[] {
  if (!vpc) {
    return [];
  }
  return groups.flatMap(group => {
    const cfn = group.node.defaultChild;
    if (!(cfn instanceof ec2.CfnSecurityGroup) || cfn.vpcId === undefined) {
      return [];
    }
    const groupVpc = valueKey(cfn.vpcId, group);
    return groupVpc === vpc.key ? [] : [
      `\`securityGroups\` must be in the VPC of the subnets (${vpc.label}), got: ${group.node.path}, in another VPC. Create the security group in ${vpc.label}.`,
    ];
  });
}

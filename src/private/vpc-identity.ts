import { Reference, Stack, Token, Tokenization } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { memo } from './memo';

/**
 * A VPC as far as a connector knows it: a key that is equal for equal VPC
 * IDs, a label for messages (the literal VPC ID, else a construct path) and,
 * when known, the VPC construct.
 */
export interface VpcReference {
  readonly key: string;
  readonly label: string;
  readonly vpcId: string;
  readonly availabilityZones: string[];
  readonly vpc?: ec2.IVpc;
}

/** One reference per VPC construct (its ID and AZs never change): every connector in a VPC asks again, once per subnet. */
export function vpcReference(vpc: ec2.IVpc): VpcReference {
  return memo(vpc, 'reference', undefined, () => ({
    key: valueKey(vpc.vpcId, vpc),
    label: Token.isUnresolved(vpc.vpcId) ? vpc.node.path : vpc.vpcId,
    vpcId: vpc.vpcId,
    availabilityZones: vpc.availabilityZones,
    vpc,
  }));
}

/**
 * The VPC of a subnet when it is known: the VPC construct the subnet was
 * defined in, imported with or looked up through, or the `VpcId` of its `CfnSubnet`.
 */
export function vpcOfSubnet(subnet: ec2.ISubnet): VpcReference | undefined {
  const parent = subnet.node.scope;
  if (isVpc(parent)) {
    return vpcReference(parent);
  }
  const cfn = subnet.node.defaultChild;
  if (cfn instanceof ec2.CfnSubnet) {
    const availabilityZones = cfn.availabilityZone ? [cfn.availabilityZone] : [subnet.availabilityZone];
    return { key: valueKey(cfn.vpcId, subnet), label: idLabel(cfn.vpcId, `the VPC of ${subnet.node.path}`), vpcId: cfn.vpcId, availabilityZones };
  }
  return undefined;
}

export function isVpc(x: IConstruct | undefined): x is ec2.IVpc {
  return x !== undefined && typeof (x as ec2.IVpc).vpcId === 'string' && typeof (x as ec2.IVpc).selectSubnets === 'function';
}

/**
 * Equal for two IDs (of VPCs, subnets, security groups) that resolve to the
 * same value: a literal ID is its own key, a reference to a resource attribute
 * is keyed by that resource (in whichever stack it is used), any other token by
 * its resolved value. Resources are told apart by their app too: two apps in one
 * process (as in a test suite) can have resources at the same path.
 */
export function valueKey(id: string, scope: IConstruct): string {
  if (!Token.isUnresolved(id)) {
    return id;
  }
  // A reference keeps its key (its target's path never changes): every connector in a VPC asks
  // again for the same subnets. Any other token may resolve to something else at the next synth.
  const key = memo(scope, id, undefined, () => { // the slot is the token string itself
    const token = Tokenization.reverseString(id).firstToken;
    return token instanceof Reference && Token.asString(token) === id
      ? `${memo(token.target.node.root, 'app', undefined, () => apps++)}:${token.target.node.path}.${token.displayName}`
      : undefined;
  });
  return key ?? JSON.stringify(Stack.of(scope).resolve(id));
}

/** Apps (construct tree roots) are numbered in the order they are first seen: two apps in one process can have resources at one path. */
let apps = 0;

/**
 * A literal ID as it is; for a token, the path of the resource it refers to,
 * else `fallback`.
 */
export function idLabel(id: string, fallback: string): string {
  if (!Token.isUnresolved(id)) {
    return id;
  }
  const token = Tokenization.reverseString(id).firstToken;
  return token instanceof Reference && Token.asString(token) === id ? token.target.node.path : fallback;
}

export function subnetLabel(subnet: ec2.ISubnet): string {
  return Token.isUnresolved(subnet.subnetId) ? subnet.node.path : subnet.subnetId;
}

export function securityGroupLabel(group: ec2.ISecurityGroup): string {
  return Token.isUnresolved(group.securityGroupId) ? group.node.path : group.securityGroupId;
}

export function isPublicSubnet(subnet: ec2.ISubnet, vpc: ec2.IVpc | undefined): boolean {
  if (subnet instanceof ec2.PublicSubnet) {
    return true;
  }
  const parent = subnet.node.scope;
  return [vpc, isVpc(parent) ? parent : undefined].some(v => v?.publicSubnets.includes(subnet));
}

/**
 * The items whose IDs resolve to distinct values, in order. The items are
 * constructs (the props are checked by `checkedProps`, groups added through
 * `connections` at synth, before anything is resolved).
 */
export function uniqueById<T extends IConstruct>(items: T[], idOf: (item: T) => string): T[] {
  return copiesById(items, idOf).map(copies => copies[0]);
}

/**
 * The items grouped by the value their IDs resolve to, in the order of each
 * value's first item: every copy of an item given twice, for checks that must
 * see what each copy knows.
 */
export function copiesById<T extends IConstruct>(items: T[], idOf: (item: T) => string): T[][] {
  const byKey = new Map<string, T[]>();
  for (const item of items) {
    const key = valueKey(idOf(item), item);
    const copies = byKey.get(key);
    if (copies === undefined) {
      byKey.set(key, [item]);
    } else {
      copies.push(item);
    }
  }
  return [...byKey.values()];
}

/**
 * `vpc.selectSubnets(selection).subnets`, remembered per VPC for selections
 * made only of plain values (`subnetType`, `subnetGroupName`, `onePerAz`,
 * `availabilityZones`, or none): the connectors of an app mostly share a VPC
 * and a selection, and a VPC's subnets are fixed when it is constructed.
 */
export function selectedSubnets(vpc: ec2.IVpc, selection: ec2.SubnetSelection | undefined): ec2.ISubnet[] {
  const key = selectionKey(selection);
  return key === undefined ? vpc.selectSubnets(selection).subnets : [...memo(vpc, `select ${key}`, undefined, () => vpc.selectSubnets(selection).subnets)];
}

const PLAIN_SELECTION_KEYS = new Set(['subnetType', 'subnetGroupName', 'onePerAz', 'availabilityZones']);

/** A key for a selection of plain values; `undefined` for one with subnets, filters or anything else. */
function selectionKey(selection: ec2.SubnetSelection | undefined): string | undefined {
  if (selection === undefined) {
    return '';
  }
  const entries = Object.entries(selection).filter(([, value]) => value !== undefined);
  const literal = (value: unknown) => (typeof value === 'string' && !Token.isUnresolved(value)) || typeof value === 'boolean';
  const plain = entries.every(([name, value]) => PLAIN_SELECTION_KEYS.has(name)
    && (literal(value) || (Array.isArray(value) && value.every(literal))));
  return plain ? JSON.stringify(entries.sort(([a], [b]) => (a < b ? -1 : 1))) : undefined;
}

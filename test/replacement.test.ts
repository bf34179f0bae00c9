/**
 * The group a connector owns is replaced exactly when the connector is, so a
 * replacement has a security-group set no other connector has (App Runner's rule).
 * test/upgrade.test.ts checks the same through `cdk diff` on whole apps.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Aspects, IAspect, InjectionContext, IPropertyInjector, Lazy, PropertyInjectors, Stack, Tags } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as apprunner from 'aws-cdk-lib/aws-apprunner';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { VpcConnector, VpcConnectorProps } from '../src';
import { serviceThrough } from './support/service';
import { newStack } from './support/stacks';

const CONNECTOR = 'AWS::AppRunner::VpcConnector';
const GROUP = 'AWS::EC2::SecurityGroup';
const DESCRIPTION = /^App Runner VPC connector group, replaced with its connector \(configuration ([0-9a-f]{12})\)$/;

interface Variant {
  readonly props?: Partial<VpcConnectorProps>;
  readonly maxAzs?: number;
  readonly appTag?: string;
  readonly connectorTag?: string;
  readonly extraGroup?: boolean;
  readonly allowToDatabase?: boolean;
  readonly secondConnector?: boolean;
  readonly serviceImage?: string;
}

/** One app, built from a small description, as a user's app evolves between deployments. */
function synth(variant: Variant = {}) {
  const stack = newStack({ env: true });
  const app = stack.node.root as App;
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: variant.maxAzs ?? 2, natGateways: 1 });
  const database = new ec2.SecurityGroup(stack, 'Database', { vpc, allowAllOutbound: false });
  const connector = new VpcConnector(stack, 'Connector', { vpc, ...variant.props });
  if (variant.appTag !== undefined) {
    Tags.of(app).add('cost-center', variant.appTag);
  }
  if (variant.connectorTag !== undefined) {
    Tags.of(connector).add('team', variant.connectorTag);
  }
  if (variant.extraGroup) {
    connector.connections.addSecurityGroup(new ec2.SecurityGroup(stack, 'Extra', { vpc }));
  }
  if (variant.allowToDatabase) {
    connector.connections.allowTo(database, ec2.Port.tcp(5432));
  }
  if (variant.secondConnector) {
    new VpcConnector(stack, 'Second', { vpc });
  }
  const service = serviceThrough(stack, 'Service', connector);
  if (variant.serviceImage !== undefined) {
    service.addPropertyOverride('SourceConfiguration.ImageRepository.ImageIdentifier', variant.serviceImage);
  }
  return Template.fromStack(stack).toJSON();
}

function logicalIdOf(template: any, type: string, pathPrefix: string): string {
  const ids = Object.entries<any>(template.Resources)
    .filter(([id, r]) => r.Type === type && id.startsWith(pathPrefix))
    .map(([id]) => id);
  expect(ids).toHaveLength(1);
  return ids[0];
}

/** The connector's group: its logical ID and the digest in its description. */
function ownedGroup(template: any) {
  const id = logicalIdOf(template, GROUP, 'ConnectorSecurityGroup');
  const description: string = template.Resources[id].Properties.GroupDescription;
  expect(description).toMatch(DESCRIPTION);
  return { id, description, digest: DESCRIPTION.exec(description)![1], connectorId: logicalIdOf(template, CONNECTOR, 'Connector') };
}

describe('the group the connector creates', () => {
  test('an unchanged app synthesizes an identical template', () => {
    expect(synth({ connectorTag: 'payments', allowToDatabase: true })).toEqual(synth({ connectorTag: 'payments', allowToDatabase: true }));
  });

  test('its description carries a digest of the connector\'s configuration', () => {
    const template = synth();
    const { id } = ownedGroup(template);
    expect(template.Resources[id].Properties.GroupDescription).toMatch(DESCRIPTION);
  });

  // Each of these replaces the connector (a create-only property changes): the group must be replaced too.
  test.each<[string, Variant]>([
    ['the subnets gain an AZ', { maxAzs: 3 }],
    ['the subnets are narrowed to one AZ', { props: { vpcSubnets: { availabilityZones: ['eu-west-1a'] } } }],
    ['the subnets are another subnet type', { props: { vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } } }],
    ['a name is given', { props: { vpcConnectorName: 'orders-connector' } }],
    ['a tag is added with `Tags.of(app)`', { appTag: 'cc-1' }],
    ['a tag is added to the connector', { connectorTag: 'payments' }],
    ['a group is added through `connections`', { extraGroup: true }],
  ])('a new digest, with the same logical IDs, when %s', (_, variant) => {
    const before = ownedGroup(synth());
    const after = ownedGroup(synth(variant));

    expect(after.digest).not.toBe(before.digest);
    expect(after.id).toBe(before.id);
    expect(after.connectorId).toBe(before.connectorId);
  });

  test('a new digest when a tag value on the connector changes', () => {
    expect(ownedGroup(synth({ connectorTag: 'payments' })).digest).not.toBe(ownedGroup(synth({ connectorTag: 'orders' })).digest);
  });

  test('a new digest when the name changes', () => {
    const a = ownedGroup(synth({ props: { vpcConnectorName: 'orders-v1' } }));
    const b = ownedGroup(synth({ props: { vpcConnectorName: 'orders-v2' } }));
    expect(a.digest).not.toBe(b.digest);
  });

  // None of these replaces the connector: the group must stay.
  test.each<[string, Variant]>([
    ['a rule is added with `allowTo`', { allowToDatabase: true }],
    ['`allowAllOutbound` changes', { props: { allowAllOutbound: false } }],
    ['the service changes', { serviceImage: 'public.ecr.aws/nginx/nginx:latest' }],
    ['another connector is added', { secondConnector: true }],
  ])('the same digest when %s', (_, variant) => {
    expect(ownedGroup(synth(variant)).digest).toBe(ownedGroup(synth()).digest);
  });

  test('rules other groups hold for it refer to it by `Fn::GetAtt`, so they follow a new group', () => {
    const template = synth({ allowToDatabase: true });
    const { id } = ownedGroup(template);

    Template.fromJSON(template).hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Database'), 'GroupId'] },
      SourceSecurityGroupId: { 'Fn::GetAtt': [id, 'GroupId'] },
      FromPort: 5432,
    });
  });

  test('each synth resolves the configuration afresh (resolved IDs are cached for one synth only)', () => {
    const stack = newStack();
    const app = stack.node.root as App;
    const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-1', availabilityZones: ['a'] });
    let subnetId = 'subnet-1';
    const subnet = ec2.Subnet.fromSubnetAttributes(stack, 'Subnet', { subnetId: Lazy.uncachedString({ produce: () => subnetId }) });
    new VpcConnector(stack, 'Connector', { vpc, subnets: [subnet] });
    const digest = () => ownedGroup(app.synth({ force: true }).getStackByName('Stack').template).digest;
    const first = digest();

    subnetId = 'subnet-2';

    expect(digest()).not.toBe(first);
  });

  test('the description does not depend on the connector\'s construct path', () => {
    const description = (id: string) => {
      const stack = newStack();
      new VpcConnector(stack, id, { vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 }) });
      return Object.values<any>(Template.fromStack(stack).findResources(GROUP)).map(r => r.Properties.GroupDescription).find(d => d.startsWith('App Runner'))!;
    };

    expect(description('C'.repeat(300))).toMatch(DESCRIPTION);
    expect(description('C'.repeat(300))).toBe(description('Connector'));
  });

  test('the digest is independent of the App it is built in (no time, no randomness)', () => {
    const digests = new Set([1, 2, 3].map(() => ownedGroup(synth({ connectorTag: 'x' })).digest));
    expect(digests.size).toBe(1);
  });

  test('a name given as a token is part of the digest as its resolved value', () => {
    const a = ownedGroup(synth({ props: { vpcConnectorName: Lazy.string({ produce: () => 'lazy-name-1' }) } }));
    const b = ownedGroup(synth({ props: { vpcConnectorName: Lazy.string({ produce: () => 'lazy-name-2' }) } }));
    expect(a.digest).not.toBe(b.digest);
  });
});

/**
 * An app whose connector may be replaced by something other than its props: the VPC's subnet layout,
 * an escape hatch, an Aspect, a mixin, the given groups. Each variant is what a user changes between deployments.
 */
interface Outside {
  readonly privateCidrMask?: number;
  readonly isolatedGroupFirst?: boolean;
  readonly vpcCidr?: string;
  readonly natGateways?: number;
  readonly vpcTag?: string;
  readonly overrideTag?: string;
  readonly aspectTag?: string;
  readonly mixinTag?: string;
  readonly logicalId?: string;
  readonly givenDescription?: string;
  readonly givenTag?: string;
}

/** Sets a tag on every `CfnVpcConnector`: an Aspect, and a mixin. */
class TagConnectors implements IAspect {
  constructor(private readonly value: string) {}
  public supports(construct: IConstruct) {
    return construct instanceof apprunner.CfnVpcConnector;
  }
  public applyTo(construct: IConstruct) {
    (construct as apprunner.CfnVpcConnector).tags.setTag('changed', this.value);
  }
  public visit(construct: IConstruct) {
    if (this.supports(construct)) {
      this.applyTo(construct);
    }
  }
}

const HAS_MIXINS = typeof (new App() as unknown as { with?: unknown }).with === 'function';

/** The digests of the groups the connectors own, by connector id, and the logical IDs of everything, in an app built from `variant`. */
function outside(variant: Outside = {}) {
  const stack = newStack({ env: true });
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    maxAzs: 2,
    natGateways: variant.natGateways ?? 1,
    ipAddresses: ec2.IpAddresses.cidr(variant.vpcCidr ?? '10.0.0.0/16'),
    subnetConfiguration: [
      { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
      ...variant.isolatedGroupFirst ? [{ name: 'Data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }] : [],
      { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: variant.privateCidrMask ?? 24 },
    ],
  });
  const given = new ec2.SecurityGroup(stack, 'Given', { vpc, description: variant.givenDescription });
  const connector = new VpcConnector(stack, 'Connector', { vpc });
  new VpcConnector(stack, 'Unique', { vpc, securityGroups: [given], uniqueSecurityGroupSet: true });
  if (variant.givenTag) {
    Tags.of(given).add('team', variant.givenTag);
  }
  if (variant.vpcTag) {
    Tags.of(vpc).add('cost-center', variant.vpcTag);
  }
  const cfn = connector.node.defaultChild as apprunner.CfnVpcConnector;
  if (variant.overrideTag) {
    cfn.addPropertyOverride('Tags', [{ Key: 'override', Value: variant.overrideTag }]);
  }
  if (variant.aspectTag) {
    Aspects.of(stack).add(new TagConnectors(variant.aspectTag));
  }
  if (variant.mixinTag) {
    (connector as unknown as { with(...mixins: unknown[]): void }).with(new TagConnectors(variant.mixinTag));
  }
  if (variant.logicalId) {
    cfn.overrideLogicalId(variant.logicalId);
  }
  const template = Template.fromStack(stack).toJSON();
  const digests: Record<string, string> = {};
  for (const id of ['Connector', 'Unique']) {
    const group = stack.node.findChild(id).node.findChild('SecurityGroup').node.defaultChild as ec2.CfnSecurityGroup;
    digests[id] = /\(configuration ([0-9a-f]{12})\)$/.exec(template.Resources[stack.resolve(group.logicalId)].Properties.GroupDescription)![1];
  }
  return { digests, logicalIds: Object.keys(template.Resources).sort() };
}

describe('replaced by what is outside the connector\'s props', () => {
  // Each of these replaces the connector without a change to its props' text: the group must be replaced too.
  test.each<[string, Outside, ('Connector' | 'Unique')[]]>([
    ['the private subnets are re-cut (`cidrMask` 24 → 20)', { privateCidrMask: 20 }, ['Connector', 'Unique']],
    ['a subnet group is inserted before the private subnets', { isolatedGroupFirst: true }, ['Connector', 'Unique']],
    ['the VPC gets another CIDR block (it is replaced, and its subnets with it)', { vpcCidr: '10.1.0.0/16' }, ['Connector', 'Unique']],
    ['an escape hatch on the L1 changes', { overrideTag: 'v2' }, ['Connector']],
    ['an Aspect sets an L1 property of every connector', { aspectTag: 'v2' }, ['Connector', 'Unique']],
    ['the L1\'s logical ID is overridden', { logicalId: 'RenamedConnector' }, ['Connector']],
    ['a given group is replaced (its description changes)', { givenDescription: 'the app\'s group' }, ['Unique']],
  ])('a new digest when %s', (_, variant, changed) => {
    const before = outside();
    const after = outside(variant);

    expect(Object.keys(before.digests).filter(id => before.digests[id] !== after.digests[id])).toEqual(changed);
  });

  (HAS_MIXINS ? test : test.skip)('a new digest when a property mixin sets an L1 property (constructs >= 10.4; test:compat on the latest)', () => {
    expect(outside({ mixinTag: 'v2' }).digests.Connector).not.toBe(outside().digests.Connector);
  });

  test('the re-cut subnets keep their logical IDs: only a digest of what they are tells the versions apart', () => {
    expect(outside({ privateCidrMask: 20 }).logicalIds).toEqual(outside().logicalIds);
  });

  // None of these replaces a subnet, a VPC, a given group or the connector: nothing of ours may change.
  test.each<[string, Outside]>([
    ['the VPC and its subnets get a tag', { vpcTag: 'cc-7' }],
    ['the VPC gets another NAT gateway', { natGateways: 2 }],
    ['a given group gets a tag', { givenTag: 'payments' }],
  ])('the same digests when %s', (_, variant) => {
    expect(outside(variant).digests).toEqual(outside().digests);
  });

  test('a subnet of another stack counts by what it is too (through the export the connector imports)', () => {
    const build = (cidrMask: number) => {
      const network = newStack({ id: 'Network', env: true });
      const app = network.node.root as App;
      const vpc = new ec2.Vpc(network, 'Vpc', {
        maxAzs: 2,
        subnetConfiguration: [
          { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
          { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask },
        ],
      });
      const services = newStack({ id: 'Services', app, env: true });
      new VpcConnector(services, 'Connector', { vpc });
      const template = Template.fromStack(services).toJSON();
      return Object.values<any>(template.Resources).find(r => r.Type === GROUP).Properties.GroupDescription;
    };

    expect(build(20)).not.toBe(build(24));
  });
});

describe('an organisation\'s property injector for ec2.SecurityGroup', () => {
  class GroupDefaults implements IPropertyInjector {
    public readonly constructUniqueId = ec2.SecurityGroup.PROPERTY_INJECTION_ID;
    constructor(private readonly defaults: Partial<ec2.SecurityGroupProps>) {}
    public inject(props: ec2.SecurityGroupProps, _context: InjectionContext): ec2.SecurityGroupProps {
      return { ...props, ...this.defaults };
    }
  }

  test('the connector\'s own group keeps its description, with a warning naming the injector; other groups get the injected one', () => {
    const stack = newStack({ env: true });
    PropertyInjectors.of(stack).add(new GroupDefaults({ description: 'Managed by the platform team' }));
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    new ec2.SecurityGroup(stack, 'Other', { vpc });
    new VpcConnector(stack, 'Connector', { vpc });

    const template = Template.fromStack(stack);
    const descriptions = Object.values<any>(template.findResources(GROUP)).map(r => r.Properties.GroupDescription);
    expect(descriptions).toEqual(expect.arrayContaining(['Managed by the platform team', expect.stringMatching(DESCRIPTION)]));
    Annotations.fromStack(stack).hasWarning('/Stack/Connector', "The connector's own group keeps its description, not 'Managed by the platform team' from the property injector GroupDefaults registered on Stack: "
      + 'it carries the replacement digest. Make the injector skip a VpcConnector\'s groups (README: Organisation defaults). [ack: cdk-apprunner-vpc-connector:injectedGroupDescription]');
  });

  test('the digest still changes with the subnets', () => {
    const digest = (maxAzs: number) => {
      const stack = newStack({ env: true });
      const app = stack.node.root as App;
      PropertyInjectors.of(app).add(new GroupDefaults({ description: 'Managed by the platform team' }));
      new VpcConnector(stack, 'Connector', { vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs, natGateways: 1 }) });
      return ownedGroup(Template.fromStack(stack).toJSON()).digest;
    };

    expect(digest(3)).not.toBe(digest(2));
  });

  test('fails when it names the connector\'s own group, naming the injector and the fix', () => {
    const stack = newStack({ env: true });
    const app = stack.node.root as App;
    PropertyInjectors.of(app).add(new GroupDefaults({ securityGroupName: 'platform-sg' }));
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });

    expect(() => new VpcConnector(stack, 'Connector', { vpc })).toThrow(
      '[Stack/Connector] `securityGroupName` must be unset on the connector\'s own group, got: "platform-sg" from the property injector GroupDefaults registered on the app. '
      + 'Make the injector skip a VpcConnector\'s groups (README: Organisation defaults).');
  });

  test('an injector that leaves the connector\'s groups alone (as the messages suggest) gives no warning and no error', () => {
    class SkipConnectors extends GroupDefaults {
      public inject(props: ec2.SecurityGroupProps, context: InjectionContext): ec2.SecurityGroupProps {
        return VpcConnector.isVpcConnector(context.scope) ? props : super.inject(props, context);
      }
    }
    const stack = newStack({ env: true });
    const app = stack.node.root as App;
    PropertyInjectors.of(app).add(new SkipConnectors({ securityGroupName: 'platform-sg', description: 'Managed' }));
    new VpcConnector(stack, 'Connector', { vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 }) });

    Annotations.fromStack(stack).hasNoWarning('/Stack/Connector', Match.anyValue());
  });
});

describe('`uniqueSecurityGroupSet`', () => {
  function withGivenGroup(variant: { unique?: boolean; maxAzs?: number; allowTo?: boolean } = {}) {
    const stack = newStack({ env: true });
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: variant.maxAzs ?? 2, natGateways: 1 });
    const given = new ec2.SecurityGroup(stack, 'Given', { vpc });
    const database = new ec2.SecurityGroup(stack, 'Database', { vpc, allowAllOutbound: false });
    const connector = new VpcConnector(stack, 'Connector', { vpc, securityGroups: [given], uniqueSecurityGroupSet: variant.unique });
    if (variant.allowTo) {
      connector.connections.allowTo(database, ec2.Port.tcp(5432));
    }
    return { stack, connector, given, template: Template.fromStack(stack) };
  }

  test('adds a group of the connector\'s own, without rules, after the given groups', () => {
    const { stack, connector, given, template } = withGivenGroup({ unique: true });

    const own = connector.node.findChild('SecurityGroup') as ec2.SecurityGroup;
    template.hasResourceProperties(CONNECTOR, {
      SecurityGroups: [stack.resolve(given.securityGroupId), stack.resolve(own.securityGroupId)],
    });
    template.hasResourceProperties(GROUP, {
      GroupDescription: Match.stringLikeRegexp('^App Runner VPC connector group, replaced with its connector \\(configuration [0-9a-f]{12}\\)$'),
      SecurityGroupIngress: Match.absent(),
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '255.255.255.255/32', Description: 'Disallow all traffic' })],
    });
  });

  test('the added group is not in `connections`: `allowTo` gives it no rule', () => {
    const { connector, given, template } = withGivenGroup({ unique: true, allowTo: true });

    const own = connector.node.findChild('SecurityGroup') as ec2.SecurityGroup;
    expect(connector.connections.securityGroups).toEqual([given]);
    const stack = Stack.of(connector);
    const rules = Object.values<any>(template.findResources('AWS::EC2::SecurityGroupIngress'));
    expect(rules.map(r => r.Properties.SourceSecurityGroupId)).toEqual([stack.resolve(given.securityGroupId)]);
    expect(JSON.stringify(template.toJSON())).not.toContain(`"SourceSecurityGroupId":${JSON.stringify(stack.resolve(own.securityGroupId))}`);
  });

  test('the added group gets a new digest when the subnets change', () => {
    const digestOf = (template: Template) => Object.values<any>(template.findResources(GROUP))
      .map(r => r.Properties.GroupDescription).find(d => DESCRIPTION.test(d));
    const before = digestOf(withGivenGroup({ unique: true }).template);
    const after = digestOf(withGivenGroup({ unique: true, maxAzs: 3 }).template);
    expect(before).toBeDefined();
    expect(after).not.toBe(before);
  });

  test('is on by default', () => {
    const { stack, connector, given, template } = withGivenGroup();

    const own = connector.node.findChild('SecurityGroup') as ec2.SecurityGroup;
    template.hasResourceProperties(CONNECTOR, { SecurityGroups: [stack.resolve(given.securityGroupId), stack.resolve(own.securityGroupId)] });
  });

  test('`false` keeps the given groups only', () => {
    const { stack, connector, given, template } = withGivenGroup({ unique: false });

    expect(connector.node.tryFindChild('SecurityGroup')).toBeUndefined();
    template.hasResourceProperties(CONNECTOR, { SecurityGroups: [stack.resolve(given.securityGroupId)] });
  });

  test('without `securityGroups` changes nothing: the created group already is the connector\'s own', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
    new VpcConnector(stack, 'Connector', { vpc, uniqueSecurityGroupSet: true });

    Template.fromStack(stack).resourceCountIs(GROUP, 1);
  });

  test('fails when the VPC to create the group in is unknown', () => {
    const stack = newStack();
    const given = ec2.SecurityGroup.fromSecurityGroupId(stack, 'Given', 'sg-12345678');

    expect(() => new VpcConnector(stack, 'Connector', {
      subnets: [ec2.Subnet.fromSubnetId(stack, 'Subnet', 'subnet-1')],
      securityGroups: [given],
      uniqueSecurityGroupSet: true,
    })).toThrow('`uniqueSecurityGroupSet` needs the VPC to create the connector\'s own group in, got: subnets imported without a VPC. Pass `vpc` as well, or set `uniqueSecurityGroupSet` to false (see its documentation).');
  });
});

describe('work remembered between resolutions', () => {
  test('a second synth sees a tag and a group added after the first', () => {
    const stack = newStack({ env: true });
    const app = stack.node.root as App;
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const connector = new VpcConnector(stack, 'Connector', { vpc });
    const digest = () => ownedGroup(app.synth({ force: true }).getStackByName('Stack').template).digest;
    const first = digest();

    Tags.of(connector).add('team', 'payments');
    const tagged = digest();
    connector.connections.addSecurityGroup(new ec2.SecurityGroup(stack, 'Extra', { vpc }));

    expect(new Set([first, tagged, digest()]).size).toBe(3);
  });

  test('the template and the tree metadata of one synth carry the same description', () => {
    const stack = newStack({ env: true });
    const app = stack.node.root as App;
    new VpcConnector(stack, 'Connector', { vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 }) });
    const assembly = app.synth();

    const tree = fs.readFileSync(path.join(assembly.directory, 'tree.json'), 'utf-8');
    expect(tree).toContain(JSON.stringify(ownedGroup(assembly.getStackByName('Stack').template).description));
  });

  test('the L1 holds the groups of `connections` as a plain list, written again when a group is added', () => {
    // No token to resolve ~40 times per synth; and an escape hatch reads the real list.
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
    const connector = new VpcConnector(stack, 'Connector', { vpc });
    const cfn = connector.node.defaultChild as apprunner.CfnVpcConnector;
    const own = connector.connections.securityGroups[0];
    expect(cfn.securityGroups).toEqual([own.securityGroupId]);

    const extra = new ec2.SecurityGroup(stack, 'Extra', { vpc });
    connector.connections.addSecurityGroup(extra, extra, own);

    expect(cfn.securityGroups).toEqual([own.securityGroupId, extra.securityGroupId]);
  });

  test('a group added after the groups were resolved once still reaches the template', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
    const connector = new VpcConnector(stack, 'Connector', { vpc });
    const cfn = connector.node.defaultChild as apprunner.CfnVpcConnector;
    expect(stack.resolve(cfn.securityGroups)).toHaveLength(1);

    const extra = new ec2.SecurityGroup(stack, 'Extra', { vpc });
    connector.connections.addSecurityGroup(extra);

    const template = Template.fromStack(stack).toJSON();
    expect(Object.values<any>(template.Resources).find(r => r.Type === CONNECTOR).Properties.SecurityGroups)
      .toEqual([stack.resolve(connector.connections.securityGroups[0].securityGroupId), stack.resolve(extra.securityGroupId)]);
  });
});

import * as apprunnerAlpha from '@aws-cdk/aws-apprunner-alpha';
import { App, Aspects, Fn, IAspect, InjectionContext, IPropertyInjector, NestedStack, PropertyInjectors, Stack, Tags } from 'aws-cdk-lib';
import * as apprunner from 'aws-cdk-lib/aws-apprunner';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct, IConstruct } from 'constructs';
import * as fc from 'fast-check';
import { serviceThrough } from './service';
import { AZS, ENV, newApp } from './stacks';
import { IVpcConnector, VpcConnector } from '../../src';

/*
 * The apps of the day-2 suites (test/upgrade.test.ts, test/replacement-invariant.test.ts): one app, as
 * a few switches, built with our connector, the alpha L2 or the raw L1.
 */


/** One app, as a few switches. Every change below sets some of them between v1 and v2. */
export interface AppConfig {
  /** `maxAzs` of the VPC. */
  readonly maxAzs?: number;
  /** `cidrMask` of the VPC's private subnets (24). */
  readonly privateCidrMask?: number;
  /** A subnet group of isolated subnets comes before the private ones in `subnetConfiguration`. */
  readonly isolatedGroupFirst?: boolean;
  /** The connector is narrowed to these availability zones (`vpcSubnets.availabilityZones`). */
  readonly azs?: string[];
  /** The connector is placed in this one private subnet, by index (explicit subnets). */
  readonly subnet?: number;
  /** `Tags.of(app).add('team', …)`. */
  readonly appTag?: string;
  /** `Tags.of(connector).add('owner', …)`. */
  readonly connectorTag?: string;
  /** An escape hatch on the connector's L1: `addPropertyOverride('Tags', [{ Key: 'override', Value: … }])`. */
  readonly overrideTag?: string;
  /** A property mixin, `connector.with(…)`, that sets a tag on the L1 (constructs >= 10.4, aws-cdk-lib >= 2.241). */
  readonly mixinTag?: string;
  /** An Aspect that sets a tag on every `CfnVpcConnector`. */
  readonly aspectTag?: string;
  /** An organisation's property injector for `ec2.SecurityGroup` that sets `description` on every group. */
  readonly injectedDescription?: string;
  /** The same, setting `securityGroupName` (`<construct id>-<this>`). */
  readonly injectedName?: string;
  /** `vpcConnectorName`. */
  readonly name?: string;
  /** A connector imported by a literal ARN with this name, in the same account and region (it exists). */
  readonly importedName?: string;
  /** A group the app creates, added with `connector.connections.addSecurityGroup()`. */
  readonly extraGroup?: boolean;
  /** `connector.connections.allowTo(database, ec2.Port.tcp(5432))`. */
  readonly allowToDatabase?: boolean;
  /** The connector is given one group the app creates (`securityGroups`) instead of creating its own. */
  readonly givenGroups?: boolean;
  /** Ours only: `uniqueSecurityGroupSet` (set either way: the alpha and the L1 cannot express it). */
  readonly uniqueSecurityGroupSet?: boolean;
  /**
   * The connector is placed in one subnet whose ID is an SSM parameter (`/network/connector-subnet`), resolved
   * at deploy time: the value it has when this version deploys. The template is the same for every value.
   */
  readonly ssmSubnet?: string;
  /** The same, through `Fn.importValue('network-connector-subnet')`: an export of a stack outside the app. */
  readonly importedSubnet?: string;
  /** The connector is in a construct `Wrapper` (a plain move: its logical IDs change). */
  readonly wrapped?: boolean;
  /** `allowAllOutbound` of the group the connector creates. */
  readonly allowAllOutbound?: boolean;
  /** Ours only: the props object is given with its keys in reverse order (the template is the same). */
  readonly reversedProps?: boolean;
  /** The service's `instanceConfiguration.cpu`. */
  readonly serviceCpu?: string;
  /**
   * Where things live: all in one stack (default); `connector-with-vpc`, the VPC and the connector in a stack
   * `Network` and the service in a stack `Services`; `vpc-apart`, the VPC in `Network`, the connector and the
   * service in `Services`; `nested`, the VPC in `Stack` and the connector and the service in its nested stack
   * `Services`.
   */
  readonly layout?: 'connector-with-vpc' | 'vpc-apart' | 'nested';
}

export type Implementation = 'ours' | 'alpha' | 'l1';

export /** Whether constructs has mixins (`construct.with()`, constructs >= 10.4, with aws-cdk-lib >= 2.241). */
const HAS_MIXINS = typeof (new App() as unknown as { with?: unknown }).with === 'function';

export /** Thrown when an implementation has no way to express a switch of `AppConfig`. */
class NotExpressible extends Error {}

/** Sets a tag on every `CfnVpcConnector` it visits: an Aspect, and a mixin. */
class TagConnectors implements IAspect {
  constructor(private readonly key: string, private readonly value: string) {}

  public supports(construct: IConstruct): boolean {
    return construct instanceof apprunner.CfnVpcConnector;
  }

  public applyTo(construct: IConstruct) {
    (construct as apprunner.CfnVpcConnector).tags.setTag(this.key, this.value);
  }

  public visit(construct: IConstruct) {
    if (this.supports(construct)) {
      this.applyTo(construct);
    }
  }
}

/** An organisation's defaults for every `ec2.SecurityGroup`: a description, or a name. */
class GroupDefaults implements IPropertyInjector {
  public readonly constructUniqueId = ec2.SecurityGroup.PROPERTY_INJECTION_ID;

  constructor(private readonly defaults: { description?: string; name?: string }) {}

  public inject(props: ec2.SecurityGroupProps, context: InjectionContext): ec2.SecurityGroupProps {
    return {
      ...props,
      ...this.defaults.description ? { description: this.defaults.description } : {},
      ...this.defaults.name ? { securityGroupName: `${context.id}-${this.defaults.name}` } : {},
    };
  }
}

/** An app built from `config` with the connector `implementation`: its stacks. */
export function buildApp(implementation: Implementation, config: AppConfig): Stack[] {
  const app = newApp();
  if (config.injectedDescription || config.injectedName) {
    PropertyInjectors.of(app).add(new GroupDefaults({ description: config.injectedDescription, name: config.injectedName }));
  }
  const layout = config.layout;
  const network = new Stack(app, layout && layout !== 'nested' ? 'Network' : 'Stack', { env: ENV });
  const services = layout === 'nested' ? new NestedStack(network, 'Services') : layout ? new Stack(app, 'Services', { env: ENV }) : network;
  const stack = layout === 'vpc-apart' || layout === 'nested' ? services : network;
  const scope = config.wrapped ? new Construct(stack, 'Wrapper') : stack;
  // Room for a third AZ is reserved, so another AZ adds subnets and leaves the CIDRs of the existing
  // ones alone (without it, every subnet after the first group moves, and is replaced).
  const maxAzs = config.maxAzs ?? 2;
  const vpc = new ec2.Vpc(network, 'Vpc', {
    maxAzs,
    reservedAzs: AZS.length - maxAzs,
    natGateways: 1,
    subnetConfiguration: [
      { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
      ...config.isolatedGroupFirst ? [{ name: 'Data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }] : [],
      { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: config.privateCidrMask ?? 24 },
    ],
  });
  const vpcSubnets = { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, ...config.azs ? { availabilityZones: config.azs } : {} };
  const database = new ec2.SecurityGroup(stack, 'Database', { vpc });
  const given = config.givenGroups ? [new ec2.SecurityGroup(stack, 'AppGroup', { vpc })] : undefined;
  const extra = config.extraGroup ? new ec2.SecurityGroup(stack, 'ExtraGroup', { vpc }) : undefined;
  const deployTimeSubnet = config.ssmSubnet !== undefined ? ssm.StringParameter.valueForStringParameter(stack, '/network/connector-subnet')
    : config.importedSubnet !== undefined ? Fn.importValue('network-connector-subnet') : undefined;
  const subnets = deployTimeSubnet !== undefined ? [ec2.Subnet.fromSubnetAttributes(stack, 'DeployTimeSubnet', { subnetId: deployTimeSubnet, availabilityZone: AZS[0] })]
    : config.subnet === undefined ? undefined : [vpc.privateSubnets[config.subnet]];

  let vpcConnectorArn: string;
  let connections: ec2.Connections;
  let tagged: IConstruct;
  let connector: IVpcConnector | undefined;
  switch (implementation) {
    case 'ours': {
      const props = {
        ...(subnets ? { subnets, vpc } : { vpc, vpcSubnets }),
        securityGroups: given,
        uniqueSecurityGroupSet: config.uniqueSecurityGroupSet,
        vpcConnectorName: config.name,
        allowAllOutbound: config.allowAllOutbound,
      };
      const ours = new VpcConnector(scope, 'Connector', config.reversedProps ? Object.fromEntries(Object.entries(props).reverse()) : props);
      if (extra) {
        ours.connections.addSecurityGroup(extra);
      }
      ({ vpcConnectorArn, connections } = ours);
      tagged = connector = ours;
      break;
    }
    case 'alpha': {
      if (config.uniqueSecurityGroupSet !== undefined || config.allowAllOutbound !== undefined) {
        throw new NotExpressible('the alpha has neither `uniqueSecurityGroupSet` nor `allowAllOutbound`');
      }
      const alpha = new apprunnerAlpha.VpcConnector(scope, 'Connector', {
        vpc,
        vpcSubnets: subnets ? { subnets } : vpcSubnets,
        securityGroups: given,
        vpcConnectorName: config.name,
      });
      if (extra) {
        alpha.connections.addSecurityGroup(extra);
      }
      ({ vpcConnectorArn, connections } = alpha);
      tagged = alpha;
      break;
    }
    case 'l1': {
      if (config.uniqueSecurityGroupSet !== undefined) {
        throw new NotExpressible('the L1 has no `uniqueSecurityGroupSet`');
      }
      const groups = given ?? [new ec2.SecurityGroup(stack, 'ConnectorSecurityGroup', { vpc, allowAllOutbound: config.allowAllOutbound })];
      const l1 = new apprunner.CfnVpcConnector(scope, 'Connector', {
        subnets: (subnets ?? vpc.selectSubnets(vpcSubnets).subnets).map(subnet => subnet.subnetId),
        securityGroups: [...groups, ...extra ? [extra] : []].map(group => group.securityGroupId),
        vpcConnectorName: config.name,
      });
      vpcConnectorArn = l1.attrVpcConnectorArn;
      connections = new ec2.Connections({ securityGroups: groups });
      tagged = l1;
      break;
    }
  }

  if (config.allowToDatabase) {
    connections.allowTo(database, ec2.Port.tcp(5432));
  }
  if (config.connectorTag) {
    Tags.of(tagged).add('owner', config.connectorTag);
  }
  if (config.appTag) {
    Tags.of(app).add('team', config.appTag);
  }
  const l1 = (tagged.node.defaultChild ?? tagged) as apprunner.CfnVpcConnector;
  if (config.overrideTag) {
    l1.addPropertyOverride('Tags', [{ Key: 'override', Value: config.overrideTag }]);
  }
  if (config.mixinTag) {
    if (!HAS_MIXINS) {
      throw new NotExpressible('constructs before 10.4 has no mixins');
    }
    (tagged as unknown as { with(...mixins: unknown[]): void }).with(new TagConnectors('mixin', config.mixinTag));
  }
  if (config.aspectTag) {
    Aspects.of(app).add(new TagConnectors('aspect', config.aspectTag));
  }
  if (config.importedName) {
    VpcConnector.fromVpcConnectorArn(services, 'Legacy',
      `arn:aws:apprunner:${ENV.region}:${ENV.account}:vpcconnector/${config.importedName}/1/0123456789abcdef0123456789abcdef`);
  }
  // serviceThrough reads only the ARN of the connector it is given.
  const service = serviceThrough(services, 'Service', connector ?? { vpcConnectorArn } as IVpcConnector);
  if (config.serviceCpu) {
    service.instanceConfiguration = { cpu: config.serviceCpu };
  }
  return layout ? [network, services as Stack] : [network];
}


/** What a version of the day-2 property tests may set, each with the values it may take. */
export const SWITCHES = {
  maxAzs: fc.constantFrom(2, 3),
  privateCidrMask: fc.constantFrom(24, 22),
  isolatedGroupFirst: fc.boolean(),
  azs: fc.constantFrom<string[] | undefined>(undefined, ['eu-west-1a'], ['eu-west-1b']),
  appTag: fc.constantFrom(undefined, 'payments'),
  connectorTag: fc.constantFrom(undefined, 'alice', 'bob'),
  overrideTag: fc.constantFrom(undefined, 'v1', 'v2'),
  name: fc.constantFrom(undefined, 'orders-a', 'orders-b'),
  givenGroups: fc.boolean(),
  allowToDatabase: fc.boolean(),
  allowAllOutbound: fc.constantFrom(undefined, false),
  serviceCpu: fc.constantFrom(undefined, '1 vCPU'),
  ssmSubnet: fc.constantFrom(undefined, 'subnet-0aaaaaaaaaaaaaaaa', 'subnet-0bbbbbbbbbbbbbbbb'),
};

/** Our connector owns a group in every version: it creates one, or adds one to the given groups (the default). */
const owned = (config: Partial<AppConfig>): AppConfig => ({
  ...config,
  allowAllOutbound: config.givenGroups ? undefined : config.allowAllOutbound,
});

/** An app in one stack, or with the connector in a nested stack of the VPC's stack. */
const layouts = fc.constantFrom<AppConfig['layout']>(undefined, 'nested');

/** One version of an app. */
export const appVersion: fc.Arbitrary<AppConfig> = fc.tuple(fc.record(SWITCHES, { requiredKeys: [] }), layouts)
  .map(([config, layout]) => owned({ ...config, layout }));

/** A deployed version, and the next: the same with one to three switches set again. */
export const appVersions: fc.Arbitrary<[AppConfig, AppConfig]> = fc.tuple(
  fc.record(SWITCHES, { requiredKeys: [] }),
  fc.array(fc.oneof(...Object.entries(SWITCHES).map(([key, values]) => (values as fc.Arbitrary<unknown>).map(value => ({ [key]: value })))),
    { minLength: 1, maxLength: 3 }),
  layouts,
).map(([v1, changes, layout]) => [owned({ ...v1, layout }), owned(Object.assign({}, v1, ...changes, { layout }))]);

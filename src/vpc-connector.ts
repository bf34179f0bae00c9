import { Annotations, IResource, Resource, Stack, Token, interfaces } from 'aws-cdk-lib';
import { CfnVpcConnector } from 'aws-cdk-lib/aws-apprunner';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct, IConstruct } from 'constructs';
import type { ParsedVpcConnectorArn } from './private/arn';
import { importingStacks } from './private/cross-stack';
import {
  ANY, BOOLEAN, checkInputs, childPath, inCallersLanguage, injectorFor, injectProps,
  NAME, REVISION, SECURITY_GROUPS, SUBNET_SELECTION, SUBNETS, VPC, withConstructPath,
} from './private/input';
import { ConnectorResource, OWN_GROUP_ID, ownGroupDescription } from './private/replacement';
import {
  addedNonGroups, foreignSecurityGroups, isSecurityGroup, validateIpv4Subnets, validatePropCombination,
  validateResolvedVpcConnectorName, validateTags, validateVpcConnectorName,
} from './private/validation';
import { copiesById, isPublicSubnet, selectedSubnets, subnetLabel, uniqueById, vpcOfSubnet, vpcReference, VpcReference } from './private/vpc-identity';

/**
 * Properties of a VPC connector.
 *
 * Give the subnets either explicitly with `subnets`, or as a `vpc` (optionally
 * narrowed with `vpcSubnets`).
 */
export interface VpcConnectorProps {
  /**
   * The subnets App Runner places the connector's network interfaces in.
   *
   * All of them must be in one VPC. Duplicates are removed, the order is kept.
   * Cannot be combined with `vpcSubnets`.
   *
   * @default - the subnets selected from `vpc` by `vpcSubnets`
   */
  readonly subnets?: ec2.ISubnet[];

  /**
   * The VPC the connector reaches into.
   *
   * Without `subnets`, the subnets are selected from it with `vpcSubnets`.
   * With `subnets`, every subnet whose VPC is known must be in this VPC; it is
   * also where the default security group is created.
   *
   * @default - the VPC of `subnets`
   */
  readonly vpc?: ec2.IVpc;

  /**
   * Which subnets of `vpc` to use. Only with `vpc`, and not with `subnets`.
   *
   * @default - as `vpc.selectSubnets()`: the private subnets with egress, else the isolated ones, else the public ones
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * The security groups of the connector's network interfaces. Set
   * `uniqueSecurityGroupSet: true` with them, so that later changes to the
   * connector deploy.
   *
   * Every change that replaces a connector creates the new one while the old
   * one is still in use, and App Runner refuses a connector whose
   * security-group set an existing connector has. A set kept as given (the
   * default) stays the same through a change to the subnets, the name or the
   * tags, so the replacement fails to deploy; a warning at synth says so until
   * `uniqueSecurityGroupSet` is set either way (see the README, "Replacement").
   * Two connectors with the same set in one account and region are an error at
   * synth.
   *
   * Duplicates are removed. More groups can be added later with
   * `connector.connections.addSecurityGroup()`.
   *
   * @default - one new security group in the VPC, owned by the connector and
   * replaced with it, so every replacement deploys (an empty list counts as omitted)
   */
  readonly securityGroups?: ec2.ISecurityGroup[];

  /**
   * Whether to add a security group without rules, owned by this connector,
   * to the given `securityGroups`, so that every replacement of the connector
   * has a security-group set that no other connector has.
   *
   * Like the group created when no `securityGroups` are given, it is replaced
   * exactly when the connector is: its description carries a digest of
   * everything whose change replaces the connector (the connector as its
   * template renders it, and the subnets, VPC and groups it refers to). It
   * holds no rules and is not part of `connections`, so it grants nothing: the
   * given groups keep deciding what the service may reach. It costs one
   * security group per connector (EC2 quota: 2,500 per Region by default, 5
   * per network interface).
   *
   * Only with `securityGroups`: without them, the created group already does this.
   *
   * @default false - the given groups only, with a warning at synth unless set
   */
  readonly uniqueSecurityGroupSet?: boolean;

  /**
   * Whether the security group this construct creates allows all outbound
   * traffic. Only when `securityGroups` is not given.
   *
   * Set it to `false` and open exactly what the service needs with
   * `connector.connections.allowTo()`.
   *
   * @default true
   */
  readonly allowAllOutbound?: boolean;

  /**
   * The name of the VPC connector: 4 to 40 letters, digits, hyphens and
   * underscores, starting with a letter or digit.
   *
   * Every change to a connector (its subnets, security groups, tags or name,
   * or the subnets of its VPC) replaces it, and the replacement is created
   * while the old connector still holds its name: App Runner refuses the second
   * connector with the same name, and the deployment rolls back. With a fixed
   * name (a warning at synth says so), change the name together with any other
   * change (for example append a version: 'orders-v2'), or leave it unset. Two
   * connectors with the same literal name in one account and region are an
   * error at synth, and a warning when the other is imported by ARN.
   *
   * @default - a unique name generated by CloudFormation, so replacements deploy
   */
  readonly vpcConnectorName?: string;
}

/**
 * Attributes to import an existing VPC connector.
 */
export interface VpcConnectorAttributes {
  /**
   * The ARN of the VPC connector:
   * `arn:<partition>:apprunner:<region>:<account>:vpcconnector/<name>/<revision>/<id>`.
   */
  readonly vpcConnectorArn: string;

  /**
   * The name of the VPC connector.
   *
   * @default - parsed from the ARN
   */
  readonly vpcConnectorName?: string;

  /**
   * The revision of the VPC connector.
   *
   * @default - parsed from the ARN
   */
  readonly vpcConnectorRevision?: number;

  /**
   * The security groups of the VPC connector, for `connections`.
   *
   * @default - none
   */
  readonly securityGroups?: ec2.ISecurityGroup[];
}

/**
 * An App Runner VPC connector, created here or imported.
 */
export interface IVpcConnector extends IResource, ec2.IConnectable, interfaces.aws_apprunner.IVpcConnectorRef {
  /**
   * The ARN of the VPC connector.
   *
   * @attribute
   */
  readonly vpcConnectorArn: string;

  /**
   * The name of the VPC connector.
   *
   * @attribute
   */
  readonly vpcConnectorName: string;

  /**
   * The revision of the VPC connector.
   *
   * @attribute
   */
  readonly vpcConnectorRevision: number;
}

/**
 * What is common to a created and an imported VPC connector.
 *
 * Exported, as aws-cdk-lib exports `BucketBase` or `FunctionBase`, so that other
 * languages receive an imported connector as an instance of this class: Java
 * then reads `getNode()` and `getEnv()` from the class, also with aws-cdk-lib
 * 2.224 to 2.233, whose Java interfaces `IResource` and `IVpcConnectorRef` both
 * give them a default (an `AbstractMethodError` through the interface alone).
 */
export abstract class VpcConnectorBase extends Resource implements IVpcConnector {
  /**
   * The ARN of the VPC connector.
   *
   * @attribute
   */
  public abstract readonly vpcConnectorArn: string;

  /**
   * The name of the VPC connector.
   *
   * @attribute
   */
  public abstract readonly vpcConnectorName: string;

  /**
   * The revision of the VPC connector.
   *
   * @attribute
   */
  public abstract readonly vpcConnectorRevision: number;

  /**
   * The security groups of the VPC connector.
   */
  public abstract readonly connections: ec2.Connections;

  /**
   * A reference to this VPC connector, for aws-cdk-lib's L1 constructs.
   */
  public get vpcConnectorRef(): interfaces.aws_apprunner.VpcConnectorReference {
    return { vpcConnectorArn: this.vpcConnectorArn };
  }
}

/**
 * An existing VPC connector, imported by ARN.
 */
class ImportedVpcConnector extends VpcConnectorBase {
  public readonly vpcConnectorArn: string;
  public readonly vpcConnectorName: string;
  public readonly vpcConnectorRevision: number;
  public readonly connections: ec2.Connections;

  constructor(scope: Construct, id: string, givenAttrs: VpcConnectorAttributes) {
    // Checked before the construct exists (its environment comes from the ARN): errors carry the path it would have.
    let attrs: VpcConnectorAttributes;
    let arn: ParsedVpcConnectorArn;
    try {
      attrs = checkInputs<VpcConnectorAttributes>(givenAttrs, {
        vpcConnectorArn: ANY, vpcConnectorName: NAME, vpcConnectorRevision: REVISION, securityGroups: SECURITY_GROUPS,
      }, { message: '`vpcConnectorArn` must be given', noun: 'attributes', fix: 'Pass `{ vpcConnectorArn }` as the third argument.' });
      arn = arnModule().parseVpcConnectorArn(attrs.vpcConnectorArn);
    } catch (error) {
      throw withConstructPath(error, childPath(scope.node.path, id));
    }
    super(scope, id, { account: arn.account, region: arn.region });
    this.vpcConnectorArn = attrs.vpcConnectorArn;
    this.vpcConnectorName = attrs.vpcConnectorName ?? arn.name;
    this.vpcConnectorRevision = attrs.vpcConnectorRevision ?? arn.revision;
    this.connections = new ec2.Connections({ securityGroups: attrs.securityGroups });
    // A connector created with this name in the same account and region would be refused.
    uniquenessModule().registerImportedConnector(this, this.vpcConnectorName, arn.account, arn.region);
    if (Token.isUnresolved(attrs.vpcConnectorArn)) {
      // A token that resolves to a literal at synth (`Fn.join` of literals, `Lazy.string`) is checked then.
      const unresolved = attrs.vpcConnectorArn;
      this.node.addValidation({
        validate: () => arnModule().validateResolvedVpcConnectorArn(this, unresolved).map(message => inCallersLanguage(message)),
      });
    }
  }
}

/**
 * An App Runner VPC connector: lets an App Runner service reach resources in
 * private subnets of a VPC.
 *
 * @resource AWS::AppRunner::VpcConnector
 */
export class VpcConnector extends VpcConnectorBase {
  /**
   * The ID under which property injectors for this class are registered:
   * `PropertyInjectors.of(scope).add(injector)` with an injector whose
   * `constructUniqueId` is this ID gives its props to every `VpcConnector`
   * created in `scope` (aws-cdk-lib >= 2.196.0, as for aws-cdk-lib's own L2s).
   */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-apprunner-vpc-connector.VpcConnector';

  /**
   * Whether `x` is a `VpcConnector`, also one created by another copy of this
   * library (an app with two `node_modules` trees), where `instanceof` fails.
   *
   * False for imported connectors (`fromVpcConnectorArn`,
   * `fromVpcConnectorAttributes`): like aws-cdk-lib's `Role.isRole` and
   * `Secret.isSecret`, it tells the class that creates the resource, not the
   * interface `IVpcConnector` that imports share.
   */
  public static isVpcConnector(x: any): x is VpcConnector {
    return x !== null && typeof x === 'object' && VPC_CONNECTOR_SYMBOL in x;
  }

  /**
   * Import an existing VPC connector by its ARN. The name, the revision, the
   * account and the region are parsed from the ARN.
   */
  public static fromVpcConnectorArn(scope: Construct, id: string, vpcConnectorArn: string): IVpcConnector {
    return new ImportedVpcConnector(scope, id, { vpcConnectorArn });
  }

  /**
   * Import an existing VPC connector from its attributes.
   */
  public static fromVpcConnectorAttributes(scope: Construct, id: string, attrs: VpcConnectorAttributes): IVpcConnector {
    return new ImportedVpcConnector(scope, id, attrs);
  }

  /**
   * The ARN of the VPC connector.
   *
   * @attribute
   */
  public readonly vpcConnectorArn: string;

  /**
   * The revision of the VPC connector.
   *
   * @attribute
   */
  public readonly vpcConnectorRevision: number;

  /**
   * The security groups of the VPC connector. Allow traffic from the App
   * Runner service to a resource with `connections.allowTo(resource, port)`.
   */
  public readonly connections: ec2.Connections;

  /**
   * The subnets the connector places its network interfaces in: the given
   * `subnets`, or those selected from `vpc`, without duplicates, in order.
   *
   * With `connections`, what another compute service needs to run where the
   * connector reaches (an ECS Express Mode service beside the App Runner
   * service: see docs/migration.md).
   */
  public readonly subnets: ec2.ISubnet[];

  /** The given name, or the name parsed from the ARN once it has been read. */
  private cachedVpcConnectorName?: string;

  constructor(scope: Construct, id: string, props: VpcConnectorProps) {
    // Organisation defaults first, as aws-cdk-lib's `@propertyInjectable` applies them to its own L2s.
    const injected = injectProps(VpcConnector.PROPERTY_INJECTION_ID, scope, id, props);
    super(scope, id, { physicalName: givenName(injected) });

    // Errors thrown here start with this construct's path; those found at synth get it from aws-cdk-lib.
    try {
      const checked = checkedProps(injected);
      validateVpcConnectorName(checked.vpcConnectorName);
      const callerSetAllowAllOutbound = ((props as Partial<VpcConnectorProps> | undefined)?.allowAllOutbound ?? undefined) !== undefined;
      validatePropCombination(checked, callerSetAllowAllOutbound ? undefined : VpcConnector.PROPERTY_INJECTION_ID);

      const vpc = checked.vpc ? vpcReference(checked.vpc) : undefined;
      // A subnet or group given twice (say, once bare by ID, once as the construct of its VPC) is one entry
      // in the template, and every copy is checked: each may know a VPC that the others do not.
      const subnetCopies = this.selectSubnets(checked, vpc);
      this.subnets = subnetCopies.map(copies =>
        (copies.length === 1 ? copies[0] : copies.find(subnet => vpcOfSubnet(subnet) !== undefined) ?? copies[0]));
      const subnetVpc = this.validateSubnetVpcs(subnetCopies, vpc);
      validateIpv4Subnets(subnetCopies.flat());
      this.warnOnPublicSubnets(subnetCopies.flat(), checked.vpc);

      const groupCopies = copiesById(checked.securityGroups ?? [], g => g.securityGroupId);
      const givenGroups = groupCopies.map(copies => copies[0]);
      const everyGivenGroup = new Set(groupCopies.flat());

      // The connector owns a group that is replaced with it, so that a replacement has a new group set:
      // the one it creates when no groups are given (in `connections`), or, on request, a group
      // without rules next to the given ones (not in `connections`: it grants nothing).
      const ownsGroup = givenGroups.length === 0 || checked.uniqueSecurityGroupSet === true;
      if (ownsGroup && !subnetVpc) {
        throw new Error(givenGroups.length === 0
          ? '`securityGroups` must be given when the VPC of `subnets` is unknown, got: none, and the subnets were imported without a VPC. Pass `vpc` so a security group can be created in it, or pass `securityGroups`.'
          : '`uniqueSecurityGroupSet` needs the VPC to create a group in, got: subnets imported without a VPC. Pass `vpc` as well.');
      }

      // The L1 comes before the owned group: the group's description is worked out from the L1 as its
      // template renders it, and a stack renders its resources in the order they were created.
      const resource = new ConnectorResource(this, 'Resource', {
        subnets: this.subnets.map(subnet => subnet.subnetId),
        securityGroups: [],
        vpcConnectorName: checked.vpcConnectorName,
      });
      const ownedGroup = ownsGroup
        ? this.createOwnedGroup(resource, subnetVpc!, givenGroups.length === 0 ? checked.allowAllOutbound ?? true : false)
        : undefined;
      const ruleless = givenGroups.length > 0 ? ownedGroup : undefined;
      // The connector's `SecurityGroups` are the groups in `connections` (and the rule-less group): written
      // again whenever a group is added there, so the property is a plain list at any time. (An uncached
      // `Lazy` would do too, but aws-cdk-lib resolves a resource's properties about 40 times per synth.)
      const securityGroupIds = () => uniqueById(this.addedGroups(), g => g.securityGroupId)
        .map(group => group.securityGroupId)
        .concat(ruleless ? [ruleless.securityGroupId] : []);
      // Pairs App Runner can never hold at once: the same literal name, or the same group set, in one account and region.
      const name = checked.vpcConnectorName;
      const literalName = name !== undefined && !Token.isUnresolved(name) ? name : undefined;
      const registration = literalName !== undefined || ownedGroup === undefined
        ? uniquenessModule().registerConnector(this, () => ({ name: literalName, sharedGroups: ownedGroup ? undefined : this.addedGroups() }))
        : undefined;
      this.connections = new ConnectorConnections(givenGroups.length > 0 ? givenGroups : [ownedGroup!], () => {
        resource.securityGroups = securityGroupIds();
        registration?.changed();
      });
      resource.securityGroups = securityGroupIds();

      this.vpcConnectorArn = resource.attrVpcConnectorArn;
      this.vpcConnectorRevision = Token.asNumber(resource.attrVpcConnectorRevision);
      this.cachedVpcConnectorName = checked.vpcConnectorName;

      // At synth: what may change after the constructor (groups added through `connections`, tags added
      // with `Tags.of()`, a token name that resolves), and what other connectors and stacks do with this one.
      this.node.addValidation({
        validate: () => {
          const collisions = registration?.collisions();
          collisions?.warnings.forEach(warning => warn(this, 'importedName', warning));
          this.warnOnExports(resource, ownedGroup);
          return [
            ...addedNonGroups(this.connections.securityGroups),
            ...foreignSecurityGroups([...everyGivenGroup, ...this.addedGroups()], everyGivenGroup, subnetVpc),
            ...validateTags(resource.tags.tagValues()),
            ...name !== undefined && Token.isUnresolved(name) ? validateResolvedVpcConnectorName(this, name) : [],
            ...collisions?.errors ?? [],
          ].map(message => inCallersLanguage(message));
        },
      });
    } catch (error) {
      throw withConstructPath(error, this.node.path);
    }
  }

  /**
   * The name of the VPC connector: the given `vpcConnectorName`, or else the
   * name part of the ARN.
   *
   * @attribute
   */
  public get vpcConnectorName(): string {
    // Parsed on first read: most apps never read it, and parsing a token ARN makes a dozen tokens.
    this.cachedVpcConnectorName ??= arnModule().parseVpcConnectorArn(this.vpcConnectorArn).name;
    return this.cachedVpcConnectorName;
  }

  /**
   * The security groups in `connections`, without what JavaScript callers may
   * have added that is not one (`addedNonGroups` reports those at synth; the
   * template, resolved before that, must not trip over them).
   */
  private addedGroups(): ec2.ISecurityGroup[] {
    return this.connections.securityGroups.filter(isSecurityGroup);
  }

  /**
   * The subnets of the connector, grouped by ID (a subnet given twice has two
   * copies), in the order given.
   */
  private selectSubnets(props: VpcConnectorProps, vpc: VpcReference | undefined): ec2.ISubnet[][] {
    let subnets: ec2.ISubnet[];
    if (props.subnets !== undefined) {
      subnets = props.subnets;
    } else {
      try {
        subnets = selectedSubnets(props.vpc!, props.vpcSubnets);
      } catch (e) {
        throw new Error(`\`vpcSubnets\` selects no subnets of the VPC ${vpc!.label}: ${(e as Error).message.replace(/\.?$/, '.')} Select subnet types or groups the VPC has.`);
      }
    }
    const copies = copiesById(subnets, s => s.subnetId);
    if (copies.length === 0) {
      throw new Error(props.subnets !== undefined
        ? '`subnets` must name at least one subnet, got: []. Pass the subnets to place the connector in, or pass `vpc` instead.'
        : `\`vpcSubnets\` must select at least one subnet, got: none from the VPC ${vpc!.label}. Select subnet types or groups the VPC has.`);
    }
    return copies;
  }

  /**
   * Checks that all subnets whose VPC is known, through any of their copies,
   * are in one VPC (and in `vpc`, when given). Returns that VPC, or `undefined`
   * when no subnet's VPC is known.
   */
  private validateSubnetVpcs(subnetCopies: ec2.ISubnet[][], vpc: VpcReference | undefined): VpcReference | undefined {
    const byVpc = new Map<string, { vpc: VpcReference; subnets: Set<string> }>();
    const unknown: ec2.ISubnet[] = [];
    for (const copies of subnetCopies) {
      let known = false;
      for (const subnet of copies) {
        const subnetVpc = vpcOfSubnet(subnet);
        if (subnetVpc) {
          known = true;
          const entry = byVpc.get(subnetVpc.key) ?? { vpc: subnetVpc, subnets: new Set<string>() };
          entry.subnets.add(subnetLabel(subnet));
          byVpc.set(subnetVpc.key, entry);
        }
      }
      if (!known) {
        unknown.push(copies[0]);
      }
    }

    const groups = [...byVpc.values()];
    const listing = groups.map(g => `${g.vpc.label} (${[...g.subnets].join(', ')})`).join('; ');
    if (groups.length > 1) {
      throw new Error(`\`subnets\` must all be in one VPC, got: ${groups.length} VPCs, ${listing}. Pass subnets of a single VPC.`);
    }
    if (vpc) {
      if (groups.length === 1 && groups[0].vpc.key !== vpc.key) {
        throw new Error(`\`subnets\` must be in \`vpc\` ${vpc.label}, got: subnets of another VPC, ${listing}. Pass subnets of ${vpc.label}, or the VPC of the subnets as \`vpc\`.`);
      }
      return vpc;
    }
    if (unknown.length > 0) {
      warn(this, 'unverifiedSubnetVpc', `The VPC of ${unknown.map(subnetLabel).join(', ')} cannot be verified: they were imported without a VPC. Pass \`vpc\` too, or import the subnets through \`ec2.Vpc.fromVpcAttributes()\`, so that subnets of different VPCs are caught at synth time.`);
    }
    return groups[0]?.vpc;
  }

  private warnOnPublicSubnets(subnets: ec2.ISubnet[], vpc: ec2.IVpc | undefined) {
    const publicSubnets = subnets.filter(subnet => isPublicSubnet(subnet, vpc));
    if (publicSubnets.length === 0) {
      return;
    }
    warn(this, 'publicSubnets', `The connector is placed in public subnets (${[...new Set(publicSubnets.map(subnetLabel))].join(', ')}): its network interfaces get no public IP address, so the service has no internet egress through them. Use private subnets with a NAT gateway (\`vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }\`).`);
  }

  /**
   * The group the connector owns. Its description carries a digest of what replaces the connector,
   * so it is replaced with the connector.
   */
  private createOwnedGroup(resource: ConnectorResource, vpc: VpcReference, allowAllOutbound: boolean): ec2.ISecurityGroup {
    const description = ownGroupDescription(this, resource);
    const group = new ec2.SecurityGroup(this, OWN_GROUP_ID, {
      vpc: vpc.vpc ?? ec2.Vpc.fromVpcAttributes(this, 'Vpc', { vpcId: vpc.vpcId, availabilityZones: vpc.availabilityZones }),
      description,
      allowAllOutbound,
    });
    // An organisation's property injector for ec2.SecurityGroup applies to this group too.
    const injector = injectorFor(ec2.SecurityGroup.PROPERTY_INJECTION_ID, this);
    if (injector === undefined) {
      return group;
    }
    const cfn = group.node.defaultChild as ec2.CfnSecurityGroup;
    // Without a name, `GroupName` holds aws-cdk-lib's physical-name token, which resolves to nothing here.
    const groupName: unknown = Stack.of(this).resolve(cfn.groupName);
    if (groupName !== undefined) {
      throw new Error(`\`securityGroupName\` must not be set on the connector's own security group ${group.node.path}, got: ${JSON.stringify(groupName)} from ${injector}. CloudFormation cannot replace a resource with a custom name, and this group is replaced whenever the connector is. Make the injector leave \`securityGroupName\` unset for the groups of a VpcConnector (\`VpcConnector.isVpcConnector(context.scope)\`).`);
    }
    if (cfn.groupDescription !== description) {
      warn(this, 'injectedGroupDescription', `The connector's own security group ${group.node.path} keeps its description, not '${cfn.groupDescription}' from ${injector}: the description carries the digest that replaces the group with the connector. Make the injector leave \`description\` unset for the groups of a VpcConnector (\`VpcConnector.isVpcConnector(context.scope)\`).`);
      cfn.groupDescription = description;
    }
    return group;
  }

  /**
   * Warns when another stack uses the connector's ARN, revision or own group: a replacement
   * changes the exported value, which CloudFormation refuses while it is imported.
   */
  private warnOnExports(resource: CfnVpcConnector, ownedGroup: ec2.ISecurityGroup | undefined) {
    const ownCfn = ownedGroup?.node.defaultChild as ec2.CfnSecurityGroup | undefined;
    const uses = new Map<Stack, string[]>();
    const used = (what: string, importers: Stack[]) => importers.forEach(stack => uses.set(stack, [...uses.get(stack) ?? [], what]));
    used('its ARN, and so its name', importingStacks(resource, ['VpcConnectorArn', 'Ref']));
    used('its revision', importingStacks(resource, ['VpcConnectorRevision']));
    if (ownCfn) {
      used(`its own security group ${ownedGroup!.node.path}`, importingStacks(ownCfn, ['GroupId', 'Ref']));
    }
    if (uses.size === 0) {
      return;
    }
    const listing = [...uses].map(([stack, what]) => `${stack.node.path} (${what.join('; ')})`).join(', ');
    const groupHint = ownCfn && [...uses.values()].some(what => what.some(w => w.startsWith('its own security group')))
      ? ' To let the services reach a database in another stack, call `connector.connections.allowTo(database, port)`: it puts the rule in the connector\'s stack.'
      : '';
    warn(this, 'exportedAcrossStacks', `Other stacks use this connector through CloudFormation exports of ${Stack.of(this).node.path}: ${listing}. `
      + 'Every replacement of the connector (a change to its subnets, security groups, name or tags, or to the subnets of its VPC) changes the exported values, and CloudFormation refuses to change an export that another stack imports ("Cannot update export ... as it is in use by ..."), so the deployment fails. '
      + `Keep the connector in the stack of the services that use it, and pass the VPC (and security groups) across stacks instead.${groupHint}`);
  }
}

/**
 * The `connections` of a created connector: tells the connector when a group is added, so that its
 * `SecurityGroups` follow (`addSecurityGroup` is the only way to add one to `Connections`).
 */
class ConnectorConnections extends ec2.Connections {
  constructor(securityGroups: ec2.ISecurityGroup[], private readonly onGroupsAdded: () => void) {
    super({ securityGroups });
  }

  public addSecurityGroup(...securityGroups: ec2.ISecurityGroup[]): void {
    super.addSecurityGroup(...securityGroups);
    // Not yet set if a later aws-cdk-lib adds the constructor's groups through this method.
    this.onGroupsAdded?.();
  }
}

/*
 * What only importers, named connectors and connectors with given groups use is loaded when first used,
 * so that `require()` of the package costs no more than the previous release's (docs/benchmarks.md).
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const arnModule = () => require('./private/arn') as typeof import('./private/arn');
const uniquenessModule = () => require('./private/uniqueness') as typeof import('./private/uniqueness');
/* eslint-enable @typescript-eslint/no-require-imports */

/** A warning on `scope` that can be acknowledged with `cdk-apprunner-vpc-connector:<id>`, in the caller's language. */
function warn(scope: IConstruct, id: string, message: string) {
  Annotations.of(scope).addWarningV2(`cdk-apprunner-vpc-connector:${id}`, inCallersLanguage(message));
}

/** Marks a `VpcConnector` for `isVpcConnector`, the same in every copy of this library. */
const VPC_CONNECTOR_SYMBOL = Symbol.for('cdk-apprunner-vpc-connector.VpcConnector');
Object.defineProperty(VpcConnector.prototype, VPC_CONNECTOR_SYMBOL, { value: true, enumerable: false, writable: false });

/** The props as any caller may pass them, checked: each present prop has its declared type, `null` counts as omitted. */
function checkedProps(props: unknown): VpcConnectorProps {
  return checkInputs<VpcConnectorProps>(props, {
    subnets: SUBNETS,
    vpc: VPC,
    vpcSubnets: SUBNET_SELECTION,
    securityGroups: SECURITY_GROUPS,
    uniqueSecurityGroupSet: BOOLEAN,
    allowAllOutbound: BOOLEAN,
    vpcConnectorName: NAME,
  }, {
    message: '`subnets` or `vpc` must be given',
    noun: 'props',
    fix: "Pass the props as the third argument, for example `new VpcConnector(this, 'Connector', { vpc })`.",
  });
}

/** The name for `Resource`'s physical name, when the props (as any caller passes them) give one. */
function givenName(props: unknown): string | undefined {
  const name = typeof props === 'object' && props !== null ? (props as Partial<VpcConnectorProps>).vpcConnectorName : undefined;
  return typeof name === 'string' ? name : undefined;
}

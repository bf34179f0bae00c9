/**
 * The group a connector owns is replaced exactly when the connector is, so a
 * replacement has a security-group set no other connector has (App Runner's rule).
 * test/upgrade.test.ts checks the same through `cdk diff` on whole apps.
 */
import { App, Lazy, Stack, Tags } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apprunner from 'aws-cdk-lib/aws-apprunner';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { VpcConnector, VpcConnectorProps } from '../src';
import { serviceThrough } from './support/service';

/** Told every string hashed, while a test listens. */
let mockOnHashed: ((text: string) => void) | undefined;
jest.mock('crypto', () => {
  const actual = jest.requireActual('crypto');
  return {
    ...actual,
    createHash: (...args: any[]) => {
      const hash = actual.createHash(...args);
      const update = hash.update.bind(hash);
      hash.update = (data: unknown, ...rest: any[]) => {
        if (typeof data === 'string') {
          mockOnHashed?.(data);
        }
        return update(data, ...rest);
      };
      return hash;
    },
  };
});

const CONNECTOR = 'AWS::AppRunner::VpcConnector';
const GROUP = 'AWS::EC2::SecurityGroup';
/** With an account and region, a VPC spans the (dummy) AZs `maxAzs` asks for; without, two. */
const ENV = { account: '123456789012', region: 'us-east-1' };
const DESCRIPTION = /^App Runner VPC connector Stack\/Connector \(configuration ([0-9a-f]{12})\)$/;

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
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: ENV });
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
  return { id, digest: DESCRIPTION.exec(description)![1], connectorId: logicalIdOf(template, CONNECTOR, 'Connector') };
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
    ['the subnets are narrowed to one AZ', { props: { vpcSubnets: { availabilityZones: ['dummy1a'] } } }],
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
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-1', availabilityZones: ['a'] });
    let subnetId = 'subnet-1';
    const subnet = ec2.Subnet.fromSubnetAttributes(stack, 'Subnet', { subnetId: Lazy.uncachedString({ produce: () => subnetId }) });
    new VpcConnector(stack, 'Connector', { vpc, subnets: [subnet] });
    const digest = () => ownedGroup(app.synth({ force: true }).getStackByName('Stack').template).digest;
    const first = digest();

    subnetId = 'subnet-2';

    expect(digest()).not.toBe(first);
  });

  test('a description with a long path keeps the whole digest within 255 characters', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
    new VpcConnector(stack, 'C'.repeat(300), { vpc });

    const description: string = Object.values<any>(Template.fromStack(stack).findResources(GROUP))
      .map(r => r.Properties.GroupDescription).find(d => d.startsWith('App Runner'))!;
    expect(description).toHaveLength(255);
    expect(description).toMatch(/ \(configuration [0-9a-f]{12}\)$/);
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

describe('`uniqueSecurityGroupSet`', () => {
  function withGivenGroup(variant: { unique?: boolean; maxAzs?: number; allowTo?: boolean } = {}) {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: ENV });
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
      GroupDescription: Match.stringLikeRegexp('^App Runner VPC connector Stack/Connector \\(configuration [0-9a-f]{12}\\)$'),
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

  test('is off by default: the given groups only', () => {
    const { stack, connector, given, template } = withGivenGroup();

    expect(connector.node.tryFindChild('SecurityGroup')).toBeUndefined();
    template.hasResourceProperties(CONNECTOR, { SecurityGroups: [stack.resolve(given.securityGroupId)] });
  });

  test('without `securityGroups` changes nothing: the created group already is the connector\'s own', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
    new VpcConnector(stack, 'Connector', { vpc, uniqueSecurityGroupSet: true });

    Template.fromStack(stack).resourceCountIs(GROUP, 1);
  });

  test('fails when the VPC to create the group in is unknown', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const given = ec2.SecurityGroup.fromSecurityGroupId(stack, 'Given', 'sg-12345678');

    expect(() => new VpcConnector(stack, 'Connector', {
      subnets: [ec2.Subnet.fromSubnetId(stack, 'Subnet', 'subnet-1')],
      securityGroups: [given],
      uniqueSecurityGroupSet: true,
    })).toThrow('`uniqueSecurityGroupSet` needs the VPC to create a group in, got: subnets imported without a VPC. Pass `vpc` as well.');
  });
});

describe('work remembered between resolutions', () => {
  /** The configurations digested while `run` runs, by the text digested (see the `crypto` mock above). */
  function digestsDuring(run: () => void): string[] {
    const digested: string[] = [];
    mockOnHashed = text => {
      if (text.includes('"SecurityGroups":["(own group)"')) {
        digested.push(text);
      }
    };
    try {
      run();
    } finally {
      mockOnHashed = undefined;
    }
    return digested;
  }

  test('the digest is computed once per connector in a synth, the first synth too', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
    const other = new Stack(app, 'Other');
    new VpcConnector(stack, 'A', { vpc });
    new VpcConnector(stack, 'B', { vpc, uniqueSecurityGroupSet: true, securityGroups: [new ec2.SecurityGroup(stack, 'Group', { vpc })] });
    // Used across stacks: the prepare phase resolves the templates to find references.
    new VpcConnector(other, 'C', { subnets: vpc.privateSubnets });

    expect(digestsDuring(() => app.synth())).toHaveLength(3);
    expect(digestsDuring(() => app.synth({ force: true }))).toHaveLength(3);
  });

  test('the L1 holds the groups of `connections` as a plain list, written again when a group is added', () => {
    // No token to resolve ~40 times per synth; and an escape hatch reads the real list.
    const app = new App();
    const stack = new Stack(app, 'Stack');
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
    const app = new App();
    const stack = new Stack(app, 'Stack');
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

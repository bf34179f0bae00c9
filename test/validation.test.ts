/**
 * The rules a connector's configuration must follow, checked by the constructor or at synth: names,
 * combinations of props, subnets of one VPC (also through duplicates and across apps in one process),
 * security groups of that VPC, IPv4 subnets; and the warnings a user may acknowledge.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Annotations as CoreAnnotations, App, CfnParameter, Fn, Lazy, Stack, Stage, Tags } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { VpcConnector } from '../src';
import { ENV, importVpc, newStack } from './support/stacks';

const CONNECTOR = 'AWS::AppRunner::VpcConnector';

let app: App;
let stack: Stack;

beforeEach(() => {
  stack = newStack();
  app = stack.node.root as App;
});

/** A VPC imported with two private and two public subnets whose IDs start with `prefix`. */
function importVpcWithSubnets(id: string, vpcId: string, prefix: string): ec2.IVpc {
  return importVpc(stack, id, vpcId, [`${prefix}-private-a`, `${prefix}-private-b`], [`${prefix}-public-a`, `${prefix}-public-b`]);
}

function connectorProperties(): any {
  const resources = Template.fromStack(stack).findResources(CONNECTOR);
  expect(Object.keys(resources)).toHaveLength(1);
  return Object.values(resources)[0].Properties;
}

describe('with a VPC', () => {
  let vpc: ec2.Vpc;

  beforeEach(() => {
    vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
  });

  describe('validation', () => {
    test.each([
      ['abc', 3],
      ['a'.repeat(41), 41],
      ['-starts-with-hyphen', 19],
      ['_starts-with-underscore', 23],
      ['has space', 9],
      ['back\\slash', 10],
      ['dot.ted', 7],
      ['ünïcode-name', 12],
      ['', 0],
    ])('fails when `vpcConnectorName` is %j', (name, length) => {
      expect(() => new VpcConnector(stack, 'Connector', { vpc, vpcConnectorName: name })).toThrow(
        `\`vpcConnectorName\` must be 4 to 40 characters, a letter or digit followed by letters, digits, hyphens or underscores, got: '${name}' (${length} characters). Choose a name such as 'my-service-connector'.`);
    });

    test.each(['abcd', 'a'.repeat(40), '0-_x', 'My_Connector-2'])('accepts `vpcConnectorName` %j', name => {
      new VpcConnector(stack, 'Connector', { vpc, vpcConnectorName: name });

      expect(connectorProperties().VpcConnectorName).toBe(name);
    });

    test('does not check an unresolved `vpcConnectorName`', () => {
      new VpcConnector(stack, 'Connector', { vpc, vpcConnectorName: Fn.importValue('Name') });

      expect(connectorProperties().VpcConnectorName).toEqual({ 'Fn::ImportValue': 'Name' });
    });

    test('fails when neither `subnets` nor `vpc` is given', () => {
      expect(() => new VpcConnector(stack, 'Connector', {})).toThrow(
        '`subnets` or `vpc` must be given, got: neither. Pass `vpc` to place the connector in its private subnets, or `subnets` to choose them.');
    });

    test('fails once when `vpcSubnets` is given with `subnets` and without `vpc`, saying which to keep', () => {
      expect(() => new VpcConnector(stack, 'Connector', {
        subnets: vpc.privateSubnets,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      })).toThrow('[Stack/Connector] `subnets` and `vpcSubnets` cannot both be given, got: `subnets` (2 given), `vpcSubnets` set to {"subnetType":"Private"} without `vpc`. '
        + 'Keep `subnets` to name the subnets and drop `vpcSubnets`, or drop `subnets` to select from a `vpc` you pass with `vpcSubnets`.');
    });

    test('fails when only `vpcSubnets` is given, saying that it needs `vpc`', () => {
      expect(() => new VpcConnector(stack, 'Connector', { vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } })).toThrow(
        '[Stack/Connector] `vpcSubnets` selects from `vpc`, got: `vpcSubnets` set to {"subnetType":"Isolated"} without `vpc`. '
        + 'Pass the VPC to select from as `vpc`, or pass the subnets themselves as `subnets` instead of `vpcSubnets`.');
    });

    test('fails when `vpcSubnets` is given without `vpc`, every kind of selection shown plainly', () => {
      const subnet = ec2.Subnet.fromSubnetId(stack, 'Picked', 'subnet-picked');
      expect(() => new VpcConnector(stack, 'Connector', {
        vpcSubnets: {
          subnetType: ec2.SubnetType.PUBLIC,
          availabilityZones: ['eu-west-1a', 'eu-west-1b'],
          subnetGroupName: 'web',
          onePerAz: true,
          subnetFilters: [ec2.SubnetFilter.byIds(['subnet-1']), ec2.SubnetFilter.onePerAz()],
          subnets: [subnet, vpc.privateSubnets[0]],
          unknownKey: 'x',
          subnetType2: undefined,
        } as ec2.SubnetSelection,
      })).toThrow('`vpcSubnets` set to {"subnetType":"Public","availabilityZones":["eu-west-1a","eu-west-1b"],"subnetGroupName":"web","one… without `vpc`.');
    });

    test('fails when `vpcSubnets` is given with `subnets`', () => {
      expect(() => new VpcConnector(stack, 'Connector', {
        vpc,
        subnets: vpc.privateSubnets,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      })).toThrow('`subnets` and `vpcSubnets` cannot both be given, got: `subnets` (2 given), `vpcSubnets` set to {"subnetType":"Private"} and `vpc`. '
        + 'Keep `subnets` to name the subnets (with `vpc` for their VPC) and drop `vpcSubnets`, or drop `subnets` to select from `vpc` with `vpcSubnets`.');
    });

    test('fails when `allowAllOutbound` is given with `securityGroups`', () => {
      const sg = new ec2.SecurityGroup(stack, 'Sg', { vpc });
      expect(() => new VpcConnector(stack, 'Connector', { vpc, securityGroups: [sg], allowAllOutbound: false })).toThrow(
        '`allowAllOutbound` applies only to the security group this construct creates, got: `allowAllOutbound` set to false with 1 given `securityGroups`. Configure outbound rules on the given groups, or drop `securityGroups`.');
    });

    test('fails when `subnets` is empty', () => {
      expect(() => new VpcConnector(stack, 'Connector', { vpc, subnets: [] })).toThrow(
        '`subnets` must name at least one subnet, got: []. Pass the subnets to place the connector in, or pass `vpc` instead.');
    });

    test('fails when `vpcSubnets` selects no subnet', () => {
      expect(() => new VpcConnector(stack, 'Connector', {
        vpc,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, availabilityZones: ['nowhere-1a'] },
      })).toThrow('`vpcSubnets` must select at least one subnet, got: none from the VPC Stack/Vpc. Select subnet types or groups the VPC has.');
    });

    test('fails with aws-cdk-lib\'s own error when `vpcSubnets` names a group the VPC does not have', () => {
      expect(() => new VpcConnector(stack, 'Connector', { vpc, vpcSubnets: { subnetGroupName: 'Nope' } })).toThrow(
        "There are no subnet groups with name 'Nope' in this VPC. Available names: Public,Private");
    });

    test('fails when a subnet entry is missing', () => {
      expect(() => new VpcConnector(stack, 'Connector', { subnets: [vpc.privateSubnets[0], undefined as any] })).toThrow(
        '[Stack/Connector] `subnets` must be ec2.ISubnet[], got: [Stack/Vpc/PrivateSubnet1, undefined].');
    });

    test('fails when a security group entry is missing', () => {
      expect(() => new VpcConnector(stack, 'Connector', { vpc, securityGroups: [null as any] })).toThrow(
        '[Stack/Connector] `securityGroups` must be ec2.ISecurityGroup[], got: [null].');
    });

    test('fails when subnets are in two VPCs, listing each VPC and its subnets', () => {
      const other = importVpcWithSubnets('Other', 'vpc-2', 'subnet-2');

      expect(() => new VpcConnector(stack, 'Connector', {
        subnets: [vpc.privateSubnets[0], other.privateSubnets[0], other.privateSubnets[1]],
      })).toThrow('`subnets` must all be in one VPC, got: 2 VPCs, Stack/Vpc (Stack/Vpc/PrivateSubnet1); vpc-2 (subnet-2-private-a, subnet-2-private-b). Pass subnets of a single VPC.');
    });

    test('fails when subnets are in three VPCs', () => {
      const a = importVpcWithSubnets('A', 'vpc-a', 'subnet-a');
      const b = importVpcWithSubnets('B', 'vpc-b', 'subnet-b');

      expect(() => new VpcConnector(stack, 'Connector', {
        subnets: [a.privateSubnets[0], b.privateSubnets[0], vpc.privateSubnets[0]],
      })).toThrow(/^\[Stack\/Connector\] `subnets` must all be in one VPC, got: 3 VPCs, vpc-a \(subnet-a-private-a\); vpc-b \(subnet-b-private-a\); Stack\/Vpc/);
    });

    test('knows the VPC of subnets looked up with `Vpc.fromLookup`', () => {
      const envStack = new Stack(app, 'EnvStack', { env: ENV });
      const lookedUp = ec2.Vpc.fromLookup(envStack, 'LookedUp', { vpcId: 'vpc-12345' });
      const other = ec2.Vpc.fromVpcAttributes(envStack, 'Other', { vpcId: 'vpc-2', availabilityZones: ['eu-west-1a'], privateSubnetIds: ['subnet-2'] });

      expect(() => new VpcConnector(envStack, 'Connector', { subnets: [lookedUp.privateSubnets[0], other.privateSubnets[0]] })).toThrow(
        /^\[EnvStack\/Connector\] `subnets` must all be in one VPC, got: 2 VPCs, vpc-12345 \(p-12345\); vpc-2 \(subnet-2\)\./);
    });

    test('the same VPC imported twice is one VPC', () => {
      const first = importVpcWithSubnets('First', 'vpc-1', 'subnet-1');
      const second = importVpcWithSubnets('Second', 'vpc-1', 'subnet-1');
      new VpcConnector(stack, 'Connector', { subnets: [first.privateSubnets[0], second.privateSubnets[1]] });

      expect(connectorProperties().Subnets).toEqual(['subnet-1-private-a', 'subnet-1-private-b']);
    });

    test('a VPC and its import by token ID are one VPC', () => {
      const imported = ec2.Vpc.fromVpcAttributes(stack, 'Imported', {
        vpcId: vpc.vpcId,
        availabilityZones: vpc.availabilityZones,
        privateSubnetIds: ['subnet-x', 'subnet-y'],
      });
      new VpcConnector(stack, 'Connector', { subnets: [vpc.privateSubnets[0], imported.privateSubnets[0]] });

      expect(connectorProperties().Subnets).toEqual([stack.resolve(vpc.privateSubnets[0].subnetId), 'subnet-x']);
      Annotations.fromStack(stack).hasNoWarning('/Stack/Connector', Match.anyValue());
    });

    test('VPCs imported by the same token ID are one VPC, by different ones two', () => {
      const importByToken = (id: string, exportName: string, subnet: string) => ec2.Vpc.fromVpcAttributes(stack, id, {
        vpcId: Fn.importValue(exportName),
        availabilityZones: ['eu-west-1a'],
        privateSubnetIds: [subnet],
      });
      const first = importByToken('First', 'SharedVpcId', 'subnet-1');
      const second = importByToken('Second', 'SharedVpcId', 'subnet-2');
      const third = importByToken('Third', 'OtherVpcId', 'subnet-3');

      new VpcConnector(stack, 'Connector', { subnets: [...first.privateSubnets, ...second.privateSubnets] });
      expect(connectorProperties().Subnets).toEqual(['subnet-1', 'subnet-2']);
      expect(() => new VpcConnector(stack, 'Mixed', { subnets: [...first.privateSubnets, ...third.privateSubnets] })).toThrow(
        '`subnets` must all be in one VPC, got: 2 VPCs, Stack/First (subnet-1); Stack/Third (subnet-3). Pass subnets of a single VPC.');
    });

    test('fails when `vpc` is given and a subnet is in another VPC', () => {
      const other = importVpcWithSubnets('Other', 'vpc-2', 'subnet-2');

      expect(() => new VpcConnector(stack, 'Connector', { vpc, subnets: other.privateSubnets })).toThrow(
        '`subnets` must be in `vpc` Stack/Vpc, got: subnets of another VPC, vpc-2 (subnet-2-private-a, subnet-2-private-b). Pass subnets of Stack/Vpc, or the VPC of the subnets as `vpc`.');
    });

    test('fails when a given security group was created in another VPC', () => {
      const other = new ec2.Vpc(stack, 'OtherVpc', { maxAzs: 1, natGateways: 0 });
      const foreign = new ec2.SecurityGroup(stack, 'Foreign', { vpc: other });
      new VpcConnector(stack, 'Connector', { vpc, securityGroups: [foreign] });

      expect(() => app.synth()).toThrow(
        '`securityGroups` must be in the VPC of the subnets (Stack/Vpc), got: Stack/Foreign, in another VPC. Create the security group in Stack/Vpc.');
    });

    test('fails when a security group of another VPC is added through `connections`, naming that call', () => {
      const other = importVpcWithSubnets('Other', 'vpc-2', 'subnet-2');
      const connector = new VpcConnector(stack, 'Connector', { vpc });

      connector.connections.addSecurityGroup(new ec2.SecurityGroup(stack, 'Foreign', { vpc: other }));

      expect(() => app.synth()).toThrow(
        '[Stack/Connector] A security group added with `connections.addSecurityGroup()` must be in the VPC of the subnets (Stack/Vpc), got: Stack/Foreign, in another VPC. Add a security group of Stack/Vpc instead.');
    });

    test('fails when a given security group of another VPC is also added through `connections`, as a given group', () => {
      const other = importVpcWithSubnets('Other', 'vpc-2', 'subnet-2');
      const foreign = new ec2.SecurityGroup(stack, 'Foreign', { vpc: other });
      const connector = new VpcConnector(stack, 'Connector', { vpc, securityGroups: [foreign] });

      connector.connections.addSecurityGroup(foreign);

      expect(() => app.synth()).toThrow(/\[Stack\/Connector\] `securityGroups` must be in the VPC of the subnets \(Stack\/Vpc\), got: Stack\/Foreign, in another VPC\.[^\n]*$/);
    });

    test('accepts a security group of the same VPC created in another stack', () => {
      const other = new Stack(app, 'Other');
      new VpcConnector(other, 'Connector', { vpc, securityGroups: [new ec2.SecurityGroup(stack, 'Sg', { vpc })] });

      expect(() => app.synth()).not.toThrow();
    });

    test('fails when given groups need a group of the connector\'s own and no VPC is known, saying how to opt out', () => {
      expect(() => new VpcConnector(stack, 'Connector', {
        subnets: [ec2.Subnet.fromSubnetId(stack, 'A', 'subnet-a')],
        securityGroups: [ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-12345678')],
      })).toThrow('[Stack/Connector] `uniqueSecurityGroupSet` needs the VPC to create the connector\'s own group in, got: subnets imported without a VPC. '
        + 'Pass `vpc` as well, or set `uniqueSecurityGroupSet` to false (see its documentation).');
    });

    test('fails when a group must be created and no VPC is known', () => {
      expect(() => new VpcConnector(stack, 'Connector', {
        subnets: [ec2.Subnet.fromSubnetId(stack, 'A', 'subnet-a'), ec2.Subnet.fromSubnetId(stack, 'B', 'subnet-b')],
      })).toThrow('`securityGroups` must be given when the VPC of `subnets` is unknown, got: none, and the subnets were imported without a VPC. Pass `vpc` so a security group can be created in it, or pass `securityGroups`.');
    });

    test('errors thrown by the constructor start with its construct path', () => {
      const nested = new Stack(new Stage(app, 'Stage'), 'Nested');

      expect(() => new VpcConnector(new Construct(nested, 'Group'), 'Connector', {})).toThrow(
        /^\[Stage\/Nested\/Group\/Connector\] `subnets` or `vpc` must be given, got: neither\./);
    });

    test('errors thrown by the constructor carry the construct path once, in `message` and in `stack` (what the CLI prints)', () => {
      let error: Error | undefined;
      try {
        new VpcConnector(stack, 'Connector', { vpc, vpcConnectorName: 'ab' });
      } catch (e) {
        error = e as Error;
      }

      expect(error?.message.match(/\[Stack\/Connector\]/g)).toHaveLength(1);
      expect(error?.stack?.match(/\[Stack\/Connector\]/g)).toHaveLength(1);
      expect(error?.stack).toMatch(/^Error: \[Stack\/Connector\] `vpcConnectorName` must be 4 to 40 characters/);
    });

    test('errors found at synth carry the construct path once, as aws-cdk-lib writes it', () => {
      const connector = new VpcConnector(stack, 'Connector', { vpc });
      Tags.of(connector).add('aws:team', 'payments');

      const message = (() => {
        try {
          app.synth();
        } catch (error) {
          return (error as Error).message;
        }
        return '';
      })();
      expect(message).toContain("[Stack/Connector] Tag key 'aws:team' must not start with 'aws:'");
      expect(message.split('[Stack/Connector]')).toHaveLength(2);
    });

    test('fails when a subnet is IPv6-only', () => {
      const subnet = new ec2.Subnet(stack, 'Ipv6Only', { vpcId: vpc.vpcId, availabilityZone: 'eu-west-1a', cidrBlock: '10.9.0.0/24' });
      (subnet.node.defaultChild as ec2.CfnSubnet).ipv6Native = true;

      expect(() => new VpcConnector(stack, 'Connector', { subnets: [subnet] })).toThrow(
        '`subnets` must have IPv4 addresses, got: IPv6-only subnets Stack/Ipv6Only. App Runner supports IPv4 and dual-stack subnets only: choose dual-stack or IPv4 subnets.');
    });
  });

  describe('warnings', () => {
    const PUBLIC = 'cdk-apprunner-vpc-connector:publicSubnets';
    const UNVERIFIED = 'cdk-apprunner-vpc-connector:unverifiedSubnetVpc';

    test('none for the plain case', () => {
      new VpcConnector(stack, 'Connector', { vpc });

      Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
      Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
    });

    test('public subnets selected by default from a VPC that has only public subnets', () => {
      const publicVpc = new ec2.Vpc(stack, 'PublicVpc', {
        maxAzs: 2,
        subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }],
      });
      new VpcConnector(stack, 'Connector', { vpc: publicVpc });

      Annotations.fromStack(stack).hasWarning('/Stack/Connector', Match.stringLikeRegexp(
        '^The connector is placed in public subnets \\(Stack/PublicVpc/publicSubnet1, Stack/PublicVpc/publicSubnet2\\): it gets no internet egress there\\. Use private subnets with a NAT gateway.*\\[ack: cdk-apprunner-vpc-connector:publicSubnets\\]$'));
    });

    test('public subnets of an imported VPC', () => {
      const imported = importVpcWithSubnets('Imported', 'vpc-1', 'subnet-1');
      new VpcConnector(stack, 'Connector', { subnets: imported.publicSubnets });

      Annotations.fromStack(stack).hasWarning('/Stack/Connector', Match.stringLikeRegexp(`subnet-1-public-a, subnet-1-public-b.*${PUBLIC}`));
    });

    test('the public subnets warning can be acknowledged', () => {
      const connector = new VpcConnector(stack, 'Connector', { subnets: vpc.publicSubnets });

      CoreAnnotations.of(connector).acknowledgeWarning(PUBLIC, 'egress goes through an interface endpoint');

      Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
    });

    test('subnets whose VPC cannot be verified', () => {
      const sg = ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-12345678');
      new VpcConnector(stack, 'Connector', { subnets: [ec2.Subnet.fromSubnetId(stack, 'A', 'subnet-a')], securityGroups: [sg], uniqueSecurityGroupSet: false });

      Annotations.fromStack(stack).hasWarning('/Stack/Connector', Match.stringLikeRegexp(
        `^The VPC of subnet-a cannot be verified: they were imported without a VPC. Pass \`vpc\` too.*\\[ack: ${UNVERIFIED}\\]$`));
    });

    test('a fixed name: any replacement under the same name is refused, and the fix', () => {
      const connector = new VpcConnector(stack, 'Connector', { vpc, vpcConnectorName: 'orders' });

      Annotations.fromStack(stack).hasWarning('/Stack/Connector', 'The connector has a fixed `vpcConnectorName`: App Runner refuses a replacement while the old connector holds the name. '
        + 'Change the name whenever the connector is replaced (\'orders\' to \'orders-v2\'), or leave `vpcConnectorName` unset (README: Replacement). [ack: cdk-apprunner-vpc-connector:fixedName]');
      CoreAnnotations.of(connector).acknowledgeWarning('cdk-apprunner-vpc-connector:fixedName', 'renamed with every change');
      Annotations.fromStack(stack).hasNoWarning('/Stack/Connector', Match.anyValue());
    });

    test('given groups kept as given (`uniqueSecurityGroupSet: false`): the next replacement is refused, and the fix', () => {
      const sg = new ec2.SecurityGroup(stack, 'Sg', { vpc });
      new VpcConnector(stack, 'Connector', { vpc, securityGroups: [sg], uniqueSecurityGroupSet: false });
      new VpcConnector(stack, 'Default', { vpc, securityGroups: [sg] });

      Annotations.fromStack(stack).hasWarning('/Stack/Connector', "The connector's security-group set is exactly `securityGroups` (`uniqueSecurityGroupSet` is false): "
        + 'App Runner will refuse its next replacement, which keeps the set. Add or swap a group then, or leave `uniqueSecurityGroupSet` unset (README: Replacement). '
        + '[ack: cdk-apprunner-vpc-connector:sharedSecurityGroupSet]');
      Annotations.fromStack(stack).hasNoWarning('/Stack/Default', Match.anyValue());
    });

    describe('values known only at deploy time', () => {
      const DEPLOY_TIME = 'cdk-apprunner-vpc-connector:deployTimeValues';
      const fromParameter = (id: string) => ec2.Subnet.fromSubnetAttributes(stack, id, { subnetId: new CfnParameter(stack, `${id}Id`).valueAsString, availabilityZone: 'eu-west-1a' });
      const description = () => Object.values(Template.fromStack(stack).findResources('AWS::EC2::SecurityGroup'))[0].Properties.GroupDescription;

      test('subnet IDs from parameters are carried in the group\'s description, without a warning', () => {
        new VpcConnector(stack, 'Connector', { vpc, subnets: [fromParameter('A'), fromParameter('B')] });

        expect(description()).toEqual({
          'Fn::Join': ['', [expect.stringMatching(/^App Runner VPC connector group, replaced with its connector \(configuration [0-9a-f]{12}\) for $/),
            { 'Fn::Join': [',', [{ Ref: 'AId' }, { Ref: 'BId' }]] }]],
        });
        Annotations.fromStack(stack).hasNoWarning('/Stack/Connector', Match.anyValue());
      });

      test('a value in a tag cannot be carried: a warning names it, and the fix', () => {
        const connector = new VpcConnector(stack, 'Connector', { vpc });
        Tags.of(connector).add('release', Fn.importValue('release-of-the-network'));

        expect(description()).toMatch(/^App Runner VPC connector group, replaced with its connector \(configuration [0-9a-f]{12}\)$/);
        Annotations.fromStack(stack).hasWarning('/Stack/Connector', 'Values known only at deploy time in its tags or escape hatches do not fit in its own group\'s description: '
          + 'when they change, App Runner refuses the new connector. Give them at synth time, or change a tag in the same deployment (README: Replacement). '
          + `[ack: ${DEPLOY_TIME}]`);
      });

      test('more values than EC2\'s 255 characters hold: a warning names them, and the description carries none', () => {
        new VpcConnector(stack, 'Connector', { vpc, subnets: [...'ABCDEFG'].map(fromParameter), vpcConnectorName: Fn.importValue('connector-name') });

        expect(description()).toMatch(/^App Runner VPC connector group, replaced with its connector \(configuration [0-9a-f]{12}\)$/);
        Annotations.fromStack(stack).hasWarning('/Stack/Connector', Match.stringLikeRegexp(
          '^Values known only at deploy time \\(\\{"Ref":"AId"\\}, \\{"Ref":"BId"\\}, .*…\\) do not fit in its own group\'s description: '));
      });
    });

    test('every warning id the code can emit is in the README\'s table, and no other', () => {
      const read = (file: string) => fs.readFileSync(path.join(__dirname, '..', file), 'utf-8');
      const code = ['src/vpc-connector.ts', 'src/private/app-checks.ts'].map(read).join('\n');
      const emitted = [...code.matchAll(/warn\([\w.]+, '(\w+)'/g)].map(m => m[1]);
      const readme = read('README.md');
      const table = readme.slice(readme.indexOf('### Warnings'), readme.indexOf('## Replacement'));
      const listed = [...table.matchAll(/^\| `cdk-apprunner-vpc-connector:(\w+)` \|/gm)].map(m => m[1]);

      expect([...new Set(emitted)].sort()).toEqual([...listed].sort());
      expect(emitted.length).toBeGreaterThanOrEqual(9);
    });

    test.each([
      [5, false, 'none'],
      [4, true, 'none'],
      [5, true, 'a warning'],
    ])('%d given groups with a group of its own: %s about EC2\'s five groups per network interface', (count, own, expected) => {
      const groups = Array.from({ length: count }, (_, i) => ec2.SecurityGroup.fromSecurityGroupId(stack, `Sg${i}`, `sg-${i}`));
      new VpcConnector(stack, 'Connector', { vpc, securityGroups: groups, uniqueSecurityGroupSet: own });
      const warnings = Annotations.fromStack(stack).findWarning('/Stack/Connector', Match.stringLikeRegexp('securityGroupLimit'));

      expect(warnings.map(w => w.entry.data)).toEqual(expected === 'none' ? [] : [
        'The connector has 6 security groups: EC2 allows 5 per network interface by default, so App Runner may fail to create the connector. '
        + 'Raise that quota, or pass fewer `securityGroups`. [ack: cdk-apprunner-vpc-connector:securityGroupLimit]',
      ]);
    });

    test('a sixth group added through `connections` warns too', () => {
      const connector = new VpcConnector(stack, 'Connector', { vpc, securityGroups: [1, 2, 3, 4].map(i => ec2.SecurityGroup.fromSecurityGroupId(stack, `Sg${i}`, `sg-${i}`)) });

      connector.connections.addSecurityGroup(ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg5', 'sg-5'));

      Annotations.fromStack(stack).hasWarning('/Stack/Connector', Match.stringLikeRegexp('^The connector has 6 security groups'));
    });

    test('some subnets unverified next to a known VPC: the group is created there, with a warning', () => {
      new VpcConnector(stack, 'Connector', { subnets: [vpc.privateSubnets[0], ec2.Subnet.fromSubnetId(stack, 'A', 'subnet-a')] });

      Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroup', { VpcId: stack.resolve(vpc.vpcId) });
      Annotations.fromStack(stack).hasWarning('/Stack/Connector', Match.stringLikeRegexp(`subnet-a.*${UNVERIFIED}`));
    });
  });
});

describe('a token `vpcConnectorName` that resolves to a literal', () => {
  test('fails at synth when the resolved name is invalid', () => {
    const vpc = importVpc(stack, 'Vpc', 'vpc-1', ['subnet-1a']);
    new VpcConnector(stack, 'Connector', { vpc, vpcConnectorName: Lazy.string({ produce: () => 'ab' }) });

    expect(() => app.synth()).toThrow(
      "[Stack/Connector] `vpcConnectorName` must be 4 to 40 characters, a letter or digit followed by letters, digits, hyphens or underscores, got: 'ab' (2 characters, resolved from a token). Choose a name such as 'my-service-connector'.");
  });

  test('passes when the resolved name is valid, and does not check a name that resolves to a deploy-time value', () => {
    const vpc = importVpc(stack, 'Vpc', 'vpc-1', ['subnet-1a']);
    new VpcConnector(stack, 'Valid', { vpc, vpcConnectorName: Lazy.string({ produce: () => 'orders-v2' }) });
    new VpcConnector(stack, 'Imported', { vpc, vpcConnectorName: Fn.importValue('ConnectorName') });

    expect(() => app.synth()).not.toThrow();
    Template.fromStack(stack).hasResourceProperties('AWS::AppRunner::VpcConnector', { VpcConnectorName: 'orders-v2' });
  });
});

describe('de-duplication keeps what is known', () => {
  test('fails when a subnet of another VPC is given first re-imported by its ID, then as the construct of its VPC', () => {
    const vpc = importVpc(stack, 'Vpc', 'vpc-1', ['subnet-1a', 'subnet-1b']);
    const other = importVpc(stack, 'Other', 'vpc-2', ['subnet-2a']);
    const reimported = ec2.Subnet.fromSubnetId(stack, 'Reimported', 'subnet-2a');

    expect(() => new VpcConnector(stack, 'Connector', { vpc, subnets: [reimported, other.privateSubnets[0]] })).toThrow(
      '[Stack/Connector] `subnets` must be in `vpc` vpc-1, got: subnets of another VPC, vpc-2 (subnet-2a). Pass subnets of vpc-1, or the VPC of the subnets as `vpc`.');
  });

  test('fails when the subnets are in two VPCs and the copy of one VPC comes after its bare re-import', () => {
    const a = importVpc(stack, 'A', 'vpc-a', ['subnet-a']);
    const b = importVpc(stack, 'B', 'vpc-b', ['subnet-b']);

    expect(() => new VpcConnector(stack, 'Connector', {
      subnets: [a.privateSubnets[0], ec2.Subnet.fromSubnetId(stack, 'Bare', 'subnet-b'), b.privateSubnets[0]],
    })).toThrow('[Stack/Connector] `subnets` must all be in one VPC, got: 2 VPCs, vpc-a (subnet-a); vpc-b (subnet-b). Pass subnets of a single VPC.');
  });

  test('fails when one subnet ID is given as a subnet of two different VPCs', () => {
    const a = importVpc(stack, 'A', 'vpc-a', ['subnet-shared']);
    const b = importVpc(stack, 'B', 'vpc-b', ['subnet-shared']);

    expect(() => new VpcConnector(stack, 'Connector', { subnets: [a.privateSubnets[0], b.privateSubnets[0]] })).toThrow(
      '`subnets` must all be in one VPC, got: 2 VPCs, vpc-a (subnet-shared); vpc-b (subnet-shared).');
  });

  test('the known copy gives its VPC to the created group, and the subnet is not reported as unverified', () => {
    const vpc = importVpc(stack, 'Vpc', 'vpc-1', ['subnet-1a']);
    new VpcConnector(stack, 'Connector', { subnets: [ec2.Subnet.fromSubnetId(stack, 'Bare', 'subnet-1a'), vpc.privateSubnets[0]] });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::AppRunner::VpcConnector', { Subnets: ['subnet-1a'] });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', { VpcId: 'vpc-1' });
    Annotations.fromStack(stack).hasNoWarning('/Stack/Connector', Match.anyValue());
  });

  test('fails at synth when a group of another VPC is given first re-imported by its ID, then as its construct', () => {
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'i', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const other = importVpc(stack, 'Other', 'vpc-2', ['subnet-2a']);
    const foreign = new ec2.SecurityGroup(stack, 'Foreign', { vpc: other });
    const reimported = ec2.SecurityGroup.fromSecurityGroupId(stack, 'Reimported', foreign.securityGroupId);
    const connector = new VpcConnector(stack, 'Connector', { vpc, securityGroups: [reimported, foreign] });

    expect(connector.connections.securityGroups).toEqual([reimported]);
    expect(() => app.synth()).toThrow(
      '`securityGroups` must be in the VPC of the subnets (Stack/Vpc), got: Stack/Foreign, in another VPC. Create the security group in Stack/Vpc.');
  });
});

describe('two apps in one process', () => {
  test('subnets at the same path in two apps are two subnets', () => {
    const first = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'i', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const otherApp = new App();
    const otherStack = new Stack(otherApp, 'Stack');
    const second = new ec2.Vpc(otherStack, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'i', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });

    // The VPCs at the same path in two apps are two VPCs: not a silently dropped subnet.
    expect(() => new VpcConnector(otherStack, 'Connector', { subnets: [second.isolatedSubnets[0], first.isolatedSubnets[0]] })).toThrow(
      '[Stack/Connector] `subnets` must all be in one VPC, got: 2 VPCs, Stack/Vpc (Stack/Vpc/iSubnet1); Stack/Vpc (Stack/Vpc/iSubnet1). Pass subnets of a single VPC.');
  });

  test('security groups at the same path in two apps are two groups', () => {
    const vpc = importVpc(stack, 'Vpc', 'vpc-1', ['subnet-1a']);
    const group = new ec2.SecurityGroup(stack, 'Group', { vpc });
    const otherApp = new App();
    const otherStack = new Stack(otherApp, 'Stack');
    const otherVpc = importVpc(otherStack, 'Vpc', 'vpc-1', ['subnet-1a']);
    const otherGroup = new ec2.SecurityGroup(otherStack, 'Group', { vpc: otherVpc });

    const connector = new VpcConnector(otherStack, 'Connector', { vpc: otherVpc, securityGroups: [otherGroup, group] });

    expect(connector.connections.securityGroups).toEqual([otherGroup, group]);
  });

  test('the same construct paths in two apps give the same template in each', () => {
    const build = () => {
      const a = new App();
      const s = new Stack(a, 'Stack');
      const v = new ec2.Vpc(s, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'i', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
      new VpcConnector(s, 'Connector', { subnets: [...v.isolatedSubnets, v.isolatedSubnets[0]] });
      return Template.fromStack(s).toJSON();
    };

    const first = build();
    expect(build()).toEqual(first);
    expect(Object.values<any>(first.Resources).find(r => r.Type === 'AWS::AppRunner::VpcConnector').Properties.Subnets).toHaveLength(2);
  });
});

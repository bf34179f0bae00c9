/**
 * Moving a service off App Runner to Amazon ECS Express Mode, side by side (docs/migration.md):
 * the same app in its four versions, a deployment each (three, when the app starts at `app-runner`).
 *
 * - `connector-group`: where many apps start: the connector's own group reaches the database.
 * - `app-runner`: the App Runner service egresses through a VPC connector, with an application security
 *   group that the database admits (the connector keeps a group of its own, without rules).
 * - `side-by-side`: an ECS Express Mode service runs beside it, in the connector's subnets, with the
 *   same application security group, so the database rules serve both.
 * - `ecs`: the App Runner service and its connector are gone; the database rules are untouched.
 *
 * `AWS::ECS::ExpressGatewayService` has no L2 yet: this uses the L1 `CfnExpressGatewayService`
 * (aws-cdk-lib 2.230.0 or later). test/migration.test.ts synthesizes each version, checks each
 * update with `cdk diff`'s engine, and `npm run conformance` runs cfn-lint on them.
 *
 * A program too: `ts-node examples/migration.ts <version> [outdir]` synthesizes one version. In this repository,
 * whose aws-cdk-lib is the lowest supported (2.224.0, without Express Mode), `npm run migration -- <version>`
 * runs it with the latest aws-cdk-lib (scripts/migration.sh).
 */
import * as cdk from 'aws-cdk-lib';
import * as apprunner from 'aws-cdk-lib/aws-apprunner';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { VpcConnector } from '../src';

export type Phase = 'connector-group' | 'app-runner' | 'side-by-side' | 'ecs';
export const PHASES: readonly Phase[] = ['connector-group', 'app-runner', 'side-by-side', 'ecs'];

const IMAGE = 'public.ecr.aws/aws-containers/hello-app-runner:latest';

/** The VPC and the database, shared by the services. */
export class NetworkStack extends cdk.Stack {
  public readonly vpc: ec2.Vpc;
  public readonly database: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    this.vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 1 });
    this.database = new ec2.SecurityGroup(this, 'Database', { vpc: this.vpc, description: 'Orders database', allowAllOutbound: false });
  }
}

export interface OrdersStackProps extends cdk.StackProps {
  readonly network: NetworkStack;
  readonly phase: Phase;
}

/** The orders service, in the version `phase` of the move. */
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: OrdersStackProps) {
    super(scope, id, props);
    const { vpc, database } = props.network;
    // `allowTo` adds an egress rule on our group and an ingress rule on the database's. Our groups allow all outbound
    // traffic, so aws-cdk-lib skips the egress rule and warns (ipv4IgnoreEgressRule): the ingress rule admits us.
    cdk.Annotations.of(this).acknowledgeWarning('@aws-cdk/aws-ec2:ipv4IgnoreEgressRule',
      'the service\'s groups allow all outbound traffic: the database\'s ingress rule is the one that matters');

    if (props.phase === 'connector-group') {
      // The connector's own group holds the database rule: it goes when the connector goes.
      const connector = new VpcConnector(this, 'VpcConnector', { vpc });
      connector.connections.allowTo(database, ec2.Port.tcp(5432), 'Orders to PostgreSQL');
      appRunnerService(this, connector);
      return;
    }

    // The application's own security group: the database admits it. It outlives the App Runner
    // service and its connector, so removing them leaves the database rules as they are.
    const appGroup = new ec2.SecurityGroup(this, 'AppSecurityGroup', { vpc, description: 'Orders service' });
    appGroup.connections.allowTo(database, ec2.Port.tcp(5432), 'Orders to PostgreSQL');

    let subnets: ec2.ISubnet[] = vpc.privateSubnets;
    if (props.phase !== 'ecs') {
      const connector = new VpcConnector(this, 'VpcConnector', { vpc, securityGroups: [appGroup] });
      appRunnerService(this, connector);
      // Where the connector reaches: its subnets, and the groups of `connections` (the application's).
      subnets = connector.subnets;
    }

    if (props.phase !== 'app-runner') {
      const infrastructureRole = new iam.Role(this, 'ExpressInfrastructureRole', {
        assumedBy: new iam.ServicePrincipal('ecs.amazonaws.com'),
        managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonECSInfrastructureRoleforExpressGatewayServices')],
      });
      const executionRole = new iam.Role(this, 'ExpressExecutionRole', {
        assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
        managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonECSTaskExecutionRolePolicy')],
      });
      new ecs.CfnExpressGatewayService(this, 'ExpressService', {
        infrastructureRoleArn: infrastructureRole.roleArn,
        executionRoleArn: executionRole.roleArn,
        primaryContainer: { image: IMAGE, containerPort: 8000 },
        networkConfiguration: {
          subnets: subnets.map(subnet => subnet.subnetId),
          securityGroups: [appGroup.securityGroupId],
        },
      });
    }
  }
}

/** The App Runner service, egressing through `connector`. */
function appRunnerService(scope: Construct, connector: VpcConnector) {
  new apprunner.CfnService(scope, 'AppRunnerService', {
    sourceConfiguration: {
      autoDeploymentsEnabled: false,
      imageRepository: { imageIdentifier: IMAGE, imageRepositoryType: 'ECR_PUBLIC', imageConfiguration: { port: '8000' } },
    },
    networkConfiguration: { egressConfiguration: { egressType: 'VPC', vpcConnectorArn: connector.vpcConnectorArn } },
  });
}

/** The whole app in one version of the move. */
export function buildMigrationApp(phase: Phase, app = new cdk.App()): cdk.App {
  const network = new NetworkStack(app, 'Network');
  new OrdersStack(app, 'Orders', { network, phase });
  return app;
}

if (require.main === module) {
  const [phase, outdir] = process.argv.slice(2);
  if (!PHASES.includes(phase as Phase)) {
    throw new Error(`usage: migration.ts <${PHASES.join('|')}> [outdir], got: ${JSON.stringify(phase)}`);
  }
  const assembly = buildMigrationApp(phase as Phase, new cdk.App({ outdir })).synth();
  for (const stack of assembly.stacks) {
    const types = Object.values<{ Type: string }>(stack.template.Resources ?? {}).map(r => r.Type);
    const count = (type: string) => types.filter(t => t === type).length;
    console.log(`${phase}: ${stack.stackName} (${stack.templateFullPath}): ${types.length} resources, ` +
      `${count('AWS::AppRunner::VpcConnector')} VPC connector(s), ${count('AWS::AppRunner::Service')} App Runner service(s), ` +
      `${count('AWS::ECS::ExpressGatewayService')} Express Mode service(s)`);
    for (const message of stack.messages.filter(m => m.level !== 'info')) {
      console.log(`  ${message.level} at ${message.id}: ${message.entry.data}`);
    }
  }
}

import * as apprunner from 'aws-cdk-lib/aws-apprunner';
import { Construct } from 'constructs';
import { IVpcConnector } from '../../src';

/**
 * An App Runner service (L1) on a public sample image that egresses through `connector`:
 * the consumer of a VPC connector in the integ apps, the conformance stacks and the unit tests.
 */
export function serviceThrough(scope: Construct, id: string, connector: IVpcConnector): apprunner.CfnService {
  return new apprunner.CfnService(scope, id, {
    sourceConfiguration: {
      autoDeploymentsEnabled: false,
      imageRepository: {
        imageIdentifier: 'public.ecr.aws/aws-containers/hello-app-runner:latest',
        imageRepositoryType: 'ECR_PUBLIC',
        imageConfiguration: { port: '8000' },
      },
    },
    networkConfiguration: {
      egressConfiguration: {
        egressType: 'VPC',
        vpcConnectorArn: connector.vpcConnectorArn,
      },
    },
  });
}

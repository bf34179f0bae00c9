import aws_cdk as cdk
from aws_cdk import aws_apprunner as apprunner
from aws_cdk import aws_ec2 as ec2
from constructs import Construct

from cdk_apprunner_vpc_connector import VpcConnector


class AppRunnerServiceStack(cdk.Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)

        vpc = ec2.Vpc(self, "Vpc", max_azs=2)

        connector = VpcConnector(self, "VpcConnector", vpc=vpc)

        apprunner.CfnService(self, "Service",
            source_configuration=apprunner.CfnService.SourceConfigurationProperty(
                image_repository=apprunner.CfnService.ImageRepositoryProperty(
                    image_identifier="public.ecr.aws/aws-containers/hello-app-runner:latest",
                    image_repository_type="ECR_PUBLIC",
                    image_configuration=apprunner.CfnService.ImageConfigurationProperty(port="8000"),
                ),
            ),
            network_configuration=apprunner.CfnService.NetworkConfigurationProperty(
                egress_configuration=apprunner.CfnService.EgressConfigurationProperty(
                    egress_type="VPC",
                    vpc_connector_arn=connector.vpc_connector_arn,
                ),
            ),
        )


app = cdk.App()
AppRunnerServiceStack(app, "AppRunnerService")
app.synth()

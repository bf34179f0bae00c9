package com.myorg;

import io.github.cdk_apprunner_vpc_connector.VpcConnector;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apprunner.CfnService;
import software.amazon.awscdk.services.ec2.Vpc;

public final class AppRunnerServiceApp {
    public static void main(final String[] args) {
        App app = new App();
        Stack stack = new Stack(app, "AppRunnerService");

        Vpc vpc = Vpc.Builder.create(stack, "Vpc").maxAzs(2).build();

        VpcConnector connector = VpcConnector.Builder.create(stack, "VpcConnector").vpc(vpc).build();

        CfnService.Builder.create(stack, "Service")
                .sourceConfiguration(CfnService.SourceConfigurationProperty.builder()
                        .imageRepository(CfnService.ImageRepositoryProperty.builder()
                                .imageIdentifier("public.ecr.aws/aws-containers/hello-app-runner:latest")
                                .imageRepositoryType("ECR_PUBLIC")
                                .imageConfiguration(CfnService.ImageConfigurationProperty.builder().port("8000").build())
                                .build())
                        .build())
                .networkConfiguration(CfnService.NetworkConfigurationProperty.builder()
                        .egressConfiguration(CfnService.EgressConfigurationProperty.builder()
                                .egressType("VPC")
                                .vpcConnectorArn(connector.getVpcConnectorArn())
                                .build())
                        .build())
                .build();

        app.synth();
    }
}

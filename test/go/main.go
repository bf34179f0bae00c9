package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapprunner"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk-apprunner-vpc-connector/cdk-apprunner-vpc-connector-go/cdkapprunnervpcconnector"
)

func main() {
	defer jsii.Close()

	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("AppRunnerService"), nil)

	vpc := awsec2.NewVpc(stack, jsii.String("Vpc"), &awsec2.VpcProps{MaxAzs: jsii.Number(2)})

	connector := cdkapprunnervpcconnector.NewVpcConnector(stack, jsii.String("VpcConnector"),
		&cdkapprunnervpcconnector.VpcConnectorProps{Vpc: vpc})

	awsapprunner.NewCfnService(stack, jsii.String("Service"), &awsapprunner.CfnServiceProps{
		SourceConfiguration: &awsapprunner.CfnService_SourceConfigurationProperty{
			ImageRepository: &awsapprunner.CfnService_ImageRepositoryProperty{
				ImageIdentifier:     jsii.String("public.ecr.aws/aws-containers/hello-app-runner:latest"),
				ImageRepositoryType: jsii.String("ECR_PUBLIC"),
				ImageConfiguration:  &awsapprunner.CfnService_ImageConfigurationProperty{Port: jsii.String("8000")},
			},
		},
		NetworkConfiguration: &awsapprunner.CfnService_NetworkConfigurationProperty{
			EgressConfiguration: &awsapprunner.CfnService_EgressConfigurationProperty{
				EgressType:      jsii.String("VPC"),
				VpcConnectorArn: connector.VpcConnectorArn(),
			},
		},
	})

	app.Synth(nil)
}

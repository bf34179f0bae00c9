package main

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdkapprunneralpha/v2"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk-apprunner-vpc-connector/cdk-apprunner-vpc-connector-go/cdkapprunnervpcconnector"
)

// Our connector passed as it is to aws-apprunner-alpha's Service, as the README's "With the alpha Service" says: a Go
// interface is satisfied by any type with its methods, and the alpha's IVpcConnector asks for methods that
// cdkapprunnervpcconnector.IVpcConnector has, with the same types. (Java checks an interface by its name: see the
// Java suite's AlphaServiceTest.)

// The compiler checks it: this file does not build if the connector stops being the alpha's IVpcConnector.
var _ awscdkapprunneralpha.IVpcConnector = cdkapprunnervpcconnector.IVpcConnector(nil)

func alphaService(stack awscdk.Stack, vpcConnector awscdkapprunneralpha.IVpcConnector) {
	awscdkapprunneralpha.NewService(stack, jsii.String("Service"), &awscdkapprunneralpha.ServiceProps{
		Source: awscdkapprunneralpha.Source_FromEcrPublic(&awscdkapprunneralpha.EcrPublicProps{
			ImageIdentifier: jsii.String("public.ecr.aws/aws-containers/hello-app-runner:latest"),
		}),
		VpcConnector: vpcConnector,
	})
}

func egressThrough(arn interface{}) map[string]interface{} {
	return map[string]interface{}{
		"NetworkConfiguration": map[string]interface{}{"EgressConfiguration": map[string]interface{}{
			"EgressType":      "VPC",
			"VpcConnectorArn": arn,
		}},
	}
}

func TestTheAlphaServiceEgressesThroughTheConnector(t *testing.T) {
	// GIVEN
	stack, vpc := newStack()
	connector := cdkapprunnervpcconnector.NewVpcConnector(stack, jsii.String("VpcConnector"),
		&cdkapprunnervpcconnector.VpcConnectorProps{Vpc: vpc})

	// WHEN
	alphaService(stack, connector)

	// THEN the service gets our connector's ARN, and there is no other connector
	arn := map[string]interface{}{"Fn::GetAtt": []interface{}{
		*stack.GetLogicalId(connector.Node().DefaultChild().(awscdk.CfnElement)), "VpcConnectorArn"}}
	template := assertions.Template_FromStack(stack, nil)
	check(t, func() { template.HasResourceProperties(jsii.String("AWS::AppRunner::Service"), egressThrough(arn)) })
	check(t, func() { template.ResourceCountIs(jsii.String("AWS::AppRunner::VpcConnector"), jsii.Number(1)) })
}

func TestTheAlphaServiceWithAnImportedConnector(t *testing.T) {
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Stack"), nil)

	alphaService(stack, cdkapprunnervpcconnector.VpcConnector_FromVpcConnectorArn(stack, jsii.String("Imported"), jsii.String(arn)))

	check(t, func() {
		assertions.Template_FromStack(stack, nil).HasResourceProperties(jsii.String("AWS::AppRunner::Service"), egressThrough(arn))
	})
}

package main

import (
	"fmt"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk-apprunner-vpc-connector/cdk-apprunner-vpc-connector-go/cdkapprunnervpcconnector"
)

// Bad input from Go: a JavaScript Error reaches Go as a panic that carries its message, props in Go's spelling (src/private/checks.ts).
// Each test recovers it and asserts the distinctive parts: the rule, with the prop's name, and the bad value.

func TestFailsWhenTheNameIsInvalid(t *testing.T) {
	for _, name := range []string{"ab", "-leading-hyphen", "has space"} {
		t.Run(name, func(t *testing.T) {
			stack, vpc := newStack()
			assertPanics(t, func() {
				cdkapprunnervpcconnector.NewVpcConnector(stack, jsii.String("C"), &cdkapprunnervpcconnector.VpcConnectorProps{
					Vpc: vpc, VpcConnectorName: jsii.String(name),
				})
			}, "`VpcConnectorName` must be 4 to 40 characters", fmt.Sprintf("'%s' (%d characters)", name, len(name)))
		})
	}
}

func TestFailsWhenTheSubnetsAreInTwoVpcs(t *testing.T) {
	stack, vpc := newStack()
	other := awsec2.NewVpc(stack, jsii.String("Other"), nil)
	assertPanics(t, func() {
		cdkapprunnervpcconnector.NewVpcConnector(stack, jsii.String("C"), &cdkapprunnervpcconnector.VpcConnectorProps{
			Subnets: &[]awsec2.ISubnet{(*vpc.PrivateSubnets())[0], (*other.PrivateSubnets())[0]},
		})
	}, "[Stack/C] `Subnets` must all be in one VPC, got: 2 VPCs", "Stack/Other (Stack/Other/PrivateSubnet1)")
}

func TestFailsWhenNeitherSubnetsNorVpcIsGiven(t *testing.T) {
	stack, _ := newStack()
	assertPanics(t, func() {
		cdkapprunnervpcconnector.NewVpcConnector(stack, jsii.String("C"), &cdkapprunnervpcconnector.VpcConnectorProps{})
	}, "[Stack/C] `Subnets` or `Vpc` must be given", "neither")
}

func TestFailsWhenVpcSubnetsIsCombinedWithSubnets(t *testing.T) {
	stack, vpc := newStack()
	assertPanics(t, func() {
		cdkapprunnervpcconnector.NewVpcConnector(stack, jsii.String("C"), &cdkapprunnervpcconnector.VpcConnectorProps{
			Vpc:        vpc,
			Subnets:    vpc.PrivateSubnets(),
			VpcSubnets: &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_WITH_EGRESS},
		})
	}, "`Subnets` and `VpcSubnets` cannot both be given",
		"`VpcSubnets` set to {\"subnetType\":\"Private\"} and `Vpc`",
		"Keep `Subnets` to name the subnets (with `Vpc` for their VPC) and drop `VpcSubnets`")
}

func TestFailsWhenAllowAllOutboundIsCombinedWithSecurityGroups(t *testing.T) {
	stack, vpc := newStack()
	group := awsec2.NewSecurityGroup(stack, jsii.String("Group"), &awsec2.SecurityGroupProps{Vpc: vpc})
	assertPanics(t, func() {
		cdkapprunnervpcconnector.NewVpcConnector(stack, jsii.String("C"), &cdkapprunnervpcconnector.VpcConnectorProps{
			Vpc:              vpc,
			SecurityGroups:   &[]awsec2.ISecurityGroup{group},
			AllowAllOutbound: jsii.Bool(false),
		})
	}, "`AllowAllOutbound` applies only to the security group this construct creates",
		"`AllowAllOutbound` set to false with 1 given `SecurityGroups`")
}

func TestFailsAtSynthWhenASecurityGroupOfAnotherVpcIsAdded(t *testing.T) {
	stack, vpc := newStack()
	connector := cdkapprunnervpcconnector.NewVpcConnector(stack, jsii.String("C"), &cdkapprunnervpcconnector.VpcConnectorProps{Vpc: vpc})
	other := awsec2.NewVpc(stack, jsii.String("Other"), nil)
	connector.Connections().AddSecurityGroup(awsec2.NewSecurityGroup(stack, jsii.String("Foreign"), &awsec2.SecurityGroupProps{Vpc: other}))

	assertPanics(t, func() { assertions.Template_FromStack(stack, nil) },
		"[Stack/C] A security group added with `connections.addSecurityGroup()` must be in the VPC of the subnets (Stack/Vpc)",
		"Stack/Foreign")
}

func TestFailsWhenTheArnIsNotAVpcConnectorArn(t *testing.T) {
	stack, _ := newStack()
	bad := "arn:aws:apprunner:eu-west-1:123456789012:service/my-service/0123456789abcdef"
	assertPanics(t, func() {
		cdkapprunnervpcconnector.VpcConnector_FromVpcConnectorArn(stack, jsii.String("Imported"), jsii.String(bad))
	}, "`VpcConnectorArn` must be a VPC connector ARN", "'"+bad+"'",
		"arn:<partition>:apprunner:<region>:<account>:vpcconnector/<name>/<revision>/<id>")
}

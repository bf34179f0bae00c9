package main

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk-apprunner-vpc-connector/cdk-apprunner-vpc-connector-go/cdkapprunnervpcconnector"
)

const arn = "arn:aws:apprunner:eu-west-1:123456789012:vpcconnector/my-service-connector/7/0123456789abcdef0123456789abcdef"

func TestFromVpcConnectorArnParsesTheNameRevisionAccountAndRegion(t *testing.T) {
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Stack"), nil)

	// WHEN
	imported := cdkapprunnervpcconnector.VpcConnector_FromVpcConnectorArn(stack, jsii.String("Imported"), jsii.String(arn))

	// THEN
	if got := *imported.VpcConnectorArn(); got != arn {
		t.Errorf("VpcConnectorArn() = %q", got)
	}
	if got := *imported.VpcConnectorName(); got != "my-service-connector" {
		t.Errorf("VpcConnectorName() = %q", got)
	}
	if got := *imported.VpcConnectorRevision(); got != 7 {
		t.Errorf("VpcConnectorRevision() = %v", got)
	}
	if env := imported.Env(); *env.Account != "123456789012" || *env.Region != "eu-west-1" {
		t.Errorf("Env() = %s, %s", *env.Account, *env.Region)
	}
	if *imported.Node().Path() != "Stack/Imported" {
		t.Errorf("Node().Path() = %q", *imported.Node().Path())
	}
	if groups := *imported.Connections().SecurityGroups(); len(groups) != 0 {
		t.Errorf("expected no security groups, got %d", len(groups))
	}
	if got := *imported.VpcConnectorRef().VpcConnectorArn; got != arn {
		t.Errorf("VpcConnectorRef().VpcConnectorArn = %q", got)
	}
	if *cdkapprunnervpcconnector.VpcConnector_IsVpcConnector(imported) {
		t.Error("VpcConnector_IsVpcConnector(imported) is true")
	}
	check(t, func() {
		assertions.Template_FromStack(stack, nil).ResourceCountIs(jsii.String("AWS::AppRunner::VpcConnector"), jsii.Number(0))
	})
}

func TestFromVpcConnectorAttributesWithSecurityGroups(t *testing.T) {
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Stack"), nil)
	group := awsec2.SecurityGroup_FromSecurityGroupId(stack, jsii.String("Group"), jsii.String("sg-0123456789abcdef0"),
		&awsec2.SecurityGroupImportOptions{AllowAllOutbound: jsii.Bool(false)})
	database := awsec2.SecurityGroup_FromSecurityGroupId(stack, jsii.String("Database"), jsii.String("sg-0fedcba9876543210"), nil)

	// WHEN
	imported := cdkapprunnervpcconnector.VpcConnector_FromVpcConnectorAttributes(stack, jsii.String("Imported"),
		&cdkapprunnervpcconnector.VpcConnectorAttributes{
			VpcConnectorArn:      jsii.String(arn),
			VpcConnectorRevision: jsii.Number(9),
			SecurityGroups:       &[]awsec2.ISecurityGroup{group},
		})
	imported.Connections().AllowTo(database, awsec2.Port_Tcp(jsii.Number(5432)), nil)

	// THEN
	if got := *imported.VpcConnectorName(); got != "my-service-connector" {
		t.Errorf("VpcConnectorName() = %q", got)
	}
	if got := *imported.VpcConnectorRevision(); got != 9 {
		t.Errorf("VpcConnectorRevision() = %v", got)
	}
	if groups := *imported.Connections().SecurityGroups(); len(groups) != 1 || *groups[0].SecurityGroupId() != "sg-0123456789abcdef0" {
		t.Errorf("expected the group sg-0123456789abcdef0, got %d groups", len(groups))
	}
	check(t, func() {
		assertions.Template_FromStack(stack, nil).HasResourceProperties(jsii.String("AWS::EC2::SecurityGroupEgress"), map[string]interface{}{
			"GroupId":                    "sg-0123456789abcdef0",
			"DestinationSecurityGroupId": "sg-0fedcba9876543210",
			"FromPort":                   5432,
			"ToPort":                     5432,
		})
	})
}

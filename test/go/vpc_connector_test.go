package main

import (
	"reflect"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapprunner"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk-apprunner-vpc-connector/cdk-apprunner-vpc-connector-go/cdkapprunnervpcconnector"
)

const groupDescription = `^App Runner VPC connector group, replaced with its connector \(configuration [0-9a-f]{12}\)$`

func TestDefaultConnectorIsInThePrivateSubnetsWithANewGroupThatAllowsAllOutbound(t *testing.T) {
	stack, vpc := newStack()

	// WHEN
	connector := cdkapprunnervpcconnector.NewVpcConnector(stack, jsii.String("C"),
		&cdkapprunnervpcconnector.VpcConnectorProps{Vpc: vpc})

	// THEN
	template := assertions.Template_FromStack(stack, nil)
	groups := *connector.Connections().SecurityGroups()
	if len(groups) != 1 || *groups[0].Node().Path() != "Stack/C/SecurityGroup" {
		t.Fatalf("expected the group Stack/C/SecurityGroup, got %d groups", len(groups))
	}
	privateSubnets := subnetIDs(stack, vpc.PrivateSubnets())
	if len(privateSubnets) != 2 {
		t.Fatalf("expected 2 private subnets, got %d", len(privateSubnets))
	}
	check(t, func() {
		template.ResourceCountIs(jsii.String("AWS::AppRunner::VpcConnector"), jsii.Number(1))
		template.ResourceCountIs(jsii.String("AWS::EC2::SecurityGroup"), jsii.Number(1))
		template.HasResourceProperties(jsii.String("AWS::AppRunner::VpcConnector"), map[string]interface{}{
			"Subnets":          privateSubnets,
			"SecurityGroups":   []interface{}{groupID(stack, groups[0])},
			"VpcConnectorName": assertions.Match_Absent(),
		})
		template.HasResourceProperties(jsii.String("AWS::EC2::SecurityGroup"), map[string]interface{}{
			"GroupDescription": assertions.Match_StringLikeRegexp(jsii.String(groupDescription)),
			"VpcId":            stack.Resolve(vpc.VpcId()),
			"SecurityGroupEgress": []interface{}{map[string]interface{}{
				"CidrIp":      "0.0.0.0/0",
				"IpProtocol":  "-1",
				"Description": "Allow all outbound traffic by default",
			}},
		})
	})

	// The L1 child is named "Resource", and the attributes are its attributes.
	resource := connector.Node().DefaultChild().(awsapprunner.CfnVpcConnector)
	if *resource.Node().Id() != "Resource" {
		t.Errorf("the L1 child is named %q", *resource.Node().Id())
	}
	getAtt := func(attribute string) interface{} {
		return map[string]interface{}{"Fn::GetAtt": []interface{}{*stack.GetLogicalId(resource), attribute}}
	}
	for _, attribute := range []struct {
		name  string
		value interface{}
		want  string
	}{
		{"VpcConnectorArn()", connector.VpcConnectorArn(), "VpcConnectorArn"},
		{"VpcConnectorRevision()", connector.VpcConnectorRevision(), "VpcConnectorRevision"},
		{"VpcConnectorRef().VpcConnectorArn", connector.VpcConnectorRef().VpcConnectorArn, "VpcConnectorArn"},
	} {
		if got := stack.Resolve(attribute.value); !reflect.DeepEqual(got, getAtt(attribute.want)) {
			t.Errorf("%s resolves to %v", attribute.name, got)
		}
	}
}

func TestExplicitSubnetsGroupsAndName(t *testing.T) {
	stack, vpc := newStack()
	first := awsec2.NewSecurityGroup(stack, jsii.String("First"), &awsec2.SecurityGroupProps{Vpc: vpc})
	second := awsec2.NewSecurityGroup(stack, jsii.String("Second"), &awsec2.SecurityGroupProps{Vpc: vpc})

	// WHEN
	connector := cdkapprunnervpcconnector.NewVpcConnector(stack, jsii.String("C"), &cdkapprunnervpcconnector.VpcConnectorProps{
		Subnets:                vpc.PrivateSubnets(),
		SecurityGroups:         &[]awsec2.ISecurityGroup{first},
		UniqueSecurityGroupSet: jsii.Bool(false),
		VpcConnectorName:       jsii.String("my-service-connector"),
	})
	connector.Connections().AddSecurityGroup(second)

	// THEN no group is created (the set is kept as given), and the one added through connections is in the template
	template := assertions.Template_FromStack(stack, nil)
	check(t, func() {
		template.ResourceCountIs(jsii.String("AWS::EC2::SecurityGroup"), jsii.Number(2))
		template.HasResourceProperties(jsii.String("AWS::AppRunner::VpcConnector"), map[string]interface{}{
			"Subnets":          subnetIDs(stack, vpc.PrivateSubnets()),
			"SecurityGroups":   []interface{}{groupID(stack, first), groupID(stack, second)},
			"VpcConnectorName": "my-service-connector",
		})
	})
	if name := *connector.VpcConnectorName(); name != "my-service-connector" {
		t.Errorf("VpcConnectorName() = %q", name)
	}
}

func TestSubnetSelectionFromTheVpc(t *testing.T) {
	stack, _ := newStack()
	tiered := awsec2.NewVpc(stack, jsii.String("Tiered"), &awsec2.VpcProps{
		MaxAzs: jsii.Number(2),
		SubnetConfiguration: &[]*awsec2.SubnetConfiguration{
			{Name: jsii.String("Public"), SubnetType: awsec2.SubnetType_PUBLIC},
			{Name: jsii.String("App"), SubnetType: awsec2.SubnetType_PRIVATE_WITH_EGRESS},
			{Name: jsii.String("Data"), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED},
		},
	})

	// WHEN
	cdkapprunnervpcconnector.NewVpcConnector(stack, jsii.String("C"), &cdkapprunnervpcconnector.VpcConnectorProps{
		Vpc:        tiered,
		VpcSubnets: &awsec2.SubnetSelection{SubnetGroupName: jsii.String("Data")},
	})

	// THEN the connector is in the isolated subnets only
	isolated := subnetIDs(stack, tiered.IsolatedSubnets())
	if len(isolated) != 2 {
		t.Fatalf("expected 2 isolated subnets, got %d", len(isolated))
	}
	check(t, func() {
		assertions.Template_FromStack(stack, nil).HasResourceProperties(jsii.String("AWS::AppRunner::VpcConnector"),
			map[string]interface{}{"Subnets": isolated})
	})
}

func TestAllowToADatabaseAddsTheEgressAndIngressRules(t *testing.T) {
	stack, vpc := newStack()
	database := awsec2.NewSecurityGroup(stack, jsii.String("Database"), &awsec2.SecurityGroupProps{
		Vpc: vpc, AllowAllOutbound: jsii.Bool(false),
	})
	connector := cdkapprunnervpcconnector.NewVpcConnector(stack, jsii.String("C"), &cdkapprunnervpcconnector.VpcConnectorProps{
		Vpc: vpc, AllowAllOutbound: jsii.Bool(false),
	})

	// WHEN
	connector.Connections().AllowTo(database, awsec2.Port_Tcp(jsii.Number(5432)), jsii.String("App Runner to PostgreSQL"))

	// THEN the database admits the connector's group on 5432, and the connector's group allows exactly that
	group := groupID(stack, (*connector.Connections().SecurityGroups())[0])
	template := assertions.Template_FromStack(stack, nil)
	check(t, func() {
		template.HasResourceProperties(jsii.String("AWS::EC2::SecurityGroupIngress"), map[string]interface{}{
			"GroupId":               groupID(stack, database),
			"SourceSecurityGroupId": group,
			"IpProtocol":            "tcp",
			"FromPort":              5432,
			"ToPort":                5432,
			"Description":           "App Runner to PostgreSQL",
		})
		template.HasResourceProperties(jsii.String("AWS::EC2::SecurityGroupEgress"), map[string]interface{}{
			"GroupId":                    group,
			"DestinationSecurityGroupId": groupID(stack, database),
			"IpProtocol":                 "tcp",
			"FromPort":                   5432,
			"ToPort":                     5432,
		})
		template.HasResourceProperties(jsii.String("AWS::EC2::SecurityGroup"), map[string]interface{}{
			"GroupDescription":    assertions.Match_StringLikeRegexp(jsii.String(groupDescription)),
			"SecurityGroupEgress": assertions.Match_Absent(),
		})
	})
	if !*cdkapprunnervpcconnector.VpcConnector_IsVpcConnector(connector) {
		t.Error("VpcConnector_IsVpcConnector(connector) is false")
	}
}

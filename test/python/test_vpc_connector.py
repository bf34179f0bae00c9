"""A VpcConnector created from Python: the template it synthesizes, its connections, its use by an App Runner service."""
import aws_cdk as cdk
from aws_cdk import aws_apprunner as apprunner
from aws_cdk import aws_ec2 as ec2
from aws_cdk.assertions import Annotations, Match, Template

from cdk_apprunner_vpc_connector import VpcConnector


def security_group_id(stack: cdk.Stack, group: ec2.ISecurityGroup):
    return stack.resolve(group.security_group_id)


def test_subnets_and_name(stack, vpc):
    # WHEN
    connector = VpcConnector(stack, "C", subnets=vpc.private_subnets, vpc_connector_name="my-service-connector")

    # THEN
    template = Template.from_stack(stack)
    template.resource_count_is("AWS::AppRunner::VpcConnector", 1)
    [group] = connector.connections.security_groups
    private_subnet_ids = [stack.resolve(subnet.subnet_id) for subnet in vpc.private_subnets]
    assert len(private_subnet_ids) == 2
    template.has_resource_properties("AWS::AppRunner::VpcConnector", {
        "Subnets": private_subnet_ids,
        "SecurityGroups": [security_group_id(stack, group)],
        "VpcConnectorName": "my-service-connector",
    })
    assert connector.vpc_connector_name == "my-service-connector"
    assert isinstance(connector.vpc_connector_name, str)


def test_creates_a_security_group_in_the_vpc_that_allows_all_outbound(stack, vpc):
    # WHEN
    connector = VpcConnector(stack, "C", subnets=vpc.private_subnets)

    # THEN
    template = Template.from_stack(stack)
    template.resource_count_is("AWS::EC2::SecurityGroup", 1)
    template.has_resource_properties("AWS::EC2::SecurityGroup", {
        "GroupDescription": Match.string_like_regexp(r"^App Runner VPC connector group, replaced with its connector \(configuration [0-9a-f]{12}\)$"),
        "VpcId": stack.resolve(vpc.vpc_id),
        "SecurityGroupEgress": [{"CidrIp": "0.0.0.0/0", "IpProtocol": "-1", "Description": "Allow all outbound traffic by default"}],
    })
    template.has_resource_properties("AWS::AppRunner::VpcConnector", {"VpcConnectorName": Match.absent()})
    [group] = connector.connections.security_groups
    assert group.node.path == "Stack/C/SecurityGroup"


def test_the_l1_child_is_named_resource(stack, vpc):
    connector = VpcConnector(stack, "C", vpc=vpc)

    child = connector.node.default_child
    assert isinstance(child, cdk.aws_apprunner.CfnVpcConnector)
    assert child.node.id == "Resource"
    assert stack.resolve(connector.vpc_connector_arn) == {"Fn::GetAtt": [stack.get_logical_id(child), "VpcConnectorArn"]}


def test_vpc_with_subnet_selection_and_allow_to_a_database(stack):
    # GIVEN a VPC with two kinds of private subnets, and a database security group
    vpc = ec2.Vpc(stack, "Vpc", max_azs=2, subnet_configuration=[
        ec2.SubnetConfiguration(name="Public", subnet_type=ec2.SubnetType.PUBLIC),
        ec2.SubnetConfiguration(name="App", subnet_type=ec2.SubnetType.PRIVATE_WITH_EGRESS),
        ec2.SubnetConfiguration(name="Data", subnet_type=ec2.SubnetType.PRIVATE_ISOLATED),
    ])
    db = ec2.SecurityGroup(stack, "Db", vpc=vpc, allow_all_outbound=False)

    # WHEN
    connector = VpcConnector(stack, "C", vpc=vpc, allow_all_outbound=False,
                             vpc_subnets=ec2.SubnetSelection(subnet_group_name="Data"))
    connector.connections.allow_to(db, ec2.Port.tcp(5432), "App Runner to PostgreSQL")

    # THEN the connector is in the isolated subnets only
    template = Template.from_stack(stack)
    isolated = [stack.resolve(subnet.subnet_id) for subnet in vpc.isolated_subnets]
    assert len(isolated) == 2
    template.has_resource_properties("AWS::AppRunner::VpcConnector", {"Subnets": isolated})
    # and the database admits the connector's security group on 5432
    [group] = connector.connections.security_groups
    template.has_resource_properties("AWS::EC2::SecurityGroupIngress", {
        "GroupId": security_group_id(stack, db),
        "SourceSecurityGroupId": security_group_id(stack, group),
        "IpProtocol": "tcp",
        "FromPort": 5432,
        "ToPort": 5432,
        "Description": "App Runner to PostgreSQL",
    })
    # and the connector's group, created without default egress, allows exactly that (no inline allow-all rule)
    template.has_resource_properties("AWS::EC2::SecurityGroupEgress", {
        "GroupId": security_group_id(stack, group),
        "DestinationSecurityGroupId": security_group_id(stack, db),
        "IpProtocol": "tcp",
        "FromPort": 5432,
        "ToPort": 5432,
    })
    template.has_resource_properties("AWS::EC2::SecurityGroup", {
        "GroupDescription": Match.string_like_regexp(r"^App Runner VPC connector group, replaced with its connector \(configuration [0-9a-f]{12}\)$"),
        "SecurityGroupEgress": Match.absent(),
    })


def test_subnet_type_selection(stack, vpc):
    VpcConnector(stack, "C", vpc=vpc, vpc_subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_WITH_EGRESS))

    Template.from_stack(stack).has_resource_properties("AWS::AppRunner::VpcConnector", {
        "Subnets": [stack.resolve(subnet.subnet_id) for subnet in vpc.private_subnets],
    })


def test_given_security_groups_and_one_added_through_connections(stack, vpc):
    # GIVEN
    first = ec2.SecurityGroup(stack, "First", vpc=vpc)
    second = ec2.SecurityGroup(stack, "Second", vpc=vpc)

    # WHEN
    connector = VpcConnector(stack, "C", vpc=vpc, security_groups=[first, first], unique_security_group_set=False)
    connector.connections.add_security_group(second)

    # THEN no group is created (the set is kept as given), the duplicate is dropped, the added one is included
    template = Template.from_stack(stack)
    template.resource_count_is("AWS::EC2::SecurityGroup", 2)
    template.has_resource_properties("AWS::AppRunner::VpcConnector", {
        "SecurityGroups": [security_group_id(stack, first), security_group_id(stack, second)],
    })


def test_wired_into_a_cfn_service(stack, vpc):
    # GIVEN
    connector = VpcConnector(stack, "C", vpc=vpc)

    # WHEN
    apprunner.CfnService(
        stack, "Service",
        source_configuration=apprunner.CfnService.SourceConfigurationProperty(
            auto_deployments_enabled=False,
            image_repository=apprunner.CfnService.ImageRepositoryProperty(
                image_identifier="public.ecr.aws/aws-containers/hello-app-runner:latest",
                image_repository_type="ECR_PUBLIC",
            ),
        ),
        network_configuration=apprunner.CfnService.NetworkConfigurationProperty(
            egress_configuration=apprunner.CfnService.EgressConfigurationProperty(
                egress_type="VPC",
                vpc_connector_arn=connector.vpc_connector_arn,
            ),
        ),
    )

    # THEN
    arn = {"Fn::GetAtt": [stack.get_logical_id(connector.node.default_child), "VpcConnectorArn"]}
    Template.from_stack(stack).has_resource_properties("AWS::AppRunner::Service", {
        "NetworkConfiguration": {"EgressConfiguration": {"EgressType": "VPC", "VpcConnectorArn": arn}},
    })
    # The aws-cdk-lib reference interface carries the same ARN.
    assert stack.resolve(connector.vpc_connector_ref.vpc_connector_arn) == arn


def test_revision_is_a_number_token(stack, vpc):
    connector = VpcConnector(stack, "C", vpc=vpc)

    assert cdk.Token.is_unresolved(connector.vpc_connector_revision)
    assert stack.resolve(connector.vpc_connector_revision) == {
        "Fn::GetAtt": [stack.get_logical_id(connector.node.default_child), "VpcConnectorRevision"],
    }


def test_warns_on_public_subnets(stack, vpc):
    VpcConnector(stack, "C", vpc=vpc, vpc_subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PUBLIC))

    Annotations.from_stack(stack).has_warning(
        "/Stack/C", Match.string_like_regexp("placed in public subnets.*cdk-apprunner-vpc-connector:publicSubnets"))


def test_no_warning_on_private_subnets(stack, vpc):
    VpcConnector(stack, "C", vpc=vpc)

    Annotations.from_stack(stack).has_no_warning("*", Match.any_value())

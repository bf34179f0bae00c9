"""Importing an existing VPC connector from Python: parsed attributes come back as Python str and int."""
import pytest

import aws_cdk as cdk
from aws_cdk import aws_ec2 as ec2
from aws_cdk.assertions import Template

from cdk_apprunner_vpc_connector import VpcConnector

ARN = "arn:aws:apprunner:eu-west-1:123456789012:vpcconnector/my-service-connector/7/0123456789abcdef0123456789abcdef"


def test_from_vpc_connector_arn_parses_name_and_revision(stack):
    # WHEN
    imported = VpcConnector.from_vpc_connector_arn(stack, "Imported", ARN)

    # THEN
    assert imported.vpc_connector_arn == ARN
    assert imported.vpc_connector_name == "my-service-connector"
    assert type(imported.vpc_connector_name) is str
    assert imported.vpc_connector_revision == 7
    assert type(imported.vpc_connector_revision) is int
    assert imported.env.account == "123456789012"
    assert imported.env.region == "eu-west-1"
    assert imported.connections.security_groups == []
    assert imported.vpc_connector_ref.vpc_connector_arn == ARN
    Template.from_stack(stack).resource_count_is("AWS::AppRunner::VpcConnector", 0)


def test_from_vpc_connector_attributes_with_security_groups(stack):
    # GIVEN
    group = ec2.SecurityGroup.from_security_group_id(stack, "Group", "sg-0123456789abcdef0", allow_all_outbound=False)
    db = ec2.SecurityGroup.from_security_group_id(stack, "Db", "sg-0fedcba9876543210")

    # WHEN
    imported = VpcConnector.from_vpc_connector_attributes(stack, "Imported", vpc_connector_arn=ARN,
                                                          vpc_connector_revision=9, security_groups=[group])
    imported.connections.allow_to(db, ec2.Port.tcp(5432))

    # THEN
    assert imported.vpc_connector_name == "my-service-connector"
    assert imported.vpc_connector_revision == 9
    assert [g.security_group_id for g in imported.connections.security_groups] == ["sg-0123456789abcdef0"]
    Template.from_stack(stack).has_resource_properties("AWS::EC2::SecurityGroupEgress", {
        "GroupId": "sg-0123456789abcdef0",
        "DestinationSecurityGroupId": "sg-0fedcba9876543210",
        "FromPort": 5432,
        "ToPort": 5432,
    })


def test_from_a_token_arn_gives_token_name_and_revision(stack):
    arn = cdk.CfnParameter(stack, "Arn").value_as_string

    imported = VpcConnector.from_vpc_connector_arn(stack, "Imported", arn)

    assert cdk.Token.is_unresolved(imported.vpc_connector_name)
    assert cdk.Token.is_unresolved(imported.vpc_connector_revision)
    revision = stack.resolve(imported.vpc_connector_revision)
    assert revision["Fn::Select"][0] == 2


@pytest.mark.parametrize("arn", [
    "not-an-arn",
    "arn:aws:apprunner:eu-west-1:123456789012:service/my-service/0123456789abcdef",
    "arn:aws:apprunner:eu-west-1:123456789012:vpcconnector/my-service-connector/0/0123456789abcdef",
    "arn:aws:apprunner:eu-west-1:123456789012:vpcconnector/ab/1/0123456789abcdef",
])
def test_fails_when_the_arn_is_not_a_vpc_connector_arn(stack, arn):
    with pytest.raises(RuntimeError) as error:
        VpcConnector.from_vpc_connector_arn(stack, "Imported", arn)

    message = str(error.value)
    assert "`vpc_connector_arn` must be a VPC connector ARN" in message
    assert f"'{arn}'" in message
    assert "arn:<partition>:apprunner:<region>:<account>:vpcconnector/<name>/<revision>/<id>" in message

"""Bad input from Python: the exception carries the TypeScript error's text (src/vpc-connector.ts)."""
import re

import pytest

import aws_cdk as cdk
from aws_cdk import aws_ec2 as ec2
from aws_cdk.assertions import Template

from cdk_apprunner_vpc_connector import VpcConnector


@pytest.mark.parametrize("name", ["ab", "-leading-hyphen", "has space", "x" * 41, "back\\slash"])
def test_fails_when_the_name_is_invalid(stack, vpc, name):
    with pytest.raises(RuntimeError) as error:
        VpcConnector(stack, "C", vpc=vpc, vpc_connector_name=name)

    message = str(error.value)
    assert "`vpcConnectorName` must be 4 to 40 characters, a letter or digit followed by letters, digits, hyphens or underscores" in message
    assert f"got: '{name}' ({len(name)} characters)" in message


def test_fails_when_the_subnets_are_in_two_vpcs(stack, vpc):
    other = ec2.Vpc(stack, "Other")

    with pytest.raises(RuntimeError) as error:
        VpcConnector(stack, "C", subnets=[*vpc.private_subnets, other.private_subnets[0]])

    message = str(error.value)
    assert "`subnets` must all be in one VPC, got subnets of 2 VPCs: Stack/Vpc (" in message
    assert "; Stack/Other (Stack/Other/PrivateSubnet1)" in message
    assert message.rstrip().endswith("Pass subnets of a single VPC.")


def test_fails_when_the_subnets_are_not_in_vpc(stack, vpc):
    other = ec2.Vpc(stack, "Other")

    with pytest.raises(RuntimeError, match=re.escape("`subnets` must be in `vpc` Stack/Vpc, got subnets of another VPC: Stack/Other (")):
        VpcConnector(stack, "C", vpc=vpc, subnets=other.private_subnets)


def test_fails_when_neither_subnets_nor_vpc_is_given(stack):
    with pytest.raises(RuntimeError, match=re.escape("`subnets` or `vpc` must be given, got neither.")):
        VpcConnector(stack, "C")


def test_fails_when_subnets_is_empty(stack):
    with pytest.raises(RuntimeError, match=re.escape("`subnets` must name at least one subnet, got: [].")):
        VpcConnector(stack, "C", subnets=[])


def test_fails_when_vpc_subnets_is_given_without_vpc(stack, vpc):
    with pytest.raises(RuntimeError, match=re.escape("`vpcSubnets` needs `vpc`, got `vpcSubnets` {\"subnetType\":\"Private\"} without `vpc`.")):
        VpcConnector(stack, "C", subnets=vpc.private_subnets,
                     vpc_subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_WITH_EGRESS))


def test_fails_when_vpc_subnets_is_combined_with_subnets(stack, vpc):
    with pytest.raises(RuntimeError, match=re.escape("`vpcSubnets` cannot be combined with `subnets`, got both.")):
        VpcConnector(stack, "C", vpc=vpc, subnets=vpc.private_subnets,
                     vpc_subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_WITH_EGRESS))


def test_fails_when_vpc_subnets_selects_nothing(stack, vpc):
    with pytest.raises(RuntimeError, match=re.escape("`vpcSubnets` selects no subnets of the VPC Stack/Vpc: ")):
        VpcConnector(stack, "C", vpc=vpc, vpc_subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_ISOLATED))


def test_fails_when_allow_all_outbound_is_combined_with_security_groups(stack, vpc):
    group = ec2.SecurityGroup(stack, "Group", vpc=vpc)

    with pytest.raises(RuntimeError, match=re.escape("`allowAllOutbound` applies only to the security group this construct creates, got `allowAllOutbound: false` with 1 given `securityGroups`.")):
        VpcConnector(stack, "C", vpc=vpc, security_groups=[group], allow_all_outbound=False)


def test_fails_when_imported_subnets_have_no_vpc_and_no_security_groups(stack):
    subnet = ec2.Subnet.from_subnet_id(stack, "Subnet", "subnet-0123456789abcdef0")

    with pytest.raises(RuntimeError, match=re.escape("`securityGroups` must be given when the VPC of `subnets` is unknown, got: none")):
        VpcConnector(stack, "C", subnets=[subnet])


def test_fails_at_synth_when_a_security_group_of_another_vpc_is_added(stack, vpc):
    connector = VpcConnector(stack, "C", vpc=vpc)
    connector.connections.add_security_group(ec2.SecurityGroup(stack, "Foreign", vpc=ec2.Vpc(stack, "Other")))

    with pytest.raises(RuntimeError, match=re.escape("`securityGroups` must be in the VPC of the subnets (Stack/Vpc), got Stack/Foreign in another VPC.")):
        Template.from_stack(stack)


def test_fails_at_synth_when_a_tag_key_starts_with_aws(stack, vpc):
    connector = VpcConnector(stack, "C", vpc=vpc)
    cdk.Tags.of(connector).add("aws:team", "payments")

    with pytest.raises(RuntimeError, match=re.escape("Tag key 'aws:team' must not start with 'aws:', a prefix reserved for AWS.")):
        Template.from_stack(stack)


def test_python_type_check_names_the_keyword_argument(stack, vpc):
    # The generated binding checks types before calling into JavaScript.
    with pytest.raises(TypeError, match="vpc_connector_name"):
        VpcConnector(stack, "C", vpc=vpc, vpc_connector_name=42)


def test_unknown_keyword_argument_is_rejected(stack, vpc):
    with pytest.raises(TypeError, match="connector_name"):
        VpcConnector(stack, "C", vpc=vpc, connector_name="my-service-connector")

"""Bad input from Python: the exception carries the error's text, with props in Python's spelling (src/private/checks.ts).

Each test asserts the distinctive parts of the message: the rule with the prop's Python name,
and the bad value it got, shown plainly.
"""
import pytest

import aws_cdk as cdk
from aws_cdk import aws_ec2 as ec2
from aws_cdk.assertions import Template

from cdk_apprunner_vpc_connector import VpcConnector


def assert_message(error: pytest.ExceptionInfo, *parts: str) -> None:
    message = str(error.value)
    for part in parts:
        assert part in message, f"{part!r} not in {message!r}"


def test_the_construct_path_is_printed_once(stack, vpc):
    with pytest.raises(RuntimeError) as error:
        VpcConnector(stack, "C", vpc=vpc, vpc_connector_name="ab")

    message = str(error.value)
    assert message.count("[Stack/C]") == 1, message
    assert message.startswith("[Stack/C] `vpc_connector_name` must be 4 to 40 characters"), message


@pytest.mark.parametrize("name", ["ab", "-leading-hyphen", "has space", "x" * 41, "back\\slash"])
def test_fails_when_the_name_is_invalid(stack, vpc, name):
    with pytest.raises(RuntimeError) as error:
        VpcConnector(stack, "C", vpc=vpc, vpc_connector_name=name)

    assert_message(error,
                   "`vpc_connector_name` must be 4 to 40 characters, a letter or digit followed by letters, digits, hyphens or underscores",
                   f"'{name}' ({len(name)} characters)")


def test_fails_when_the_subnets_are_in_two_vpcs(stack, vpc):
    other = ec2.Vpc(stack, "Other")

    with pytest.raises(RuntimeError) as error:
        VpcConnector(stack, "C", subnets=[*vpc.private_subnets, other.private_subnets[0]])

    assert_message(error, "`subnets` must all be in one VPC", "2 VPCs",
                   "Stack/Vpc (", "Stack/Other (Stack/Other/PrivateSubnet1)", "Pass subnets of a single VPC.")


def test_fails_when_the_subnets_are_not_in_vpc(stack, vpc):
    other = ec2.Vpc(stack, "Other")

    with pytest.raises(RuntimeError) as error:
        VpcConnector(stack, "C", vpc=vpc, subnets=other.private_subnets)

    assert_message(error, "`subnets` must be in `vpc` Stack/Vpc", "Stack/Other (Stack/Other/PrivateSubnet1, Stack/Other/PrivateSubnet2)")


def test_fails_when_neither_subnets_nor_vpc_is_given(stack):
    with pytest.raises(RuntimeError) as error:
        VpcConnector(stack, "C")

    assert_message(error, "[Stack/C] `subnets` or `vpc` must be given", "neither")


def test_fails_when_subnets_is_empty(stack):
    with pytest.raises(RuntimeError) as error:
        VpcConnector(stack, "C", subnets=[])

    assert_message(error, "`subnets` must name at least one subnet", "[]")


def test_fails_when_vpc_subnets_is_given_without_vpc(stack, vpc):
    with pytest.raises(RuntimeError) as error:
        VpcConnector(stack, "C", subnets=vpc.private_subnets,
                     vpc_subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_WITH_EGRESS))

    assert_message(error, "[Stack/C] `subnets` and `vpc_subnets` cannot both be given",
                   '`vpc_subnets` set to {"subnetType":"Private"} without `vpc`',
                   "Keep `subnets` to name the subnets and drop `vpc_subnets`")


def test_fails_when_only_vpc_subnets_is_given(stack):
    with pytest.raises(RuntimeError) as error:
        VpcConnector(stack, "C", vpc_subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_ISOLATED))

    assert_message(error, "[Stack/C] `vpc_subnets` selects from `vpc`",
                   '`vpc_subnets` set to {"subnetType":"Isolated"} without `vpc`')


def test_fails_when_vpc_subnets_is_combined_with_subnets(stack, vpc):
    with pytest.raises(RuntimeError) as error:
        VpcConnector(stack, "C", vpc=vpc, subnets=vpc.private_subnets,
                     vpc_subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_WITH_EGRESS))

    assert_message(error, "`subnets` and `vpc_subnets` cannot both be given", "and `vpc`. Keep `subnets` to name the subnets (with `vpc` for their VPC)")


def test_fails_with_aws_cdk_libs_error_when_vpc_subnets_names_a_type_the_vpc_lacks(stack, vpc):
    with pytest.raises(RuntimeError) as error:
        VpcConnector(stack, "C", vpc=vpc, vpc_subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_ISOLATED))

    assert_message(error, "There are no 'Isolated' subnet groups in this VPC")


def test_fails_when_allow_all_outbound_is_combined_with_security_groups(stack, vpc):
    group = ec2.SecurityGroup(stack, "Group", vpc=vpc)

    with pytest.raises(RuntimeError) as error:
        VpcConnector(stack, "C", vpc=vpc, security_groups=[group], allow_all_outbound=False)

    assert_message(error, "`allow_all_outbound` applies only to the security group this construct creates",
                   "`allow_all_outbound` set to false with 1 given `security_groups`")


def test_fails_when_imported_subnets_have_no_vpc_and_no_security_groups(stack):
    subnet = ec2.Subnet.from_subnet_id(stack, "Subnet", "subnet-0123456789abcdef0")

    with pytest.raises(RuntimeError) as error:
        VpcConnector(stack, "C", subnets=[subnet])

    assert_message(error, "`security_groups` must be given when the VPC of `subnets` is unknown")


def test_fails_at_synth_when_a_given_security_group_is_of_another_vpc(stack, vpc):
    VpcConnector(stack, "C", vpc=vpc, security_groups=[ec2.SecurityGroup(stack, "Foreign", vpc=ec2.Vpc(stack, "Other"))])

    with pytest.raises(RuntimeError) as error:
        Template.from_stack(stack)

    assert_message(error, "[Stack/C] `security_groups` must be in the VPC of the subnets (Stack/Vpc)", "Stack/Foreign")


def test_fails_at_synth_when_a_security_group_of_another_vpc_is_added(stack, vpc):
    connector = VpcConnector(stack, "C", vpc=vpc)
    connector.connections.add_security_group(ec2.SecurityGroup(stack, "Foreign", vpc=ec2.Vpc(stack, "Other")))

    with pytest.raises(RuntimeError) as error:
        Template.from_stack(stack)

    assert_message(error, "[Stack/C] A security group added with `connections.addSecurityGroup()` must be in the VPC of the subnets (Stack/Vpc)",
                   "Stack/Foreign")


def test_fails_at_synth_when_a_tag_key_starts_with_aws(stack, vpc):
    connector = VpcConnector(stack, "C", vpc=vpc)
    cdk.Tags.of(connector).add("aws:team", "payments")

    with pytest.raises(RuntimeError) as error:
        Template.from_stack(stack)

    assert_message(error, "[Stack/C]", "Tag key 'aws:team' must not start with 'aws:'")


def test_python_type_check_names_the_keyword_argument(stack, vpc):
    # The generated binding checks types before calling into JavaScript.
    with pytest.raises(TypeError) as error:
        VpcConnector(stack, "C", vpc=vpc, vpc_connector_name=42)

    assert_message(error, "vpc_connector_name")


def test_unknown_keyword_argument_is_rejected(stack, vpc):
    with pytest.raises(TypeError) as error:
        VpcConnector(stack, "C", vpc=vpc, connector_name="my-service-connector")

    assert_message(error, "connector_name")

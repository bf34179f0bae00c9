"""Day 2 from Python: replacements that deploy, and pairs App Runner can never hold, caught at synth.

The same behaviours as test/replacement.test.ts and test/uniqueness.test.ts, through the wheel.
"""
import re

import pytest

import aws_cdk as cdk
from aws_cdk import aws_ec2 as ec2
from aws_cdk.assertions import Annotations, Match, Template

from cdk_apprunner_vpc_connector import VpcConnector

DESCRIPTION = re.compile(r"^App Runner VPC connector group, replaced with its connector \(configuration ([0-9a-f]{12})\)$")
ENV = cdk.Environment(account="123456789012", region="eu-west-1")


def owned_group(template: dict) -> tuple[str, str]:
    """The logical ID of the connector's own group and the digest in its description."""
    [(logical_id, digest)] = [
        (logical_id, match.group(1))
        for logical_id, resource in template["Resources"].items()
        if resource["Type"] == "AWS::EC2::SecurityGroup"
        for match in [DESCRIPTION.match(resource["Properties"]["GroupDescription"])]
        if match
    ]
    return logical_id, digest


def synth(app_tag: str | None = None, unique: bool | None = None, given: bool = False) -> dict:
    app = cdk.App()
    stack = cdk.Stack(app, "Stack")
    vpc = ec2.Vpc(stack, "Vpc", max_azs=2)
    groups = [ec2.SecurityGroup(stack, "Given", vpc=vpc)] if given else None
    VpcConnector(stack, "C", vpc=vpc, security_groups=groups, unique_security_group_set=unique)
    if app_tag is not None:
        cdk.Tags.of(app).add("cost-center", app_tag)
    return Template.from_stack(stack).to_json()


def test_a_tag_added_to_the_app_gives_the_group_a_new_digest_under_the_same_logical_id():
    before_id, before = owned_group(synth())
    after_id, after = owned_group(synth(app_tag="cc-1"))

    assert after != before
    assert after_id == before_id


def test_an_unchanged_app_synthesizes_the_same_template():
    assert synth(app_tag="cc-1") == synth(app_tag="cc-1")


def test_given_groups_get_a_group_of_the_connectors_own_by_default():
    template = synth(given=True)

    [connector] = [r for r in template["Resources"].values() if r["Type"] == "AWS::AppRunner::VpcConnector"]
    own_id, _ = owned_group(template)
    assert len(connector["Properties"]["SecurityGroups"]) == 2
    assert connector["Properties"]["SecurityGroups"][1] == {"Fn::GetAtt": [own_id, "GroupId"]}


def test_unique_security_group_set_false_keeps_only_the_given_groups():
    template = synth(given=True, unique=False)

    descriptions = [r["Properties"]["GroupDescription"] for r in template["Resources"].values() if r["Type"] == "AWS::EC2::SecurityGroup"]
    assert not any(DESCRIPTION.match(d) for d in descriptions)


def test_fails_at_synth_for_two_connectors_with_the_same_security_group_set():
    app = cdk.App()
    stack = cdk.Stack(app, "Stack", env=ENV)
    vpc = ec2.Vpc(stack, "Vpc", max_azs=2)
    group = ec2.SecurityGroup(stack, "Group", vpc=vpc)
    VpcConnector(stack, "First", vpc=vpc, security_groups=[group], unique_security_group_set=False)
    VpcConnector(stack, "Second", vpc=vpc, security_groups=[group], unique_security_group_set=False)

    with pytest.raises(RuntimeError) as error:
        app.synth()

    message = str(error.value)
    assert "`security_groups` must not equal another VPC connector's in account 123456789012, region eu-west-1" in message
    assert "on both VPC connector Stack/First and Stack/Second" in message
    assert "leave `unique_security_group_set` unset" in message


def test_fails_at_synth_for_two_connectors_with_the_same_name():
    app = cdk.App()
    stack = cdk.Stack(app, "Stack", env=ENV)
    vpc = ec2.Vpc(stack, "Vpc", max_azs=2)
    VpcConnector(stack, "First", vpc=vpc, vpc_connector_name="orders")
    VpcConnector(stack, "Second", vpc=vpc, vpc_connector_name="orders")

    with pytest.raises(RuntimeError) as error:
        app.synth()

    assert "got: 'orders' on both VPC connector Stack/First and Stack/Second" in str(error.value)


def recut(cidr_mask: int, override: str | None = None) -> dict:
    """A connector in the private subnets of a VPC whose private subnets have `cidr_mask`, with an escape hatch."""
    app = cdk.App()
    stack = cdk.Stack(app, "Stack")
    vpc = ec2.Vpc(stack, "Vpc", max_azs=2, nat_gateways=1, subnet_configuration=[
        ec2.SubnetConfiguration(name="Public", subnet_type=ec2.SubnetType.PUBLIC, cidr_mask=24),
        ec2.SubnetConfiguration(name="Private", subnet_type=ec2.SubnetType.PRIVATE_WITH_EGRESS, cidr_mask=cidr_mask),
    ])
    connector = VpcConnector(stack, "C", vpc=vpc)
    if override is not None:
        connector.node.default_child.add_property_override("Tags", [{"Key": "override", "Value": override}])
    return Template.from_stack(stack).to_json()


def test_a_re_cut_of_the_private_subnets_replaces_the_group_under_the_same_logical_ids():
    before, after = recut(24), recut(20)

    assert owned_group(after)[1] != owned_group(before)[1]
    assert sorted(after["Resources"]) == sorted(before["Resources"])


def test_an_escape_hatch_on_the_l1_gives_the_group_a_new_digest():
    assert owned_group(recut(24, override="v2"))[1] != owned_group(recut(24, override="v1"))[1]


def test_the_digest_is_the_one_typescript_computes():
    # test/digest.test.ts pins the same app's description: the digest does not depend on the language.
    app = cdk.App(context={"availability-zones:account=123456789012:region=eu-west-1": ["eu-west-1a", "eu-west-1b", "eu-west-1c"]})
    stack = cdk.Stack(app, "Stack", env=ENV)
    vpc = ec2.Vpc(stack, "Vpc", max_azs=2, nat_gateways=1)
    VpcConnector(stack, "Default", vpc=vpc)

    descriptions = [r["Properties"]["GroupDescription"] for r in Template.from_stack(stack).to_json()["Resources"].values()
                    if r["Type"] == "AWS::EC2::SecurityGroup"]
    assert descriptions == ["App Runner VPC connector group, replaced with its connector (configuration 62840affd036)"]


def test_warns_when_another_stack_imports_the_connectors_arn():
    app = cdk.App()
    network = cdk.Stack(app, "Network", env=ENV)
    connector = VpcConnector(network, "C", vpc=ec2.Vpc(network, "Vpc", max_azs=2))
    services = cdk.Stack(app, "Services", env=ENV)
    cdk.CfnOutput(services, "Arn", value=connector.vpc_connector_arn)

    Annotations.from_stack(network).has_warning(
        "/Network/C", Match.string_like_regexp("Other stacks use this connector.*Services \\(its ARN.*cdk-apprunner-vpc-connector:exportedAcrossStacks"))

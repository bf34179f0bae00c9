"""aws-cdk-lib's conventions, from Python: organisation defaults through property injection
(`aws_cdk.PropertyInjectors`, with an `IPropertyInjector` written in Python), and `VpcConnector.is_vpc_connector`.

An injector receives the props as the JavaScript object the construct gets (keys in camelCase, as in
TypeScript), and returns the props to use: with `{**defaults, **original_props}` the caller's own props
win, as they do for aws-cdk-lib's own constructs (`ec2.SecurityGroup` here).
"""
import jsii
import pytest

import aws_cdk as cdk
from aws_cdk import aws_ec2 as ec2
from aws_cdk.assertions import Template

from cdk_apprunner_vpc_connector import VpcConnector

ALLOW_ALL = [{"CidrIp": "0.0.0.0/0", "Description": "Allow all outbound traffic by default", "IpProtocol": "-1"}]
DISALLOW_ALL = [{"CidrIp": "255.255.255.255/32", "Description": "Disallow all traffic", "FromPort": 252, "IpProtocol": "icmp", "ToPort": 86}]


@jsii.implements(cdk.IPropertyInjector)
class Defaults:
    """Gives every construct of one class in scope the props `defaults`; the caller's own props win."""

    def __init__(self, construct_unique_id: str, **defaults) -> None:
        self._construct_unique_id = construct_unique_id
        self.defaults = defaults
        self.ids = []

    @property
    def construct_unique_id(self) -> str:
        return self._construct_unique_id

    def inject(self, original_props, *, id, scope):
        self.ids.append(id)
        return {**self.defaults, **original_props}


def egress_of(group: ec2.ISecurityGroup):
    stack = cdk.Stack.of(group)
    resources = Template.from_stack(stack).find_resources("AWS::EC2::SecurityGroup")
    return resources[stack.get_logical_id(group.node.default_child)]["Properties"]["SecurityGroupEgress"]


def own_group(connector: VpcConnector) -> ec2.ISecurityGroup:
    return connector.node.find_child("SecurityGroup")


def test_the_property_injection_id():
    assert VpcConnector.PROPERTY_INJECTION_ID == "cdk-apprunner-vpc-connector.VpcConnector"


def test_an_injector_makes_every_connectors_group_disallow_all_outbound_traffic(stack, vpc):
    injector = Defaults(VpcConnector.PROPERTY_INJECTION_ID, allowAllOutbound=False)
    cdk.PropertyInjectors.of(stack.node.root).add(injector)

    first = VpcConnector(stack, "First", vpc=vpc)
    second = VpcConnector(stack, "Second", vpc=vpc)

    assert egress_of(own_group(first)) == DISALLOW_ALL
    assert egress_of(own_group(second)) == DISALLOW_ALL
    assert injector.ids == ["First", "Second"]


def test_the_callers_prop_wins_over_the_injectors_default_as_for_ec2_security_group():
    app = cdk.App()
    stack = cdk.Stack(app, "Stack")
    reference_stack = cdk.Stack(app, "Reference")
    cdk.PropertyInjectors.of(stack).add(Defaults(VpcConnector.PROPERTY_INJECTION_ID, allowAllOutbound=False))
    cdk.PropertyInjectors.of(reference_stack).add(Defaults(ec2.SecurityGroup.PROPERTY_INJECTION_ID, allowAllOutbound=False))

    connector = VpcConnector(stack, "C", vpc=ec2.Vpc(stack, "Vpc"), allow_all_outbound=True)
    reference = ec2.SecurityGroup(reference_stack, "Group", vpc=ec2.Vpc(reference_stack, "Vpc"), allow_all_outbound=True)

    assert egress_of(reference) == ALLOW_ALL
    assert egress_of(own_group(connector)) == ALLOW_ALL


def test_fails_when_an_injector_sets_allow_all_outbound_for_a_connector_with_security_groups(stack, vpc):
    cdk.PropertyInjectors.of(stack).add(Defaults(VpcConnector.PROPERTY_INJECTION_ID, allowAllOutbound=False))
    group = ec2.SecurityGroup(stack, "Group", vpc=vpc)

    with pytest.raises(RuntimeError) as error:
        VpcConnector(stack, "C", vpc=vpc, security_groups=[group])

    message = str(error.value)
    assert "[Stack/C] `allow_all_outbound` applies only to the security group this construct creates" in message
    assert "by the property injector" in message
    assert "registered on Stack with 1 given `security_groups`" in message


def test_fails_when_an_injector_sets_allow_all_outbound_to_a_string(stack, vpc):
    cdk.PropertyInjectors.of(stack).add(Defaults(VpcConnector.PROPERTY_INJECTION_ID, allowAllOutbound="false"))

    with pytest.raises(RuntimeError) as error:
        VpcConnector(stack, "C", vpc=vpc)

    assert "[Stack/C] `allow_all_outbound` must be a boolean, got: 'false'." in str(error.value)


def test_is_vpc_connector(stack, vpc):
    connector = VpcConnector(stack, "C", vpc=vpc)
    imported = VpcConnector.from_vpc_connector_arn(
        stack, "Imported", "arn:aws:apprunner:eu-west-1:123456789012:vpcconnector/my-connector/3/0123456789abcdef")

    assert VpcConnector.is_vpc_connector(connector) is True
    assert VpcConnector.is_vpc_connector(imported) is False
    assert VpcConnector.is_vpc_connector(vpc) is False
    assert VpcConnector.is_vpc_connector("C") is False

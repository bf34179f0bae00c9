"""Shared fixtures: a fresh app and stack per test, and a VPC in it."""
import pytest

import aws_cdk as cdk
from aws_cdk import aws_ec2 as ec2


@pytest.fixture
def stack() -> cdk.Stack:
    return cdk.Stack(cdk.App(), "Stack")


@pytest.fixture
def vpc(stack: cdk.Stack) -> ec2.Vpc:
    """Two AZs (an environment-agnostic stack), public and private-with-egress subnets."""
    return ec2.Vpc(stack, "Vpc")


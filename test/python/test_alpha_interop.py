"""Our connector passed to aws-apprunner-alpha's Service from Python: the generated type checks accept it."""
from aws_cdk.assertions import Template
import aws_cdk.aws_apprunner_alpha as apprunner_alpha

from cdk_apprunner_vpc_connector import VpcConnector


def test_alpha_service_egresses_through_the_connector(stack, vpc):
    # GIVEN
    connector = VpcConnector(stack, "VpcConnector", vpc=vpc, vpc_connector_name="my-service-connector")

    # WHEN
    apprunner_alpha.Service(
        stack, "Service",
        source=apprunner_alpha.Source.from_ecr_public(
            image_identifier="public.ecr.aws/aws-containers/hello-app-runner:latest",
            image_configuration=apprunner_alpha.ImageConfiguration(port=8000),
        ),
        vpc_connector=connector,
    )

    # THEN
    arn = {"Fn::GetAtt": [stack.get_logical_id(connector.node.default_child), "VpcConnectorArn"]}
    template = Template.from_stack(stack)
    template.has_resource_properties("AWS::AppRunner::Service", {
        "NetworkConfiguration": {"EgressConfiguration": {"EgressType": "VPC", "VpcConnectorArn": arn}},
    })
    template.resource_count_is("AWS::AppRunner::VpcConnector", 1)


def test_alpha_service_with_an_imported_connector(stack):
    arn = "arn:aws:apprunner:eu-west-1:123456789012:vpcconnector/my-service-connector/7/0123456789abcdef0123456789abcdef"
    connector = VpcConnector.from_vpc_connector_arn(stack, "Imported", arn)

    apprunner_alpha.Service(
        stack, "Service",
        source=apprunner_alpha.Source.from_ecr_public(image_identifier="public.ecr.aws/aws-containers/hello-app-runner:latest"),
        vpc_connector=connector,
    )

    Template.from_stack(stack).has_resource_properties("AWS::AppRunner::Service", {
        "NetworkConfiguration": {"EgressConfiguration": {"EgressType": "VPC", "VpcConnectorArn": arn}},
    })

package io.github.cdk_apprunner_vpc_connector.tests;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cdk_apprunner_vpc_connector.VpcConnector;
import io.github.cdk_apprunner_vpc_connector.VpcConnectorProps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;

/**
 * Bad input from Java: a JavaScript Error reaches Java as a RuntimeException that carries its message
 * (src/vpc-connector.ts). Each test asserts the distinctive parts: the rule, with the prop's name, and the bad value.
 */
class ErrorsTest extends StackWithVpc {
    private static void assertFailsWith(final Executable executable, final String... parts) {
        RuntimeException error = assertThrows(RuntimeException.class, executable);
        String message = String.valueOf(error.getMessage());
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "'" + part + "' not in: " + message);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "-leading-hyphen", "has space"})
    void failsWhenTheNameIsInvalid(final String name) {
        assertFailsWith(() -> VpcConnector.Builder.create(stack, "C").vpc(vpc).vpcConnectorName(name).build(),
                "`vpcConnectorName(…)` must be 4 to 40 characters",
                "'" + name + "' (" + name.length() + " characters)");
    }

    @Test
    void failsWhenTheSubnetsAreInTwoVpcs() {
        Vpc other = Vpc.Builder.create(stack, "Other").build();

        assertFailsWith(() -> VpcConnector.Builder.create(stack, "C")
                        .subnets(java.util.List.of(vpc.getPrivateSubnets().get(0), other.getPrivateSubnets().get(0)))
                        .build(),
                "[Stack/C] `subnets(…)` must all be in one VPC, got: 2 VPCs", "Stack/Other (Stack/Other/PrivateSubnet1)");
    }

    @Test
    void failsWhenNeitherSubnetsNorVpcIsGiven() {
        assertFailsWith(() -> new VpcConnector(stack, "C", VpcConnectorProps.builder().build()),
                "[Stack/C] `subnets(…)` or `vpc(…)` must be given", "neither");
    }

    @Test
    void failsWhenVpcSubnetsIsCombinedWithSubnets() {
        assertFailsWith(() -> VpcConnector.Builder.create(stack, "C")
                        .vpc(vpc)
                        .subnets(vpc.getPrivateSubnets())
                        .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
                        .build(),
                "`subnets(…)` and `vpcSubnets(…)` cannot both be given",
                "`vpcSubnets(…)` set to {\"subnetType\":\"Private\"} and `vpc(…)`",
                "Keep `subnets(…)` to name the subnets (with `vpc(…)` for their VPC) and drop `vpcSubnets(…)`");
    }

    @Test
    void failsWhenAllowAllOutboundIsCombinedWithSecurityGroups() {
        SecurityGroup group = SecurityGroup.Builder.create(stack, "Group").vpc(vpc).build();

        assertFailsWith(() -> VpcConnector.Builder.create(stack, "C")
                        .vpc(vpc)
                        .securityGroups(java.util.List.of(group))
                        .allowAllOutbound(false)
                        .build(),
                "`allowAllOutbound(…)` applies only to the security group this construct creates",
                "`allowAllOutbound(…)` set to false with 1 given `securityGroups(…)`");
    }

    @Test
    void failsAtSynthWhenASecurityGroupOfAnotherVpcIsAdded() {
        VpcConnector connector = VpcConnector.Builder.create(stack, "C").vpc(vpc).build();
        Vpc other = Vpc.Builder.create(stack, "Other").build();
        connector.getConnections().addSecurityGroup(SecurityGroup.Builder.create(stack, "Foreign").vpc(other).build());

        assertFailsWith(() -> Template.fromStack(stack),
                "[Stack/C] A security group added with `connections.addSecurityGroup()` must be in the VPC of the subnets (Stack/Vpc)",
                "Stack/Foreign");
    }

    @Test
    void failsWhenTheArnIsNotAVpcConnectorArn() {
        String arn = "arn:aws:apprunner:eu-west-1:123456789012:service/my-service/0123456789abcdef";

        assertFailsWith(() -> VpcConnector.fromVpcConnectorArn(stack, "Imported", arn),
                "`vpcConnectorArn(…)` must be a VPC connector ARN", "'" + arn + "'",
                "arn:<partition>:apprunner:<region>:<account>:vpcconnector/<name>/<revision>/<id>");
    }
}

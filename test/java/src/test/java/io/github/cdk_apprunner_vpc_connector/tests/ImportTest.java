package io.github.cdk_apprunner_vpc_connector.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cdk_apprunner_vpc_connector.IVpcConnector;
import io.github.cdk_apprunner_vpc_connector.VpcConnector;
import io.github.cdk_apprunner_vpc_connector.VpcConnectorAttributes;
import io.github.cdk_apprunner_vpc_connector.VpcConnectorBase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SecurityGroupImportOptions;

/** Importing an existing VPC connector from Java: the parsed attributes, and connections. */
class ImportTest {
    private static final String ARN =
            "arn:aws:apprunner:eu-west-1:123456789012:vpcconnector/my-service-connector/7/0123456789abcdef0123456789abcdef";

    private Stack stack;

    @BeforeEach
    void setUp() {
        stack = new Stack(new App(), "Stack");
    }

    /** The aws-cdk-lib on the class path, from its jar's manifest: 2.224.0 unless the pom's property is overridden. */
    private static final String AWS_CDK_LIB_VERSION = App.class.getPackage().getImplementationVersion();

    @Test
    void fromVpcConnectorArnParsesTheNameRevisionAccountAndRegion() {
        // WHEN
        IVpcConnector imported = VpcConnector.fromVpcConnectorArn(stack, "Imported", ARN);

        // THEN
        assertEquals(ARN, imported.getVpcConnectorArn());
        assertEquals("my-service-connector", imported.getVpcConnectorName());
        assertEquals(7, imported.getVpcConnectorRevision().intValue());
        assertEquals("123456789012", imported.getEnv().getAccount());
        assertEquals("eu-west-1", imported.getEnv().getRegion());
        assertTrue(imported.getConnections().getSecurityGroups().isEmpty());
        assertEquals(ARN, imported.getVpcConnectorRef().getVpcConnectorArn());
        assertFalse(VpcConnector.isVpcConnector(imported));
        Template.fromStack(stack).resourceCountIs("AWS::AppRunner::VpcConnector", 0);
    }

    @Test
    void fromVpcConnectorAttributesWithSecurityGroups() {
        // GIVEN
        ISecurityGroup group = SecurityGroup.fromSecurityGroupId(stack, "Group", "sg-0123456789abcdef0",
                SecurityGroupImportOptions.builder().allowAllOutbound(false).build());
        ISecurityGroup database = SecurityGroup.fromSecurityGroupId(stack, "Database", "sg-0fedcba9876543210");

        // WHEN
        IVpcConnector imported = VpcConnector.fromVpcConnectorAttributes(stack, "Imported", VpcConnectorAttributes.builder()
                .vpcConnectorArn(ARN)
                .vpcConnectorRevision(9)
                .securityGroups(List.of(group))
                .build());
        imported.getConnections().allowTo(database, Port.tcp(5432));

        // THEN
        assertEquals("my-service-connector", imported.getVpcConnectorName());
        assertEquals(9, imported.getVpcConnectorRevision().intValue());
        assertEquals(List.of("sg-0123456789abcdef0"),
                imported.getConnections().getSecurityGroups().stream().map(ISecurityGroup::getSecurityGroupId).toList());
        Template.fromStack(stack).hasResourceProperties("AWS::EC2::SecurityGroupEgress", Map.of(
                "GroupId", "sg-0123456789abcdef0",
                "DestinationSecurityGroupId", "sg-0fedcba9876543210",
                "FromPort", 5432,
                "ToPort", 5432));
    }

    /**
     * aws-cdk-lib 2.224.0 to 2.233.x give both IResource and IVpcConnectorRef a default getNode() and getEnv() in
     * Java, so through an IVpcConnector proxy alone the JVM finds two of each and throws AbstractMethodError. An
     * imported connector reaches Java as an instance of the class VpcConnectorBase, which has its own: this holds on
     * the whole peer range (test:java runs the suite on the lowest and the latest aws-cdk-lib).
     */
    @Test
    void nodeAndEnvOfAnImportedConnector() {
        assertNotNull(AWS_CDK_LIB_VERSION, "no Implementation-Version in the aws-cdk-lib jar's manifest");
        IVpcConnector imported = VpcConnector.fromVpcConnectorArn(stack, "Imported", ARN);

        assertTrue(imported instanceof VpcConnectorBase, "an imported connector is a VpcConnectorBase");
        assertEquals("Stack/Imported", imported.getNode().getPath());
        assertEquals("123456789012", imported.getEnv().getAccount());
        assertEquals("eu-west-1", imported.getEnv().getRegion());
    }
}

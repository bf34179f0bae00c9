package io.github.cdk_apprunner_vpc_connector.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cdk_apprunner_vpc_connector.IVpcConnector;
import io.github.cdk_apprunner_vpc_connector.VpcConnector;
import io.github.cdk_apprunner_vpc_connector.VpcConnectorAttributes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.interfaces.ResourceEnvironment;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SecurityGroupImportOptions;
import software.amazon.jsii.Kernel;
import software.amazon.jsii.NativeType;

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

    /**
     * {@code connector.getEnv()}, read the way the generated Java code reads it, so that this also works where
     * {@link #nodeAndEnvOfAnImportedConnectorNeedAwsCdkLib2_234} shows that the call itself fails.
     */
    private static ResourceEnvironment envOf(final IVpcConnector connector) {
        return Kernel.get(connector, "env", NativeType.forClass(ResourceEnvironment.class));
    }

    @Test
    void fromVpcConnectorArnParsesTheNameRevisionAccountAndRegion() {
        // WHEN
        IVpcConnector imported = VpcConnector.fromVpcConnectorArn(stack, "Imported", ARN);

        // THEN
        assertEquals(ARN, imported.getVpcConnectorArn());
        assertEquals("my-service-connector", imported.getVpcConnectorName());
        assertEquals(7, imported.getVpcConnectorRevision().intValue());
        assertEquals("123456789012", envOf(imported).getAccount());
        assertEquals("eu-west-1", envOf(imported).getRegion());
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
     * A known limitation of Java with aws-cdk-lib before 2.234.0 (README, "Install"): the Java classes of those
     * releases give both IResource and IVpcConnectorRef a default getNode() and getEnv(), so for an imported
     * connector (an IVpcConnector proxy, which implements both) the JVM finds two implementations of each and throws
     * AbstractMethodError. 2.234.0 dropped them. A created VpcConnector is a class and is not affected. This test
     * pins what a Java user sees on each side of 2.234.0; run the suite with -Daws-cdk-lib.version=2.234.0 (or later)
     * for the other side.
     */
    @Test
    void nodeAndEnvOfAnImportedConnectorNeedAwsCdkLib2_234() {
        assertNotNull(AWS_CDK_LIB_VERSION, "no Implementation-Version in the aws-cdk-lib jar's manifest");
        IVpcConnector imported = VpcConnector.fromVpcConnectorArn(stack, "Imported", ARN);

        if (Integer.parseInt(AWS_CDK_LIB_VERSION.split("\\.")[1]) < 234) {
            assertThrows(AbstractMethodError.class, imported::getNode);
            assertThrows(AbstractMethodError.class, imported::getEnv);
        } else {
            assertEquals("Stack/Imported", imported.getNode().getPath());
            assertEquals("123456789012", imported.getEnv().getAccount());
            assertEquals("eu-west-1", imported.getEnv().getRegion());
        }
    }
}

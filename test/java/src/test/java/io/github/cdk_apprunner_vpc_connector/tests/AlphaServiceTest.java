package io.github.cdk_apprunner_vpc_connector.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.myorg.AlphaVpcConnector;
import io.github.cdk_apprunner_vpc_connector.VpcConnector;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.apprunner.alpha.EcrPublicProps;
import software.amazon.awscdk.services.apprunner.alpha.IVpcConnector;
import software.amazon.awscdk.services.apprunner.alpha.Service;
import software.amazon.awscdk.services.apprunner.alpha.Source;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;

/**
 * Our connector with aws-apprunner-alpha's Service (software.amazon.awscdk:apprunner-alpha), through the alpha's own
 * IVpcConnector: Java checks an interface by its name, so our VpcConnector is not one (the README's "With the alpha
 * Service" shows com.myorg.AlphaVpcConnector, which makes one from the connector's attributes).
 */
class AlphaServiceTest extends StackWithVpc {
    private static final String IMAGE = "public.ecr.aws/aws-containers/hello-app-runner:latest";

    private Service service(final IVpcConnector vpcConnector) {
        return Service.Builder.create(stack, "Service")
                .source(Source.fromEcrPublic(EcrPublicProps.builder().imageIdentifier(IMAGE).build()))
                .vpcConnector(vpcConnector)
                .build();
    }

    private Map<String, Object> getAtt(final String logicalId, final String attribute) {
        return Map.of("Fn::GetAtt", List.of(logicalId, attribute));
    }

    private String logicalId(final software.constructs.IConstruct resource) {
        return (String) stack.resolve(stack.getLogicalId((software.amazon.awscdk.CfnElement) resource));
    }

    @Test
    void theReadmeShowsThisHelper() throws IOException {
        Readme.assertShowsFile("src/main/java/com/myorg/AlphaVpcConnector.java",
                "the README's alpha Service section must show the helper this suite tests");
    }

    @Test
    void ourConnectorIsNotTheAlphasInterface() {
        VpcConnector connector = VpcConnector.Builder.create(stack, "VpcConnector").vpc(vpc).build();

        assertFalse(connector instanceof IVpcConnector, "VpcConnector is an alpha IVpcConnector: the README says it is not");
    }

    @Test
    void theAlphaServiceEgressesThroughTheConnector() {
        // GIVEN
        VpcConnector connector = VpcConnector.Builder.create(stack, "VpcConnector").vpc(vpc).build();

        // WHEN
        service(AlphaVpcConnector.of(stack, "AlphaVpcConnector", connector));

        // THEN the service gets our connector's ARN, and there is no other connector
        Template template = Template.fromStack(stack);
        String connectorId = logicalId(connector.getNode().getDefaultChild());
        template.hasResourceProperties("AWS::AppRunner::Service", Map.of(
                "NetworkConfiguration", Map.of("EgressConfiguration", Map.of(
                        "EgressType", "VPC",
                        "VpcConnectorArn", getAtt(connectorId, "VpcConnectorArn")))));
        template.resourceCountIs("AWS::AppRunner::VpcConnector", 1);
    }

    @Test
    void rulesMadeThroughTheAlphasConnectionsAreOnTheConnectorsGroup() {
        // GIVEN
        VpcConnector connector = VpcConnector.Builder.create(stack, "VpcConnector").vpc(vpc).allowAllOutbound(false).build();
        SecurityGroup database = SecurityGroup.Builder.create(stack, "Database").vpc(vpc).allowAllOutbound(false).build();
        IVpcConnector alphaConnector = AlphaVpcConnector.of(stack, "AlphaVpcConnector", connector);
        service(alphaConnector);

        // WHEN
        alphaConnector.getConnections().allowTo(database, Port.tcp(5432), "App Runner to PostgreSQL");

        // THEN the egress rule is on the connector's own group, the ingress rule on the database's, from it
        List<ISecurityGroup> groups = connector.getConnections().getSecurityGroups();
        assertEquals(1, groups.size());
        String groupId = logicalId(groups.get(0).getNode().getDefaultChild());
        String databaseId = logicalId(database.getNode().getDefaultChild());
        Template template = Template.fromStack(stack);
        template.hasResourceProperties("AWS::EC2::SecurityGroupEgress", Map.of(
                "GroupId", getAtt(groupId, "GroupId"),
                "DestinationSecurityGroupId", getAtt(databaseId, "GroupId"),
                "FromPort", 5432,
                "ToPort", 5432));
        template.hasResourceProperties("AWS::EC2::SecurityGroupIngress", Map.of(
                "GroupId", getAtt(databaseId, "GroupId"),
                "SourceSecurityGroupId", getAtt(groupId, "GroupId"),
                "FromPort", 5432,
                "ToPort", 5432));
    }

    @Test
    void theAlphaConnectorHasTheGroupsTheConnectorHadWhenItWasMade() {
        // GIVEN
        VpcConnector connector = VpcConnector.Builder.create(stack, "VpcConnector").vpc(vpc).build();
        IVpcConnector alphaConnector = AlphaVpcConnector.of(stack, "AlphaVpcConnector", connector);

        // WHEN a group is added to the connector afterwards
        connector.getConnections().addSecurityGroup(SecurityGroup.Builder.create(stack, "Later").vpc(vpc).build());

        // THEN the alpha connector does not have it (the README says to make it after the last addSecurityGroup)
        assertEquals(2, connector.getConnections().getSecurityGroups().size());
        List<ISecurityGroup> alphaGroups = alphaConnector.getConnections().getSecurityGroups();
        assertEquals(1, alphaGroups.size());
        assertEquals("Stack/VpcConnector/SecurityGroup", alphaGroups.get(0).getNode().getPath());
    }
}

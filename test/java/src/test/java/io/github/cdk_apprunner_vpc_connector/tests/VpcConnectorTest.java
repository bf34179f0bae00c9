package io.github.cdk_apprunner_vpc_connector.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cdk_apprunner_vpc_connector.VpcConnector;
import io.github.cdk_apprunner_vpc_connector.VpcConnectorProps;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.apprunner.CfnVpcConnector;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;

/** A VpcConnector created from Java: the template it synthesizes, explicit subnets and groups, its connections. */
class VpcConnectorTest extends StackWithVpc {
    private static final String GROUP_DESCRIPTION = "^App Runner VPC connector group, replaced with its connector \\(configuration [0-9a-f]{12}\\)$";

    private List<Object> subnetIds(final List<ISubnet> subnets) {
        return subnets.stream().map(subnet -> stack.resolve(subnet.getSubnetId())).collect(Collectors.toList());
    }

    private Object groupId(final ISecurityGroup group) {
        return stack.resolve(group.getSecurityGroupId());
    }

    @Test
    void defaultConnectorIsInThePrivateSubnetsWithANewGroupThatAllowsAllOutbound() {
        // WHEN
        VpcConnector connector = new VpcConnector(stack, "C", VpcConnectorProps.builder().vpc(vpc).build());

        // THEN
        Template template = Template.fromStack(stack);
        template.resourceCountIs("AWS::AppRunner::VpcConnector", 1);
        template.resourceCountIs("AWS::EC2::SecurityGroup", 1);
        List<ISecurityGroup> groups = connector.getConnections().getSecurityGroups();
        assertEquals(1, groups.size());
        assertEquals("Stack/C/SecurityGroup", groups.get(0).getNode().getPath());
        List<Object> privateSubnets = subnetIds(vpc.getPrivateSubnets());
        assertEquals(2, privateSubnets.size());
        template.hasResourceProperties("AWS::AppRunner::VpcConnector", Map.of(
                "Subnets", privateSubnets,
                "SecurityGroups", List.of(groupId(groups.get(0))),
                "VpcConnectorName", Match.absent()));
        template.hasResourceProperties("AWS::EC2::SecurityGroup", Map.of(
                "GroupDescription", Match.stringLikeRegexp(GROUP_DESCRIPTION),
                "VpcId", stack.resolve(vpc.getVpcId()),
                "SecurityGroupEgress", List.of(Map.of(
                        "CidrIp", "0.0.0.0/0",
                        "IpProtocol", "-1",
                        "Description", "Allow all outbound traffic by default"))));

        // The L1 child is named "Resource", and the attributes are its attributes.
        CfnVpcConnector resource = (CfnVpcConnector) connector.getNode().getDefaultChild();
        assertEquals("Resource", resource.getNode().getId());
        String logicalId = stack.getLogicalId(resource);
        assertEquals(Map.of("Fn::GetAtt", List.of(logicalId, "VpcConnectorArn")), stack.resolve(connector.getVpcConnectorArn()));
        assertEquals(Map.of("Fn::GetAtt", List.of(logicalId, "VpcConnectorRevision")),
                stack.resolve(connector.getVpcConnectorRevision()));
        assertEquals(Map.of("Fn::GetAtt", List.of(logicalId, "VpcConnectorArn")),
                stack.resolve(connector.getVpcConnectorRef().getVpcConnectorArn()));
    }

    @Test
    void explicitSubnetsGroupsAndName() {
        // GIVEN
        SecurityGroup first = SecurityGroup.Builder.create(stack, "First").vpc(vpc).build();
        SecurityGroup second = SecurityGroup.Builder.create(stack, "Second").vpc(vpc).build();

        // WHEN
        VpcConnector connector = VpcConnector.Builder.create(stack, "C")
                .subnets(vpc.getPrivateSubnets())
                .securityGroups(List.of(first))
                .uniqueSecurityGroupSet(false)
                .vpcConnectorName("my-service-connector")
                .build();
        connector.getConnections().addSecurityGroup(second);

        // THEN no group is created (the set is kept as given), and the one added through connections is in the template
        Template template = Template.fromStack(stack);
        template.resourceCountIs("AWS::EC2::SecurityGroup", 2);
        template.hasResourceProperties("AWS::AppRunner::VpcConnector", Map.of(
                "Subnets", subnetIds(vpc.getPrivateSubnets()),
                "SecurityGroups", List.of(groupId(first), groupId(second)),
                "VpcConnectorName", "my-service-connector"));
        assertEquals("my-service-connector", connector.getVpcConnectorName());
    }

    @Test
    void subnetSelectionFromTheVpc() {
        // GIVEN a VPC with private subnets of two kinds
        Vpc tiered = Vpc.Builder.create(stack, "Tiered").maxAzs(2).subnetConfiguration(List.of(
                SubnetConfiguration.builder().name("Public").subnetType(SubnetType.PUBLIC).build(),
                SubnetConfiguration.builder().name("App").subnetType(SubnetType.PRIVATE_WITH_EGRESS).build(),
                SubnetConfiguration.builder().name("Data").subnetType(SubnetType.PRIVATE_ISOLATED).build())).build();

        // WHEN
        VpcConnector.Builder.create(stack, "C")
                .vpc(tiered)
                .vpcSubnets(SubnetSelection.builder().subnetGroupName("Data").build())
                .build();

        // THEN the connector is in the isolated subnets only
        List<Object> isolated = subnetIds(tiered.getIsolatedSubnets());
        assertEquals(2, isolated.size());
        Template.fromStack(stack).hasResourceProperties("AWS::AppRunner::VpcConnector", Map.of("Subnets", isolated));
    }

    @Test
    void allowToADatabaseAddsTheEgressAndIngressRules() {
        // GIVEN
        SecurityGroup database = SecurityGroup.Builder.create(stack, "Database").vpc(vpc).allowAllOutbound(false).build();
        VpcConnector connector = VpcConnector.Builder.create(stack, "C").vpc(vpc).allowAllOutbound(false).build();

        // WHEN
        connector.getConnections().allowTo(database, Port.tcp(5432), "App Runner to PostgreSQL");

        // THEN the database admits the connector's group on 5432, and the connector's group allows exactly that
        Object group = groupId(connector.getConnections().getSecurityGroups().get(0));
        Template template = Template.fromStack(stack);
        template.hasResourceProperties("AWS::EC2::SecurityGroupIngress", Map.of(
                "GroupId", groupId(database),
                "SourceSecurityGroupId", group,
                "IpProtocol", "tcp",
                "FromPort", 5432,
                "ToPort", 5432,
                "Description", "App Runner to PostgreSQL"));
        template.hasResourceProperties("AWS::EC2::SecurityGroupEgress", Map.of(
                "GroupId", group,
                "DestinationSecurityGroupId", groupId(database),
                "IpProtocol", "tcp",
                "FromPort", 5432,
                "ToPort", 5432));
        template.hasResourceProperties("AWS::EC2::SecurityGroup", Map.of(
                "GroupDescription", Match.stringLikeRegexp(GROUP_DESCRIPTION),
                "SecurityGroupEgress", Match.absent()));
        assertTrue(VpcConnector.isVpcConnector(connector));
    }
}

package com.myorg;

import io.github.cdk_apprunner_vpc_connector.VpcConnector;
import software.amazon.awscdk.services.apprunner.alpha.IVpcConnector;
import software.amazon.awscdk.services.apprunner.alpha.VpcConnectorAttributes;
import software.constructs.Construct;

public final class AlphaVpcConnector {
    private AlphaVpcConnector() {
    }

    /** The connector as the alpha module's IVpcConnector: its ARN, name, revision and security groups. */
    public static IVpcConnector of(final Construct scope, final String id, final VpcConnector connector) {
        return software.amazon.awscdk.services.apprunner.alpha.VpcConnector.fromVpcConnectorAttributes(scope, id,
                VpcConnectorAttributes.builder()
                        .vpcConnectorArn(connector.getVpcConnectorArn())
                        .vpcConnectorName(connector.getVpcConnectorName())
                        .vpcConnectorRevision(connector.getVpcConnectorRevision())
                        .securityGroups(connector.getConnections().getSecurityGroups())
                        .build());
    }
}

package io.github.cdk_apprunner_vpc_connector.tests;

import org.junit.jupiter.api.BeforeEach;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.Vpc;

/**
 * A fresh environment-agnostic stack with a default VPC (two AZs, public and private-with-egress subnets) for each
 * test; JUnit 5 runs a superclass's {@code @BeforeEach} before the test class's own.
 */
abstract class StackWithVpc {
    protected Stack stack;
    protected Vpc vpc;

    @BeforeEach
    void createStackWithVpc() {
        stack = new Stack(new App(), "Stack");
        vpc = Vpc.Builder.create(stack, "Vpc").build();
    }
}

package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/jsii-runtime-go"
)

// newStack gives each test a fresh app and stack, and a VPC in it: two AZs (an environment-agnostic stack),
// public and private-with-egress subnets.
func newStack() (awscdk.Stack, awsec2.Vpc) {
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Stack"), nil)
	return stack, awsec2.NewVpc(stack, jsii.String("Vpc"), nil)
}

func subnetIDs(stack awscdk.Stack, subnets *[]awsec2.ISubnet) []interface{} {
	ids := []interface{}{}
	for _, subnet := range *subnets {
		ids = append(ids, stack.Resolve(subnet.SubnetId()))
	}
	return ids
}

func groupID(stack awscdk.Stack, group awsec2.ISecurityGroup) interface{} {
	return stack.Resolve(group.SecurityGroupId())
}

// panicMessage runs f and returns the message of its panic, or "" if it did not panic. An error thrown in
// JavaScript (a failed assertion of the assertions module, a validation error of the construct) reaches Go as a
// panic.
func panicMessage(f func()) (message string) {
	defer func() {
		if r := recover(); r != nil {
			message = fmt.Sprint(r)
			if message == "" {
				message = fmt.Sprintf("panic with an empty message: %#v", r)
			}
		}
	}()
	f()
	return ""
}

// check runs f, an assertion of the assertions module, and fails the test with its message if it panics (instead of
// ending the test binary).
func check(t *testing.T, f func()) {
	t.Helper()
	if message := panicMessage(f); message != "" {
		t.Fatal(message)
	}
}

// assertPanics checks that f panics with a message that contains each of parts.
func assertPanics(t *testing.T, f func(), parts ...string) {
	t.Helper()
	message := panicMessage(f)
	if message == "" {
		t.Fatal("expected a panic, got none")
	}
	for _, part := range parts {
		if !strings.Contains(message, part) {
			t.Errorf("%q not in the message: %s", part, message)
		}
	}
}

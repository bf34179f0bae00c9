// The Go suite (`npm run test:go`, test/go/run.sh): a Go module that uses the module jsii-pacmak builds into
// dist/go (through the replace directive below), with aws-cdk-go at our peer minimum from the Go module proxy.
module github.com/cdk-apprunner-vpc-connector/cdk-apprunner-vpc-connector/test/go

go 1.25.0

require (
	github.com/aws/aws-cdk-go/awscdk/v2 v2.224.0
	github.com/aws/aws-cdk-go/awscdkapprunneralpha/v2 v2.207.0-alpha.0
	github.com/aws/jsii-runtime-go v1.140.0
	github.com/cdk-apprunner-vpc-connector/cdk-apprunner-vpc-connector-go/cdkapprunnervpcconnector v0.0.0
)

require (
	github.com/Masterminds/semver/v3 v3.5.0 // indirect
	github.com/aws/constructs-go/constructs/v10 v10.4.2 // indirect
	github.com/cdklabs/awscdk-asset-awscli-go/awscliv1/v2 v2.2.242 // indirect
	github.com/cdklabs/awscdk-asset-node-proxy-agent-go/nodeproxyagentv6/v2 v2.1.3 // indirect
	github.com/cdklabs/cloud-assembly-schema-go/awscdkcloudassemblyschema/v48 v48.20.0 // indirect
	github.com/fatih/color v1.19.0 // indirect
	github.com/mattn/go-colorable v0.1.14 // indirect
	github.com/mattn/go-isatty v0.0.24 // indirect
	github.com/yuin/goldmark v1.7.16 // indirect
	golang.org/x/lint v0.0.0-20241112194109-818c5a804067 // indirect
	golang.org/x/mod v0.39.0 // indirect
	golang.org/x/sync v0.22.0 // indirect
	golang.org/x/sys v0.47.0 // indirect
	golang.org/x/telemetry v0.0.0-20260811182544-a038080d80e5 // indirect
	golang.org/x/tools v0.49.0 // indirect
	golang.org/x/tools/cmd/godoc v0.1.0-deprecated // indirect
	golang.org/x/tools/godoc v0.1.0-deprecated // indirect
)

// The alpha Service tests (alpha_test.go): run.sh generates this module from the npm package @aws-cdk/aws-apprunner-alpha.
replace github.com/aws/aws-cdk-go/awscdkapprunneralpha/v2 => ../../dist/go/awscdkapprunneralpha

replace github.com/cdk-apprunner-vpc-connector/cdk-apprunner-vpc-connector-go/cdkapprunnervpcconnector => ../../dist/go/cdkapprunnervpcconnector

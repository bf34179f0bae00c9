package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/aws/jsii-runtime-go"
)

// The test binary doubles as the README example program: TestReadmeExample runs it again with this variable set,
// and TestMain then runs main() instead of the tests.
const runReadmeExample = "CDK_APPRUNNER_VPC_CONNECTOR_RUN_README_EXAMPLE"

func TestMain(m *testing.M) {
	if os.Getenv(runReadmeExample) == "1" {
		main()
		return
	}
	code := m.Run()
	jsii.Close()
	os.Exit(code)
}

func readTemplate(t *testing.T, path string) map[string]interface{} {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var template map[string]interface{}
	if err := json.Unmarshal(data, &template); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return template
}

func resourcesOfType(template map[string]interface{}, resourceType string) map[string]interface{} {
	found := map[string]interface{}{}
	resources, _ := template["Resources"].(map[string]interface{})
	for id, resource := range resources {
		if resource.(map[string]interface{})["Type"] == resourceType {
			found[id] = resource
		}
	}
	return found
}

// The README's first example ("A connector in the private subnets of a VPC"), translated to Go: the README's Go usage
// is the program in main.go.
func TestReadmeShowsThisProgram(t *testing.T) {
	readmePath := "../../README.md"
	if path := os.Getenv("README_PATH"); path != "" {
		readmePath = path // run.sh's copy of this suite runs elsewhere
	}
	readme, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	program, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "```go\n"+string(program)+"```\n") {
		t.Error("README.md has no ```go block that is test/go/main.go: the README's Go example must be the program this suite runs")
	}
}

// main.go synthesizes the same template as the TypeScript example. run.sh runs the TypeScript one
// (test/java/synth-readme-example.js) and passes the path of its template in README_EXAMPLE_TS_TEMPLATE.
func TestReadmeExample(t *testing.T) {
	expectedPath := os.Getenv("README_EXAMPLE_TS_TEMPLATE")
	if expectedPath == "" {
		t.Fatal("README_EXAMPLE_TS_TEMPLATE is not set: run this suite with `npm run test:go`")
	}
	expected := readTemplate(t, expectedPath)

	// WHEN the program runs as `cdk synth` runs an app: CDK_OUTDIR tells `awscdk.NewApp` where to write
	outdir := t.TempDir()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), runReadmeExample+"=1", "CDK_OUTDIR="+outdir)
	if output, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the Go example failed: %v\n%s", err, output)
	}
	actual := readTemplate(t, filepath.Join(outdir, "AppRunnerService.template.json"))

	// THEN the connector (and its security group) are the TypeScript example's, and so is the whole template
	connectors := resourcesOfType(actual, "AWS::AppRunner::VpcConnector")
	if len(connectors) != 1 {
		t.Fatalf("expected 1 VPC connector, got %d", len(connectors))
	}
	for _, resourceType := range []string{"AWS::AppRunner::VpcConnector", "AWS::EC2::SecurityGroup"} {
		if want, got := resourcesOfType(expected, resourceType), resourcesOfType(actual, resourceType); !reflect.DeepEqual(want, got) {
			t.Errorf("%s differs from the TypeScript example's:\n want %v\n got  %v", resourceType, want, got)
		}
	}
	if !reflect.DeepEqual(expected, actual) {
		t.Error("the template differs from the TypeScript example's")
	}
}

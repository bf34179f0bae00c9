package io.github.cdk_apprunner_vpc_connector.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.myorg.AppRunnerServiceApp;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Template;

/**
 * The README's first example ("A connector in the private subnets of a VPC"), translated to Java: the README's Java
 * usage is the program com.myorg.AppRunnerServiceApp (src/main/java), and it synthesizes the same template as the
 * TypeScript example. run.sh runs the TypeScript one (test/java/synth-readme-example.js) and passes the path of its
 * template in README_EXAMPLE_TS_TEMPLATE.
 */
class ReadmeExampleTest {
    private static final String STACK = "AppRunnerService";
    private static final String CONNECTOR = "AWS::AppRunner::VpcConnector";

    /** Runs the program in a JVM of its own, as `cdk synth` runs an app: CDK_OUTDIR tells `new App()` where to write. */
    private static Path synthesize(final Path outdir) throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, AppRunnerServiceApp.class.getName());
        builder.environment().put("CDK_OUTDIR", outdir.toString());
        builder.redirectErrorStream(true);
        builder.redirectOutput(outdir.resolveSibling("example.log").toFile());
        Process process = builder.start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the Java example did not finish in 5 minutes");
        String log = Files.readString(outdir.resolveSibling("example.log"), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), () -> "the Java example failed:\n" + log);
        return outdir.resolve(STACK + ".template.json");
    }

    private static Map<String, Object> parse(final Path template) throws IOException {
        return Template.fromString(Files.readString(template, StandardCharsets.UTF_8)).toJSON();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resourcesOfType(final Map<String, Object> template, final String type) {
        Map<String, Object> resources = (Map<String, Object>) template.get("Resources");
        return resources.entrySet().stream()
                .filter(entry -> type.equals(((Map<String, Object>) entry.getValue()).get("Type")))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Test
    void theReadmeShowsThisProgram() throws IOException {
        Readme.assertShowsFile("src/main/java/com/myorg/AppRunnerServiceApp.java",
                "the README's Java example must be the program this suite runs");
    }

    @Test
    void synthesizesTheSameTemplateAsTheTypeScriptExample(@TempDir final Path scratch) throws Exception {
        String expectedPath = System.getenv("README_EXAMPLE_TS_TEMPLATE");
        assertNotNull(expectedPath, "README_EXAMPLE_TS_TEMPLATE is not set: run this suite with `npm run test:java`");
        Map<String, Object> expected = parse(new File(expectedPath).toPath());

        // WHEN
        Map<String, Object> actual = parse(synthesize(Files.createDirectory(scratch.resolve("cdk.out"))));

        // THEN the connector (and its security group) are the TypeScript example's, and so is the whole template
        Map<String, Object> connectors = resourcesOfType(actual, CONNECTOR);
        assertEquals(1, connectors.size(), () -> "connectors: " + connectors.keySet());
        assertEquals(resourcesOfType(expected, CONNECTOR), connectors);
        assertEquals(resourcesOfType(expected, "AWS::EC2::SecurityGroup"), resourcesOfType(actual, "AWS::EC2::SecurityGroup"));
        assertEquals(expected, actual);
    }
}

package io.github.cdk_apprunner_vpc_connector.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

/** The README, read from the repository (Surefire runs in the module's directory, test/java). */
final class Readme {
    private Readme() {
    }

    /** Fails unless README.md has a ```java block that is exactly the file at {@code path} (relative to test/java). */
    static void assertShowsFile(final String path, final String why) throws IOException {
        String readme = Files.readString(Paths.get("../../README.md"), StandardCharsets.UTF_8);
        String file = Files.readString(Paths.get(path), StandardCharsets.UTF_8);
        assertTrue(readme.contains("```java\n" + file + "```\n"),
                "README.md has no ```java block that is test/java/" + path + ": " + why);
    }
}

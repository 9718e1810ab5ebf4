package org.calorimeter.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The JVM options of submit/ scripts and of surefire's argLine are one list: they must not drift apart. */
class JavaOptionsTest {
    @Test
    void submitScriptsAndSurefireUseTheSameSparkModuleOptions() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> script = Files.readAllLines(root.resolve("submit/java-options")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        Matcher m = Pattern.compile("<spark.jvm.options>(.*?)</spark.jvm.options>", Pattern.DOTALL)
                .matcher(Files.readString(root.resolve("pom.xml")));
        m.find();
        List<String> pom = Arrays.asList(m.group(1).strip().split("\\s+"));
        assertEquals(script, pom);
        assertEquals("-XX:+IgnoreUnrecognizedVMOptions", script.get(0), "must come first on Java 17");
    }
}

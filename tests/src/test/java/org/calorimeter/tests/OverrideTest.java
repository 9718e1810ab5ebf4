package org.calorimeter.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.calorimeter.core.config.ConfigLoader;
import org.calorimeter.jobs.Main;
import org.calorimeter.jobs.Sessions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --set key=value} overrides land in the resolved config and its hash (the same as editing the file), and a
 * rerun of a finished sweep says it is complete without starting Spark.
 */
class OverrideTest {
    @TempDir
    Path tmp;

    @Test
    void anOverrideIsPartOfTheConfigAndAFinishedSweepIsComplete() throws Exception {
        Path config = Files.writeString(tmp.resolve("tiny.yaml"), LocalSweepTest.TINY);
        Path out = tmp.resolve("out");
        String[] sweep = {"sweep", config.toString(), "--out", out.toString(), "--master", "local[2]",
            "--set", "grid.replicas=1", "--set=grid.width=[2]"};
        assertEquals(0, Main.execute(sweep));
        String edited = LocalSweepTest.TINY.replace("replicas: 2", "replicas: 1").replace("width: [2, 3]", "width: [2]");
        String hash = ConfigLoader.parse(edited).hash();
        assertEquals(ConfigLoader.load(out.resolve("config.yaml")).hash(), hash, "the recorded config is the edited one");
        assertTrue(Files.readString(out.resolve("run.json")).contains(hash));

        int sessions = Sessions.started();
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.execute(sweep);
        } finally {
            System.setOut(saved);
        }
        String said = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, said);
        assertTrue(said.contains("complete: ") && said.contains("holds all 6 cells") && said.contains("nothing to do"),
                said);
        assertEquals(sessions, Sessions.started(), "no Spark session for a complete sweep");
    }
}

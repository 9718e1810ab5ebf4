package org.calorimeter.core.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.calorimeter.core.kernel.Kernels;
import org.junit.jupiter.api.Test;

/**
 * A cell computed with the SIMD kernels (this JVM) and in a JVM started without jdk.incubator.vector (the scalar
 * fallback, as on an executor launched without the project's options) must be bitwise the same: that is what lets
 * a retried task land on any node. Record toString prints each double in its shortest round-trip form, so equal
 * strings mean equal bits.
 */
class KernelPathTest {
    @Test
    void scalarFallbackJvmReproducesTheSimdCells() throws Exception {
        assertTrue(Kernels.VECTOR, "this JVM should use the SIMD kernels; got " + Kernels.describe());
        List<String> here = KernelPathCells.lines();

        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                KernelPathCells.class.getName()).redirectErrorStream(false).start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish");
        assertEquals(0, p.exitValue(), stderr);
        List<String> there = new ArrayList<>(List.of(stdout.split("\n")));
        assertEquals("kernels=scalar", there.remove(0), "the child must run the scalar fallback");
        assertEquals(2, here.size());
        for (String cell : here) {
            assertTrue(!cell.contains("status=failed") && !cell.contains("status=diverged"), cell);
        }
        assertEquals(here, there);
    }
}

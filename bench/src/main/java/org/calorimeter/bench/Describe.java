package org.calorimeter.bench;

import dev.ludovic.netlib.blas.BLAS;
import org.calorimeter.core.kernel.Kernels;

/** One line for the benchmark table: which kernel path and which BLAS this JVM uses. */
public final class Describe {
    private Describe() {
    }

    public static void main(String[] args) {
        System.out.println("core kernels: " + Kernels.describe() + "; netlib BLAS: "
                + BLAS.getInstance().getClass().getSimpleName() + "; " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version"));
    }
}

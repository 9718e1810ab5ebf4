package org.calorimeter.bench;

import dev.ludovic.netlib.blas.BLAS;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The machine's limit: single-threaded dgemm (n = 1024) through the BLAS the project uses (dev.ludovic.netlib). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@State(Scope.Thread)
public class BlasBench {
    static final int N = 1024;
    double[] a;
    double[] b;
    double[] c;
    BLAS blas;

    @Setup
    public void setup() {
        SplittableRandom r = new SplittableRandom(1);
        a = new double[N * N];
        b = new double[N * N];
        c = new double[N * N];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextGaussian();
            b[i] = r.nextGaussian();
        }
        blas = BLAS.getInstance();
        System.out.println("BLAS implementation: " + blas.getClass().getName());
    }

    /** 2 n^3 flops per call. */
    @Benchmark
    public double dgemm1024() {
        blas.dgemm("N", "N", N, N, N, 1.0, a, N, b, N, 0.0, c, N);
        return c[0];
    }
}

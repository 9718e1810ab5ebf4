package org.calorimeter.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The core's arithmetic ceiling as the JVM reaches it: sixteen independent chains of vector fused multiply-adds in
 * registers (no memory traffic), ITERATIONS x 16 x lanes fmas of 2 flops per call. A kernel that streams its
 * operands from memory can approach this but not pass it; dgemm ({@link BlasBench}) is the ceiling with memory.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@State(Scope.Thread)
public class FmaPeakBench {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    public static final int ITERATIONS = 100_000;
    double x = 0.999999;
    double y = 1e-9;

    /** Flops per call, for the table. */
    public static double flops() {
        return 2.0 * ITERATIONS * 16 * S.length();
    }

    @Benchmark
    public double fma16() {
        DoubleVector m = DoubleVector.broadcast(S, x);
        DoubleVector c = DoubleVector.broadcast(S, y);
        DoubleVector a0 = c;
        DoubleVector a1 = c.add(1);
        DoubleVector a2 = c.add(2);
        DoubleVector a3 = c.add(3);
        DoubleVector a4 = c.add(4);
        DoubleVector a5 = c.add(5);
        DoubleVector a6 = c.add(6);
        DoubleVector a7 = c.add(7);
        DoubleVector a8 = c.add(8);
        DoubleVector a9 = c.add(9);
        DoubleVector a10 = c.add(10);
        DoubleVector a11 = c.add(11);
        DoubleVector a12 = c.add(12);
        DoubleVector a13 = c.add(13);
        DoubleVector a14 = c.add(14);
        DoubleVector a15 = c.add(15);
        for (int i = 0; i < ITERATIONS; i++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
            a8 = a8.fma(m, c);
            a9 = a9.fma(m, c);
            a10 = a10.fma(m, c);
            a11 = a11.fma(m, c);
            a12 = a12.fma(m, c);
            a13 = a13.fma(m, c);
            a14 = a14.fma(m, c);
            a15 = a15.fma(m, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .add(a12).add(a13).add(a14).add(a15).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}

package org.calorimeter.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The allocation floor of the harness: a benchmark that allocates nothing, so that JMH's GC profiler shows what the
 * JVM and JMH themselves allocate per second while a benchmark runs (the hot loops are allocation-free when their
 * gc.alloc.rate matches this one and their gc.alloc.rate.norm is just that rate times their time per op).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class BaselineBench {
    @Benchmark
    public void nothingAllocated() {
        Blackhole.consumeCPU(50_000);
    }
}

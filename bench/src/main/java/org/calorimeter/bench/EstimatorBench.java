package org.calorimeter.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.calorimeter.core.estimator.Autocorrelation;
import org.calorimeter.core.estimator.BlockedMoments;
import org.calorimeter.core.estimator.Equilibration;
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

/** Estimators on a 10^6-long AR(1) trace (rho = 0.9): tau_int (Gamma-method), jackknife moments, equilibration. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Thread)
public class EstimatorBench {
    double[] trace;

    @Setup
    public void setup() {
        SplittableRandom r = new SplittableRandom(1);
        trace = new double[1_000_000];
        double x = 0;
        for (int i = 0; i < trace.length; i++) {
            x = 0.9 * x + r.nextGaussian();
            trace[i] = x;
        }
    }

    @Benchmark
    public double tauInt() {
        return Autocorrelation.of(trace).tauInt();
    }

    @Benchmark
    public double jackknife() {
        BlockedMoments m = new BlockedMoments(trace.length, 1);
        double[] one = new double[1];
        for (int i = 0; i < trace.length; i++) {
            one[0] = trace[i];
            m.add(i, one);
        }
        return BlockedMoments.totalVariance(m.from(0)).value();
    }

    @Benchmark
    public int equilibration() {
        return Equilibration.detect(trace).start();
    }
}

package org.calorimeter.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.calorimeter.core.model.Ising2D;
import org.calorimeter.core.model.IsingPerceptron;
import org.calorimeter.core.model.SpinModel;
import org.calorimeter.core.sampler.MetropolisKernel;
import org.calorimeter.core.sampler.SpinPotential;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Metropolis sweeps: ising-2d L = 64 (4096 attempted flips per sweep) and ising-perceptron N = 64, D = 1024. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SpinBench {
    Chain<SpinModel.State, SpinPotential> ising;
    Chain<SpinModel.State, SpinPotential> perceptron;

    @Setup
    public void setup() {
        Ising2D model = new Ising2D(64);
        ising = new Chain<>(new MetropolisKernel(), model.start(SpinModel.random(4096, new SplittableRandom(1))),
                new SpinPotential(model, 2.269), new SplittableRandom(2));
        IsingPerceptron p = IsingPerceptron.generate(1, 0, 64, 1024, 0.0);
        perceptron = new Chain<>(new MetropolisKernel(), p.start(SpinModel.random(64, new SplittableRandom(3))),
                new SpinPotential(p, 10.0), new SplittableRandom(4));
    }

    /** Attempted flips per second (one sweep = 4096 attempts). */
    @Benchmark
    @OperationsPerInvocation(4096)
    public double isingMetropolisFlips() {
        return ising.step();
    }

    /** Attempted flips per second (one sweep = 64 attempts, each O(D)). */
    @Benchmark
    @OperationsPerInvocation(64)
    public double perceptronMetropolisFlips() {
        return perceptron.step();
    }
}

package org.calorimeter.bench;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.calorimeter.core.config.Family;
import org.calorimeter.core.config.ModelSpec;
import org.calorimeter.core.config.PriorSpec;
import org.calorimeter.core.model.Activation;
import org.calorimeter.core.model.Dataset;
import org.calorimeter.core.model.Model;
import org.calorimeter.core.model.Prior;
import org.calorimeter.core.model.TeacherStudentData;
import org.calorimeter.core.sampler.ContinuousKernel;
import org.calorimeter.core.sampler.HmcKernel;
import org.calorimeter.core.sampler.MalaKernel;
import org.calorimeter.core.sampler.Potential;
import org.calorimeter.core.sampler.SgldKernel;
import org.calorimeter.core.sampler.State;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;

import org.openjdk.jmh.annotations.Warmup;

/**
 * One Langevin step of the production samplers: MALA (full batch D = 256) and SGLD (batch 128 and 256) on the mlp
 * model (input dimension 32, tanh), and MALA on linear and deep-linear [32, 64, 64, 1]. Time per step.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@org.openjdk.jmh.annotations.State(Scope.Thread)
public class LangevinBench {
    @Param({"16", "64", "256", "1024"})
    public int width;

    Chain<State, Potential> mala;
    Chain<State, Potential> hmc;
    Chain<State, Potential> sgld128;
    Chain<State, Potential> sgld256;

    static Chain<State, Potential> chain(ContinuousKernel k, Potential p, long startSeed, long seed) {
        return new Chain<>(k, p.state(start(p.model().dim(), startSeed)), p, new SplittableRandom(seed));
    }

    static Potential potential(ModelSpec spec, int width, int d) {
        Dataset data = TeacherStudentData.generate(1L, 0, spec, d);
        Model model = TeacherStudentData.student(spec, width, data);
        return new Potential(model, new Prior(new PriorSpec(1.0)), 1.0);
    }

    static double[] start(int dim, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] t = new double[dim];
        for (int i = 0; i < dim; i++) t[i] = 0.3 * r.nextGaussian();
        return t;
    }

    @Setup
    public void setup() {
        ModelSpec spec = new ModelSpec(Family.MLP, 32, Activation.TANH, 2, 0.1);
        Potential p = potential(spec, width, 256);
        Potential big = potential(spec, width, 4096);
        mala = chain(new MalaKernel(1e-4), p, 1, 2);
        hmc = chain(new HmcKernel(HmcKernel.fromMalaStep(1e-4), 1), p, 1, 7);
        sgld128 = chain(new SgldKernel(1e-6, 128), big, 1, 3);
        sgld256 = chain(new SgldKernel(1e-6, 256), big, 1, 4);
    }

    @Benchmark
    public double malaMlpFullBatch256() {
        return mala.step();
    }

    /** One leapfrog step of HMC (a trajectory of L steps costs L of these). */
    @Benchmark
    public double hmcMlpLeapfrog256() {
        return hmc.step();
    }

    @Benchmark
    public double sgldMlpBatch128() {
        return sgld128.step();
    }

    @Benchmark
    public double sgldMlpBatch256() {
        return sgld256.step();
    }

    /** linear (d = 32) and deep-linear [32, 64, 64, 1] at D = 256. */
    @org.openjdk.jmh.annotations.State(Scope.Thread)
    public static class Others {
        Chain<State, Potential> linear;
        Chain<State, Potential> deepLinear;

        @Setup
        public void setup() {
            Potential lp = potential(new ModelSpec(Family.LINEAR, 32, Activation.TANH, 0, 0.1), 32, 256);
            linear = chain(new MalaKernel(1e-4), lp, 1, 5);
            ModelSpec dl = new ModelSpec(Family.DEEP_LINEAR, 32, Activation.TANH, 0, 0.1, false, 1,
                    List.of(32, 64, 64, 1), 1, null);
            Potential dp = potential(dl, 0, 256);
            deepLinear = chain(new MalaKernel(1e-5), dp, 1, 6);
        }
    }

    @Benchmark
    @Fork(1)
    public double malaLinear(Others o) {
        return o.linear.step();
    }

    @Benchmark
    @Fork(1)
    public double malaDeepLinear(Others o) {
        return o.deepLinear.step();
    }
}

package org.calorimeter.core.cell;

import java.util.ArrayList;
import java.util.List;
import org.calorimeter.core.config.ConfigLoader;
import org.calorimeter.core.config.SweepConfig;
import org.calorimeter.core.kernel.Kernels;

/**
 * MLP cells whose sizes exercise the kernels' vector bodies and scalar tails (width 19, D = 37, minibatch 10),
 * printed one per line; {@code KernelPathTest} runs this in a JVM without jdk.incubator.vector and compares.
 */
public final class KernelPathCells {
    private KernelPathCells() {
    }

    static List<String> lines() {
        List<String> out = new ArrayList<>();
        for (String sampler : new String[] {"{kind: mala, burn_in: 100, steps: 400}",
                "{kind: sgld, batch_size: 10, burn_in: 100, steps: 400}"}) {
            SweepConfig c = ConfigLoader.parse("name: k\nseed: 5\nmodel: {family: mlp, input_dim: 6, activation: tanh,"
                    + " teacher_width: 3}\nprior: {sigma: 1.0}\ngrid: {width: [19], data_size: [37], temperature: [0.3],"
                    + " replicas: 1}\nsampler: " + sampler + "\ntraining: {max_iterations: 100}\n");
            for (CellKey key : CellKey.grid(c)) {
                out.add(DeterminismTest.withoutWallTime(CellRunner.run(c, key, c.hash())).toString());
            }
        }
        return out;
    }

    public static void main(String[] args) {
        System.out.println("kernels=" + Kernels.describe());
        lines().forEach(System.out::println);
    }
}

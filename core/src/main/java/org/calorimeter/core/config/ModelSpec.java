package org.calorimeter.core.config;

import java.io.Serializable;
import java.util.List;
import org.calorimeter.core.model.Activation;

/**
 * The model family and its teacher.
 * <ul>
 *   <li>{@code linear}: {@code bias} adds an intercept; the teacher is linear without one.</li>
 *   <li>{@code mlp}: {@code depth} hidden layers of the grid's width, {@code activation}; teacher of
 *       {@code teacherWidth} (one hidden layer).</li>
 *   <li>{@code deep-linear}: {@code layers} = [input, hidden..., output]; a rank-{@code teacherRank} teacher.</li>
 *   <li>{@code ising-perceptron}: {@code labelNoise} is the probability of a flipped label.</li>
 * </ul>
 * {@code data} (nullable) replaces the synthetic teacher with user data.
 */
public record ModelSpec(Family family, int inputDim, Activation activation, int teacherWidth, double labelNoise,
                        boolean bias, int depth, List<Integer> layers, int teacherRank, DataSpec data)
        implements Serializable {
    public ModelSpec {
        layers = List.copyOf(layers);
    }

    /** The same model with {@code d} hidden layers (the grid's depth axis; other families have depth 1). */
    public ModelSpec withDepth(int d) {
        return d == depth ? this : new ModelSpec(family, inputDim, activation, teacherWidth, labelNoise, bias, d, layers,
                teacherRank, data);
    }

    /** A model with the defaults of the original two families (no bias, depth 1, no user data). */
    public ModelSpec(Family family, int inputDim, Activation activation, int teacherWidth, double labelNoise) {
        this(family, inputDim, activation, teacherWidth, labelNoise, false, 1, List.of(), 0, null);
    }

    /**
     * Deep-linear layer widths of a cell: {@code layers} with every hidden width replaced by the grid's width, or
     * {@code layers} as they stand for grid width 0 (no {@code grid.width} in the config).
     */
    public List<Integer> layers(int width) {
        if (width == 0) return layers;
        java.util.List<Integer> out = new java.util.ArrayList<>(layers);
        for (int i = 1; i < out.size() - 1; i++) out.set(i, width);
        return List.copyOf(out);
    }

    /** Output dimension (deep-linear: the last layer; every other family: 1). */
    public int outputDim() {
        return family == Family.DEEP_LINEAR ? layers.get(layers.size() - 1) : 1;
    }
}

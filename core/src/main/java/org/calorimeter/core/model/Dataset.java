package org.calorimeter.core.model;

/**
 * D training examples: inputs row-major in {@code x} (D x inputDim) and labels row-major in {@code y}
 * (D x outputDim; scalar labels for every family but deep-linear).
 * Arrays are owned by the dataset and never written after construction.
 */
public final class Dataset implements java.io.Serializable {
    private final int size;
    private final int inputDim;
    private final double[] x;
    private final double[] y;
    private final int outputDim;

    public Dataset(int size, int inputDim, double[] x, double[] y) {
        this(size, inputDim, 1, x, y);
    }

    public Dataset(int size, int inputDim, int outputDim, double[] x, double[] y) {
        Checks.equal("x length", x.length, (long) size * inputDim);
        Checks.equal("y length", y.length, (long) size * outputDim);
        this.size = size;
        this.inputDim = inputDim;
        this.outputDim = outputDim;
        this.x = x;
        this.y = y;
    }

    public int outputDim() {
        return outputDim;
    }

    /** The first {@code d} examples (the arrays are copied). */
    public Dataset prefix(int d) {
        if (d > size) throw new IllegalArgumentException("data size " + d + " > " + size + " examples available");
        return new Dataset(d, inputDim, outputDim, java.util.Arrays.copyOf(x, d * inputDim),
                java.util.Arrays.copyOf(y, d * outputDim));
    }

    public int size() {
        return size;
    }

    public int inputDim() {
        return inputDim;
    }

    /** Input of example i, at offset {@code i * inputDim()} of {@link #inputs()}. */
    public double[] inputs() {
        return x;
    }

    public double[] labels() {
        return y;
    }
}

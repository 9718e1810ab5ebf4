package org.calorimeter.core.model;

/**
 * D training examples: inputs row-major in {@code x} (D x inputDim) and scalar labels {@code y}.
 * Arrays are owned by the dataset and never written after construction.
 */
public final class Dataset {
    private final int size;
    private final int inputDim;
    private final double[] x;
    private final double[] y;

    public Dataset(int size, int inputDim, double[] x, double[] y) {
        Checks.equal("x length", x.length, (long) size * inputDim);
        Checks.equal("y length", y.length, size);
        this.size = size;
        this.inputDim = inputDim;
        this.x = x;
        this.y = y;
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

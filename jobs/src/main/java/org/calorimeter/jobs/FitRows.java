package org.calorimeter.jobs;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.calorimeter.core.fit.FitKind;
import org.calorimeter.core.fit.FitResult;

/** The {@code fits/} Parquet schema (docs/columns.md): one row per fitted quantity. */
public final class FitRows {
    private FitRows() {}

    public static final StructType SCHEMA = new StructType()
            .add("kind", StringType, false)
            .add("model", StringType, false)
            .add("width", IntegerType, true)
            .add("depth", IntegerType, true)
            .add("data_size", IntegerType, true)
            .add("temperature", DoubleType, true)
            .add("estimate", DoubleType, false)
            .add("error", DoubleType, false)
            .add("ci_low", DoubleType, false)
            .add("ci_high", DoubleType, false)
            .add("n_points", IntegerType, false)
            .add("chi2_dof", DoubleType, false)
            .add("method", StringType, false)
            .add("converged", BooleanType, false)
            .add("message", StringType, false)
            .add("config_hash", StringType, false)
            .add("bootstrap_replicates", IntegerType, false)
            .add("bootstrap_resampling", StringType, false)
            .add("bootstrap_seed", LongType, true);

    /**
     * A fit's row, with the hash of the config of the pass that made it and its bootstrap settings ({@link FitKind}):
     * replicates, what they resample, and the pass's seed (null for a kind without a bootstrap).
     */
    public static Row toRow(FitResult f, String model, String configHash, long seed) {
        FitKind.Bootstrap b = FitKind.bootstrap(f.kind());
        // depth: the model's (its column names it beyond 1); null for the rows that compare depths.
        Integer depth = f.kind().equals("optimal_depth") || f.kind().equals("depth_scaling") ? null
                : org.calorimeter.core.cell.CellKey.depth(model);
        return RowFactory.create(f.kind(), model, f.width(), depth, f.dataSize(), f.temperature(), f.estimate(), f.error(), f.ciLow(),
                f.ciHigh(), f.nPoints(), f.chi2Dof(), f.method(), f.converged(), f.message(), configHash,
                b.replicates(), b.resampling(), b.replicates() > 0 ? seed : null);
    }
}

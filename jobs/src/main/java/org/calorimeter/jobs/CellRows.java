package org.calorimeter.jobs;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.calorimeter.core.cell.CellResult;
import org.calorimeter.core.cell.CellRunner;
import org.calorimeter.core.cell.ChainTrace;
import org.calorimeter.core.cell.Exchange;
import org.calorimeter.core.cell.Fisher;
import org.calorimeter.core.estimator.Estimate;
import scala.jdk.javaapi.CollectionConverters;

/** The {@code cells/} Parquet schema (documented column by column in docs/columns.md) and the row mapping. */
public final class CellRows {
    private CellRows() {}

    public static final StructType SCHEMA = new StructType()
            .add("model", StringType, false)
            .add("width", IntegerType, false)
            .add("depth", IntegerType, false)
            .add("data_size", IntegerType, false)
            .add("temperature", DoubleType, false)
            .add("replica", IntegerType, false)
            .add("seed", LongType, false)
            .add("n_params", IntegerType, false)
            .add("burn_in", IntegerType, false)
            .add("equilibration_steps", IntegerType, false)
            .add("steps", IntegerType, false)
            .add("thin", IntegerType, false)
            .add("chains", IntegerType, false)
            .add("samples", IntegerType, false)
            .add("step_size", DoubleType, false)
            .add("train_energy", DoubleType, false)
            .add("train_iterations", IntegerType, false)
            .add("train_converged", BooleanType, false)
            .add("start_energy", DoubleType, false)
            .add("energy_mean", DoubleType, false)
            .add("energy_mean_err", DoubleType, false)
            .add("energy_var", DoubleType, false)
            .add("energy_var_err", DoubleType, false)
            .add("c_fluct", DoubleType, false)
            .add("c_fluct_err", DoubleType, false)
            .add("c_param", DoubleType, false)
            .add("c_param_err", DoubleType, false)
            .add("c_grad", DoubleType, false)
            .add("c_grad_err", DoubleType, false)
            .add("llc", DoubleType, false)
            .add("llc_err", DoubleType, false)
            .add("tau_int", DoubleType, false)
            .add("tau_int_err", DoubleType, false)
            .add("ess", DoubleType, false)
            .add("rhat", DoubleType, false)
            .add("psi_mean", DoubleType, false)
            .add("psi_mean_err", DoubleType, false)
            .add("chi_fluct", DoubleType, false)
            .add("chi_fluct_err", DoubleType, false)
            .add("overlap", DoubleType, false)
            .add("overlap_err", DoubleType, false)
            .add("gen_error", DoubleType, false)
            .add("gen_error_err", DoubleType, false)
            .add("fisher_trace", DoubleType, false)
            .add("fisher_trace_err", DoubleType, false)
            .add("fisher_top", DataTypes.createArrayType(DoubleType, false), false)
            .add("fisher_top_err", DataTypes.createArrayType(DoubleType, false), false)
            .add("fisher_eff_dim", DoubleType, false)
            .add("fisher_eff_dim_err", DoubleType, false)
            .add("accept_rate", DoubleType, false)
            .add("ladder", BooleanType, false)
            .add("swap_accept", DoubleType, false)
            .add("round_trips", IntegerType, false)
            .add("round_trip_steps", DoubleType, false)
            .add("status", StringType, false)
            .add("message", StringType, false)
            .add("wall_seconds", DoubleType, false)
            .add("config_hash", StringType, false);

    /** One chain's bounded trace, nested in a cell's row until the sweep writes traces/. */
    public static final StructType TRACE = new StructType()
            .add("chain", IntegerType, false)
            .add("stride", IntegerType, false)
            .add("energy", DataTypes.createArrayType(DoubleType, false), false)
            .add("psi", DataTypes.createArrayType(DoubleType, false), false);

    /** The cells schema plus the traces column the sweep splits off into traces/. */
    public static final StructType WITH_TRACES = SCHEMA.add("traces", DataTypes.createArrayType(TRACE, false), false);

    /** The row of a cell with its traces (schema {@link #WITH_TRACES}). */
    public static Row toRow(CellRunner.Outcome outcome) {
        Row cell = toRow(outcome.result());
        List<Row> traces = new ArrayList<>();
        for (ChainTrace t : outcome.traces()) {
            traces.add(RowFactory.create(t.chain(), t.stride(), seq(t.energy()), seq(t.psi())));
        }
        Object[] values = new Object[cell.size() + 1];
        for (int i = 0; i < cell.size(); i++) values[i] = cell.get(i);
        values[cell.size()] = CollectionConverters.asScala(traces).toSeq();
        return RowFactory.create(values);
    }

    /** Spark's row encoder takes array columns as Scala sequences. */
    private static scala.collection.immutable.Seq<Double> seq(double[] values) {
        return CollectionConverters.asScala(Arrays.stream(values).boxed().toList()).toSeq();
    }

    public static Row toRow(CellResult r) {
        Exchange x = r.exchange();
        Fisher f = r.fisher();
        return RowFactory.create(r.model(), r.width(), r.depth(), r.dataSize(), r.temperature(), r.replica(), r.seed(),
                r.nParams(), r.burnIn(), r.equilibrationSteps(), r.steps(), r.thin(), r.chains(), r.samples(),
                r.stepSize(), r.trainEnergy(), r.trainIterations(), r.trainConverged(), r.startEnergy(),
                r.energyMean().value(), r.energyMean().error(), r.energyVar().value(), r.energyVar().error(),
                r.cFluct().value(), r.cFluct().error(), r.cParam().value(), r.cParam().error(), r.cGrad().value(),
                r.cGrad().error(), r.llc().value(), r.llc().error(), r.tauInt().value(), r.tauInt().error(), r.ess(),
                r.rhat(), r.psiMean().value(), r.psiMean().error(), r.chiFluct().value(), r.chiFluct().error(),
                r.overlap().value(), r.overlap().error(), r.genError().value(), r.genError().error(),
                f.trace().value(), f.trace().error(), seq(f.top().stream().mapToDouble(Estimate::value).toArray()),
                seq(f.top().stream().mapToDouble(Estimate::error).toArray()), f.effectiveDimension().value(),
                f.effectiveDimension().error(), r.acceptRate(),
                x.ladder(), x.swapAccept(), x.roundTrips(), x.roundTripSteps(), r.status(), r.message(),
                r.wallSeconds(), r.configHash());
    }
}

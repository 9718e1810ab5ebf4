package org.calorimeter.jobs;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.calorimeter.core.cell.CellResult;

/** The {@code cells/} Parquet schema (documented column by column in docs/columns.md) and the row mapping. */
public final class CellRows {
    private CellRows() {}

    public static final StructType SCHEMA = new StructType()
            .add("model", StringType, false)
            .add("width", IntegerType, false)
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
            .add("accept_rate", DoubleType, false)
            .add("status", StringType, false)
            .add("message", StringType, false)
            .add("wall_seconds", DoubleType, false)
            .add("config_hash", StringType, false);

    public static Row toRow(CellResult r) {
        return RowFactory.create(r.model(), r.width(), r.dataSize(), r.temperature(), r.replica(), r.seed(),
                r.nParams(), r.burnIn(), r.equilibrationSteps(), r.steps(), r.thin(), r.chains(), r.samples(), r.stepSize(), r.trainEnergy(),
                r.trainIterations(), r.trainConverged(), r.startEnergy(), r.energyMean(), r.energyMeanErr(), r.energyVar(),
                r.energyVarErr(), r.cFluct(), r.cFluctErr(), r.cParam(), r.cParamErr(), r.cGrad(), r.cGradErr(), r.llc(), r.llcErr(), r.tauInt(), r.tauIntErr(), r.ess(), r.rhat(), r.psiMean(),
                r.psiMeanErr(), r.acceptRate(), r.status(), r.message(), r.wallSeconds(), r.configHash());
    }
}

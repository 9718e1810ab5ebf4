package org.calorimeter.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.calorimeter.jobs.Main;
import org.calorimeter.jobs.Sessions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code anneal} end to end, reduced: a 2D Ising L = 8 sweep across T_c, then fresh chains annealed along the three
 * schedules at two budgets (the full-size run is experiment-configs/anneal-ising.yaml, in docs/aggregation.md).
 */
class AnnealTest {
    @TempDir
    Path tmp;

    @Test
    void annealWritesOneRowPerScheduleAndBudgetAgainstTheExactEnergy() throws Exception {
        Path config = Files.writeString(tmp.resolve("ising.yaml"), """
                name: anneal-small
                seed: 8
                model: {family: ising-2d}
                grid: {width: [8], temperature: {from: 1.5, to: 4.0, count: 6, spacing: linear}}
                sampler: {kind: metropolis, burn_in: 500, steps: 5000}
                """);
        Path out = tmp.resolve("out");
        assertEquals(0, Main.execute("sweep", config.toString(), "--out", out.toString(), "--master", "local[2]"));
        // Bad input first: each is exit 2 before Spark starts, naming the option.
        Cli.Result budget = Cli.run("anneal", out.toString(), "--budgets", "1,100");
        assertEquals(2, budget.code());
        assertTrue(budget.err().contains("--budgets"), budget.err());
        Cli.Result chains = Cli.run("anneal", out.toString(), "--chains", "1");
        assertEquals(2, chains.code());
        assertTrue(chains.err().contains("--chains"), chains.err());
        Cli.Result noRun = Cli.run("anneal", tmp.resolve("nothing").toString());
        assertEquals(2, noRun.code());
        assertTrue(noRun.err().contains("DIR"), noRun.err());

        assertEquals(0, Main.execute("anneal", out.toString(), "--budgets", "5,2000", "--chains", "32", "--master",
                "local[2]"));
        SparkSession spark = Sessions.start("anneal-reader", "local[1]");
        try {
            List<Row> rows = spark.read().parquet(out.resolve("anneal").toString()).orderBy("budget", "schedule")
                    .collectAsList();
            assertEquals(6, rows.size(), "3 schedules x 2 budgets");
            for (Row r : rows) {
                assertTrue(r.<String>getAs("equilibrium_source").startsWith("exact"), "Ising has an exact <E>");
                double d = r.getAs("dissipation");
                double e = r.getAs("dissipation_err");
                if (r.<Integer>getAs("budget") == 5) {
                    // 5 sweeps from T = 4 to 1.5 leave domains: far from equilibrium, by many errors (at 20 sweeps
                    // the excess was 16 +- 5, too close to the errors for a test).
                    assertTrue(d > 3 * e, r.toString());
                } else {
                    // 2000 sweeps at L = 8 equilibrate: no excess beyond 4 errors (a domain wall costs 16, and one
                    // trapped chain of 16 moves the mean by 1, inside these errors).
                    assertTrue(Math.abs(d) < 4 * e + 1e-9, r.toString());
                }
            }
        } finally {
            spark.stop();
        }
        assertTrue(Files.isRegularFile(out.resolve("report").resolve("anneal.html")));
    }
}

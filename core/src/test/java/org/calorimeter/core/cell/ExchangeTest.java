package org.calorimeter.core.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.math3.special.Erf;
import org.calorimeter.core.config.ConfigLoader;
import org.calorimeter.core.config.SweepConfig;
import org.calorimeter.core.exact.IsingExact;
import org.calorimeter.core.exact.LinearGaussianExact;
import org.calorimeter.core.model.Dataset;
import org.calorimeter.core.model.TeacherStudentData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replica exchange along a line: swaps keep every temperature's distribution exact (closed forms within their own
 * error bars), the line is a pure function of its inputs, and without exchange a line's cells are bitwise the cells
 * run alone.
 */
class ExchangeTest {
    static List<CellRunner.Outcome> line(SweepConfig c, Line line) {
        return LineRunner.run(c, line, c.grid().temperatures(), c.hash(), null);
    }

    /** 4 standard errors per point: a false alarm has probability 6e-5 each. */
    static void within(double exact, CellResult r, String what) {
        String text = String.format("%s T = %s: exact %.4f, measured %.4f +- %.4f (swap %.3f, round trips %d)", what,
                r.temperature(), exact, r.cFluct().value(), r.cFluct().error(), r.exchange().swapAccept(), r.exchange().roundTrips());
        System.out.println(text);
        assertEquals(CellResult.OK, r.status(), text + ": " + r.message());
        assertEquals(exact, r.cFluct().value(), 4 * r.cFluct().error(), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mala", "hmc"})
    void linearGaussianLineMatchesTheClosedFormAtEveryTemperature(String kind) {
        SweepConfig c = ConfigLoader.parse("""
                name: x
                seed: 21
                model: {family: linear, input_dim: 4, label_noise: 0.3}
                prior: {sigma: 0.1}
                grid: {data_size: [40], temperature: [0.03, 0.06, 0.1, 0.2, 0.4], replicas: 1}
                sampler: {kind: %s, burn_in: 1000, steps: 20000, exchange: {every: 5}}
                """.formatted(kind));
        Dataset data = TeacherStudentData.generate(c.seed(), 0, c.model(), 40);
        List<CellRunner.Outcome> cells = line(c, new Line(4, 40, 0));
        assertEquals(5, cells.size());
        for (CellRunner.Outcome o : cells) {
            CellResult r = o.result();
            within(LinearGaussianExact.heatCapacity(data, 0.1, r.temperature()), r, kind);
            if (r.temperature() < 0.4) assertTrue(r.exchange().swapAccept() > 0 && r.exchange().swapAccept() < 1, "swap " + r.exchange().swapAccept());
        }
    }

    @Test
    void isingLineWithMetropolisAndExchangeMatchesKaufman() {
        SweepConfig c = ConfigLoader.parse("""
                name: x
                seed: 4
                model: {family: ising-2d}
                grid: {width: [8], temperature: [2.0, 2.15, 2.3, 2.45, 2.6], replicas: 1}
                sampler: {kind: metropolis, burn_in: 1000, steps: 40000, exchange: {every: 1}}
                """);
        List<CellRunner.Outcome> cells = line(c, new Line(8, 0, 0));
        for (CellRunner.Outcome o : cells) {
            within(IsingExact.heatCapacity(8, o.result().temperature()), o.result(), "ising L=8");
        }
        assertTrue(cells.get(0).result().exchange().roundTrips() > 10, "round trips " + cells.get(0).result().exchange().roundTrips());
        assertTrue(cells.get(0).result().exchange().roundTripSteps() > 0);
    }

    @Test
    void aLineIsBitwiseReproducibleAndWithoutExchangeItsCellsAreTheCellsAlone() {
        String body = """
                name: x
                seed: 8
                model: {family: mlp, input_dim: 3, teacher_width: 1}
                prior: {sigma: 1.0}
                grid: {width: [2], data_size: [16], temperature: [0.1, 0.3, 1.0], replicas: 1}
                sampler: {kind: mala, burn_in: 200, steps: 1000, chains: 2%s}
                training: {max_iterations: 100}
                """;
        SweepConfig on = ConfigLoader.parse(body.formatted(""));
        assertTrue(on.sampler().exchange().on(), "exchange is the default for MALA with 3 temperatures");
        Line line = new Line(2, 16, 0);
        List<CellRunner.Outcome> a = line(on, line);
        List<CellRunner.Outcome> b = line(on, line);
        for (int i = 0; i < a.size(); i++) {
            assertEquals(DeterminismTest.withoutWallTime(a.get(i).result()),
                    DeterminismTest.withoutWallTime(b.get(i).result()));
        }
        SweepConfig off = ConfigLoader.parse(body.formatted(", exchange: false"));
        List<CellRunner.Outcome> independent = line(off, line);
        for (CellRunner.Outcome o : independent) {
            CellKey key = line.at(o.result().temperature());
            assertEquals(DeterminismTest.withoutWallTime(CellRunner.run(off, key, off.hash())),
                    DeterminismTest.withoutWallTime(o.result()), "T = " + key.temperature());
            assertTrue(Double.isNaN(o.result().exchange().swapAccept()));
        }
    }

    /** Constant C: the ladder's neighbours sit at thermodynamic length <= 2 erfcinv(target), i.e. acceptance >= target. */
    @Test
    void ladderReachesTheTargetAcceptanceAndRespectsItsCap() {
        double[] temps = {0.01, 0.1, 1.0};
        double rootC = Math.sqrt(50);
        List<Double> ladder = LineRunner.ladder(temps, new double[] {rootC, rootC, rootC}, 0.2, 256);
        assertEquals(0.01, ladder.get(0));
        assertEquals(1.0, ladder.get(ladder.size() - 1));
        assertTrue(ladder.containsAll(List.of(0.01, 0.1, 1.0)), "grid temperatures stay: " + ladder);
        for (int i = 0; i + 1 < ladder.size(); i++) {
            double length = rootC * Math.log(ladder.get(i + 1) / ladder.get(i));
            double acceptance = Erf.erfc(length / 2);
            assertTrue(acceptance >= 0.2 - 1e-12, "pair " + i + ": predicted acceptance " + acceptance);
        }
        // ln(100) sqrt(50) / (2 erfcinv(0.2)) = 18.0 intervals: 19 temperatures.
        assertEquals(19, ladder.size(), ladder.toString());
        int capped = LineRunner.ladder(temps, new double[] {rootC, rootC, rootC}, 0.2, 10).size();
        assertTrue(capped <= 10 && capped > 3, "a cap of 10 temperatures gives " + capped);
    }
}

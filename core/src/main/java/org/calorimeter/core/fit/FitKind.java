package org.calorimeter.core.fit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every kind of row in fits/, in one place: its name and what it estimates. {@link FitResult} accepts no other name,
 * so a new fit is registered here (and documented in docs/columns.md, which a test keeps in step) before it can be
 * written. How each row's interval was formed is in its {@code method} column ({@link Intervals}).
 */
public final class FitKind {
    private FitKind() {}

    private static final Map<String, String> KINDS = new LinkedHashMap<>();
    private static final Map<String, Bootstrap> BOOTSTRAPS = new LinkedHashMap<>();

    /**
     * How a kind's interval is resampled: the number of bootstrap replicates (0: no bootstrap, the interval is a
     * standard error or there is none) and what each replicate resamples. fits/ writes it beside every row, with the
     * pass's seed, so an interval can be rebuilt from its row.
     */
    public record Bootstrap(int replicates, String resampling) {
        public static final Bootstrap NONE = new Bootstrap(0, "none");
    }

    private static final Bootstrap PEAK = new Bootstrap(PeakFit.BOOTSTRAP,
            "replicas with replacement, each value redrawn from N(C, chain error^2)");
    private static final Bootstrap REWEIGHTED = new Bootstrap(Reweighting.BOOTSTRAP,
            "joint MBAR replicates: every chain's samples resampled in blocks, all temperatures together");
    private static final Bootstrap REPLICA = new Bootstrap(GridScaling.BOOTSTRAP, "replicas with replacement");
    private static final Bootstrap COLLAPSE = new Bootstrap(SizeScaling.COLLAPSE_REPLICATES,
            "joint MBAR replicates of every width's curve, refitted");

    private static void kind(String name, String meaning) {
        kind(name, meaning, Bootstrap.NONE);
    }

    private static void kind(String name, String meaning, Bootstrap bootstrap) {
        KINDS.put(name, meaning);
        BOOTSTRAPS.put(name, bootstrap);
    }

    static {
        kind("peak_temperature", "T at the maximum of the replica-averaged C(T) (parabola through the grid maximum)", PEAK);
        kind("peak_height", "C at that maximum", PEAK);
        kind("peak_height_vs_width", "exponent a of C_max ~ N^a across widths");
        kind("peak_height_vs_width_amplitude", "amplitude of that power law");
        kind("peak_height_vs_data", "exponent of C_max ~ D^b across data sizes");
        kind("peak_height_vs_data_amplitude", "amplitude of that power law");
        kind("peak_temperature_rw", "T at the maximum of the MBAR-reweighted C(T)", REWEIGHTED);
        kind("peak_height_rw", "C at that maximum", REWEIGHTED);
        kind("chi_peak_temperature_rw", "T at the maximum of the reweighted susceptibility", REWEIGHTED);
        kind("chi_peak_height_rw", "chi at that maximum", REWEIGHTED);
        kind("low_t_exponent", "alpha of C ~ T^alpha on the lowest temperatures");
        kind("low_t_exponent_amplitude", "amplitude of that power law");
        kind("low_t_plateau", "the low-T limit of C when alpha is consistent with 0 (d/2 or Watanabe's lambda)");
        kind("high_t_slope", "exponent of C on the highest temperatures (the plateau test's helper)");
        kind("high_t_slope_amplitude", "amplitude of that power law");
        kind("high_t_plateau", "the high-T plateau of C when the slope is consistent with 0");
        kind("critical_exponent_low", "gamma of C ~ |T - T_c|^-gamma below the reweighted peak", REWEIGHTED);
        kind("critical_exponent_high", "the same above the peak", REWEIGHTED);
        kind("tau_int_max", "the largest tau_int along a line and where it is (critical slowing down)");
        kind("chi_peak_height_vs_width", "gamma/nu from chi_max ~ N^(gamma/nu)");
        kind("chi_peak_height_vs_width_amplitude", "amplitude of that power law");
        kind("peak_log_amplitude", "A of C_max / n = A ln N + B (logarithmic divergence)", REWEIGHTED);
        kind("tc_infinite_from_peaks", "T_c of the infinite system from T_peak(N) = T_c + b N^(-1/nu)", REWEIGHTED);
        kind("nu_from_peaks", "nu from the same shift", REWEIGHTED);
        for (String q : new String[] {"chi", "c_log", "psi"}) {
            kind("collapse_" + q + "_tc", "T_c of the " + q + " data collapse", COLLAPSE);
            kind("collapse_" + q + "_nu", "nu of the " + q + " data collapse", COLLAPSE);
            kind("collapse_" + q + "_exponent", "the " + q + " collapse's y exponent (a, A or -beta/nu)", COLLAPSE);
            kind("collapse_" + q + "_quality", "Houdayer-Hartmann S of the " + q + " collapse (about 1 when it holds)",
                    COLLAPSE);
        }
        kind("data_exponent", "b of C ~ D^b at fixed width and temperature", REPLICA);
        kind("data_exponent_amplitude", "amplitude of that power law", REPLICA);
        kind("joint_width_exponent", "a of the joint fit C ~ N^a D^b at one temperature", REPLICA);
        kind("joint_data_exponent", "b of that joint fit", REPLICA);
        kind("capacity_optimal_width", "argmax over N of C at fixed D and T", REPLICA);
        kind("optimal_depth", "argmax over depths of C at fixed N, D and T (grid.depth)", REPLICA);
        kind("depth_scaling", "k of d* = k ln C* + b across the grid points with an interior optimal depth", REPLICA);
        kind("reweighting", "a line whose MBAR reweighting is not reliable (why in message)");
        kind("prior_kl", "KL(p_T || prior) at a line's lowest temperature by thermodynamic integration from beta = 0 "
                + "(curves/kl has every temperature), or why it does not apply");
    }

    /** Every registered kind and its meaning, in registration order. */
    public static Map<String, String> all() {
        return Collections.unmodifiableMap(KINDS);
    }

    /** The bootstrap settings of a registered kind. */
    public static Bootstrap bootstrap(String kind) {
        return BOOTSTRAPS.get(require(kind));
    }

    /** {@code kind}, if registered; else an error naming it and where to register it. */
    public static String require(String kind) {
        if (!KINDS.containsKey(kind)) {
            throw new IllegalArgumentException("unknown fit kind '" + kind + "': register it in FitKind (and in "
                    + "docs/columns.md) before writing it");
        }
        return kind;
    }
}

package org.calorimeter.jobs;

import org.apache.spark.sql.SparkSession;

/** SparkSession construction: local runs bind driver and UI to loopback. */
public final class Sessions {
    private Sessions() {}

    private static final java.util.concurrent.atomic.AtomicInteger STARTED = new java.util.concurrent.atomic.AtomicInteger();

    /** How many sessions this JVM has started (tests check that bad input never gets this far). */
    public static int started() {
        return STARTED.get();
    }

    /**
     * A session for {@code master} (null: whatever spark-submit set, else local[*]). For local masters the driver
     * binds 127.0.0.1, so nothing listens beyond this machine.
     */
    public static SparkSession start(String appName, String master) {
        STARTED.incrementAndGet();
        SparkSession.Builder b = SparkSession.builder().appName("calorimeter " + appName);
        String m = master;
        if (m == null && System.getProperty("spark.master") == null) m = "local[*]";
        if (m != null) b.master(m);
        String effective = m != null ? m : System.getProperty("spark.master");
        if (effective.startsWith("local")) {
            b.config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false");
        }
        b.config("spark.sql.shuffle.partitions", "8")
                .config("spark.ui.showConsoleProgress", "false")   // the sweep prints its own progress line
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.debug.maxToStringFields", "100");
        SparkSession spark = b.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }
}

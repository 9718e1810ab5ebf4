package org.calorimeter.core.config;

import java.io.Serializable;
import java.util.List;

/** User data replacing the synthetic teacher: the first D rows of a CSV or Parquet file. */
public record DataSpec(String format, String path, List<String> features, String label) implements Serializable {
    public static final List<String> FORMATS = List.of("csv", "parquet");

    public DataSpec {
        features = List.copyOf(features);
    }
}

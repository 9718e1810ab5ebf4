package org.calorimeter.core.config;

import java.util.Arrays;

/** Model families, by their {@code model.family} key. */
public enum Family {
    LINEAR("linear"),
    MLP("mlp");

    private final String key;

    Family(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Family parse(String path, String text) {
        for (Family f : values()) {
            if (f.key.equals(text)) return f;
        }
        throw new ConfigException(path, "unknown family '" + text + "'; allowed: " + Arrays.toString(keys()));
    }

    public static String[] keys() {
        return Arrays.stream(values()).map(Family::key).toArray(String[]::new);
    }
}

package org.calorimeter.core.train;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Memo of the training stage, which is a pure function of (config, width, data size, replica): every temperature
 * of a line starts from the same theta*, so an executor trains each line once however many of its temperatures it
 * runs. Values are bitwise what a fresh training returns; the cache only saves time. Bounded: least recently
 * used entries go first.
 */
public final class TrainingCache {
    /** Lines kept per JVM: a sweep's lines are few (widths x data sizes x replicas) and each entry is one theta. */
    static final int CAPACITY = 256;

    private static final Map<String, Object> LOCKS = new ConcurrentHashMap<>();
    private static final Map<String, Trainer.Result> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Trainer.Result> eldest) {
            return size() > CAPACITY;
        }
    };

    private TrainingCache() {}

    /** The cached result for {@code key}, computing it once (other threads asking for the same key wait). */
    public static Trainer.Result get(String key, Supplier<Trainer.Result> train) {
        Object lock = LOCKS.computeIfAbsent(key, k -> new Object());
        synchronized (lock) {
            Trainer.Result hit;
            synchronized (CACHE) {
                hit = CACHE.get(key);
            }
            if (hit == null) {
                hit = train.get();
                synchronized (CACHE) {
                    CACHE.put(key, hit);
                }
            }
            LOCKS.remove(key, lock);
            return copy(hit);
        }
    }

    private static Trainer.Result copy(Trainer.Result r) {
        return new Trainer.Result(r.theta().clone(), r.energy(), r.iterations(), r.converged());
    }
}

package org.calorimeter.jobs;

/** Bad command-line input or output location: exit code 2, raised before any Spark job starts. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}

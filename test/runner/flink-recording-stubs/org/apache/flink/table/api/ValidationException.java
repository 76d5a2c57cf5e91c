package org.apache.flink.table.api;

/** Test stand-in for Flink's ValidationException (flink-table-common). */
public class ValidationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ValidationException(String message, Throwable cause) {
        super(message, cause);
    }
}

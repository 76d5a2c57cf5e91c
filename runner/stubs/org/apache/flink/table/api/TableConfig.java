package org.apache.flink.table.api;

/** Compile-time stand-in for flink-table-api-java's TableConfig (members the runner calls). */
public class TableConfig {
    public TableConfig set(String key, String value) {
        throw new UnsupportedOperationException("stub");
    }
}

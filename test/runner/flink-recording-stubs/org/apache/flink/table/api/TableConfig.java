package org.apache.flink.table.api;

/** Test stand-in for TableConfig: records TableConfig.set(String, String). */
public class TableConfig {
    public TableConfig set(String key, String value) {
        Recorder.record("config.set " + key + "=" + value);
        return this;
    }
}

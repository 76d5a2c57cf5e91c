package org.apache.flink.table.api;

/**
 * Test stand-in for TableEnvironment that records every call. A statement containing
 * FAIL_HERE is refused with a ValidationException quoting it, as Flink's planner quotes SQL.
 */
public interface TableEnvironment {
    static TableEnvironment create(EnvironmentSettings settings) {
        Recorder.record("create mode=" + (settings.isStreamingMode() ? "streaming" : "batch") + " config=" + settings.configuration.entries);
        final TableConfig config = new TableConfig();
        return new TableEnvironment() {
            @Override
            public TableResult executeSql(String statement) {
                if (statement.contains("FAIL_HERE")) {
                    throw new ValidationException("SQL validation failed. Cannot run: " + statement,
                            new IllegalStateException("cause mentions " + statement));
                }
                Recorder.record("executeSql " + statement);
                return new TableResult() {};
            }

            @Override
            public TableConfig getConfig() {
                return config;
            }
        };
    }

    TableResult executeSql(String statement);

    TableConfig getConfig();
}

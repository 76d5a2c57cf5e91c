package org.apache.flink.table.api;

/** Compile-time stand-in for flink-table-api-java's TableEnvironment (members the runner calls). */
public interface TableEnvironment {
    static TableEnvironment create(EnvironmentSettings settings) {
        throw new UnsupportedOperationException("stub");
    }

    TableResult executeSql(String statement);

    TableConfig getConfig();
}

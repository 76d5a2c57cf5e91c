package org.apache.flink.table.api;

import org.apache.flink.configuration.Configuration;

/** Compile-time stand-in for flink-table-api-java's EnvironmentSettings (members the runner calls). */
public class EnvironmentSettings {
    public static Builder newInstance() {
        throw new UnsupportedOperationException("stub");
    }

    public static class Builder {
        public Builder withConfiguration(Configuration configuration) {
            throw new UnsupportedOperationException("stub");
        }

        public EnvironmentSettings build() {
            throw new UnsupportedOperationException("stub");
        }
    }
}

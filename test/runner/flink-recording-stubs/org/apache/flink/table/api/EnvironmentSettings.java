package org.apache.flink.table.api;

import org.apache.flink.configuration.Configuration;

/**
 * Test stand-in for EnvironmentSettings: like Flink's (flink-table-api-java, EnvironmentSettings
 * since 1.15), the runtime mode is whatever `execution.runtime-mode` says, streaming by default.
 */
public class EnvironmentSettings {
    final Configuration configuration;

    EnvironmentSettings(Configuration configuration) {
        this.configuration = configuration;
    }

    public static Builder newInstance() {
        return new Builder();
    }

    public boolean isStreamingMode() {
        String mode = configuration.entries.get("execution.runtime-mode");
        return mode == null || !mode.equalsIgnoreCase("batch");
    }

    public static class Builder {
        private Configuration configuration = new Configuration();

        public Builder withConfiguration(Configuration configuration) {
            this.configuration = configuration;
            return this;
        }

        public EnvironmentSettings build() {
            return new EnvironmentSettings(configuration);
        }
    }
}

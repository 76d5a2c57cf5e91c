package org.apache.flink.configuration;

import java.util.TreeMap;

/**
 * Test stand-in for Flink's Configuration (flink-core): keeps string entries, as
 * Configuration.setString does, so the recording TableEnvironment can show what it was given.
 */
public class Configuration {
    public final TreeMap<String, String> entries = new TreeMap<String, String>();

    public Configuration() {}

    public void setString(String key, String value) {
        entries.put(key, value);
    }
}

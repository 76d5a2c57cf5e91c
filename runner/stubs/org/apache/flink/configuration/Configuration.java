package org.apache.flink.configuration;

/**
 * Compile-time stand-in for Flink's class of the same name (flink-core, Configuration.java).
 * Only the members the runner calls; never packed into the runner's jar, so at run time the
 * class comes from the Flink distribution on the classpath.
 */
public class Configuration {
    public Configuration() {}

    public void setString(String key, String value) {
        throw new UnsupportedOperationException("stub");
    }
}

package dev.streampilot.runner;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Where `${name}` gets its value: `--value` first, then `value.<name>` of the values file, then
 * `secret.<name>`, which names an environment variable the pod template fills from a Kubernetes
 * Secret. Every secret value handed out is remembered so that nothing the runner prints shows it.
 */
final class RuntimeValues {
    private final Map<String, String> inline = new HashMap<String, String>();
    private final Properties file = new Properties();
    private final Map<String, String> environment;
    private final Set<String> secretsUsed = new LinkedHashSet<String>();

    RuntimeValues(Map<String, String> environment) {
        this.environment = environment;
    }

    void putInline(String name, String value) {
        inline.put(name, value);
    }

    /** A missing file means no values: a job without variables has no ConfigMap to mount. */
    void load(java.io.File path) throws IOException {
        if (!path.isFile()) return;
        Reader reader = new InputStreamReader(new FileInputStream(path), StandardCharsets.UTF_8);
        try {
            file.load(reader);
        } finally {
            reader.close();
        }
    }

    /** The value of `name`, or null when no source has one. */
    String lookup(String name) {
        if (inline.containsKey(name)) return inline.get(name);
        String value = file.getProperty("value." + name);
        if (value != null) return value;
        String envName = file.getProperty("secret." + name);
        if (envName == null) return null;
        String secret = environment.get(envName.trim());
        if (secret == null) return null;
        // `check` admits a secret only inside a string literal ('${name}'), where it must stay one
        // value whatever it holds: a quote in it is doubled as SQL escapes it. Both forms are masked.
        String quoted = secret.replace("'", "''");
        if (!secret.isEmpty()) {
            secretsUsed.add(secret);
            secretsUsed.add(quoted);
        }
        return quoted;
    }

    Set<String> secretsUsed() {
        return secretsUsed;
    }
}

package dev.streampilot.runner;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/** Replaces every secret value the runner substituted with `****` in what it prints or throws. */
final class Redactor {
    static final String MASK = "****";
    private final List<String> secrets;

    Redactor(Collection<String> values) {
        secrets = new ArrayList<String>(values);
        // Longest first: a secret that contains another is masked whole.
        Collections.sort(secrets, new Comparator<String>() {
            @Override
            public int compare(String a, String b) {
                return b.length() - a.length();
            }
        });
    }

    String redact(String text) {
        if (text == null) return null;
        String out = text;
        for (String secret : secrets) if (!secret.isEmpty()) out = out.replace(secret, MASK);
        return out;
    }

    /**
     * A copy of the cause chain whose messages are redacted, keeping class names and stack
     * frames: Flink logs what the program's main throws, so the original must not leave.
     */
    Throwable redact(Throwable t) {
        if (t == null) return null;
        RedactedException copy = new RedactedException(t.getClass().getName(), redact(t.getMessage()), redact(t.getCause()));
        copy.setStackTrace(t.getStackTrace());
        return copy;
    }

    static final class RedactedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String originalClass;

        RedactedException(String originalClass, String message, Throwable cause) {
            super(message, cause);
            this.originalClass = originalClass;
        }

        @Override
        public String toString() {
            String message = getMessage();
            return message == null ? originalClass : originalClass + ": " + message;
        }
    }
}

package dev.streampilot.runner;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

/**
 * StreamPilot's SQL runner: the program of every job that uses the default `runner.jarURI`.
 * It reads a framed script, fills `${name}` from the job's runtime values, applies the SET
 * statements that come before anything else to the environment it creates (so
 * `execution.runtime-mode` = batch takes effect), and runs the statements in order. On failure
 * it names the statement's file and line in the repository first. Secret values never appear in
 * what it prints or throws.
 */
public final class Main {
    static final String PREFIX = "streampilot-runner: ";
    static final int EXIT_USAGE = 2;

    private Main() {}

    public static void main(String[] args) throws Exception {
        Arguments arguments;
        List<Statement> statements;
        RuntimeValues values = new RuntimeValues(System.getenv());
        try {
            arguments = Arguments.parse(args);
            for (Map.Entry<String, String> e : arguments.values.entrySet()) values.putInline(e.getKey(), e.getValue());
            if (arguments.valuesFile != null) values.load(new File(arguments.valuesFile));
            String text = arguments.scriptText != null ? arguments.scriptText : readUtf8(new File(arguments.scriptPath));
            statements = FramedScript.parse(text);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println(PREFIX + e.getMessage());
            System.exit(EXIT_USAGE);
            return;
        }

        // Every value is filled before anything runs: a missing one must not leave half a job behind.
        List<String> filled = new ArrayList<String>(statements.size());
        for (Statement statement : statements) {
            try {
                filled.add(Placeholders.fill(statement.text, values));
            } catch (Placeholders.MissingValueException e) {
                System.err.println(PREFIX + "no value for ${" + e.name + "} (used at " + statement.where(e.offset) + ")");
                System.exit(EXIT_USAGE);
                return;
            }
        }
        Redactor redactor = new Redactor(values.secretsUsed());
        run(statements, filled, redactor);
    }

    private static void run(List<Statement> statements, List<String> filled, Redactor redactor) {
        Map<String, String> leadingSets = new LinkedHashMap<String, String>();
        TableEnvironment environment = null;
        for (int i = 0; i < statements.size(); i++) {
            Statement statement = statements.get(i);
            String sql = filled.get(i);
            SetStatement set = SetStatement.parse(sql);
            try {
                if (environment == null && set != null) {
                    leadingSets.put(set.key, set.value);
                    continue;
                }
                if (environment == null) environment = createEnvironment(leadingSets);
                if (set != null) {
                    // TableEnvironment.executeSql does not run SET (only the SQL client does): apply it to the config.
                    environment.getConfig().set(set.key, set.value);
                } else {
                    System.out.println(PREFIX + "running the statement at " + statement.where());
                    environment.executeSql(sql);
                }
            } catch (RuntimeException | Error e) {
                throw failure(statement, e, redactor);
            }
        }
        if (environment == null && !statements.isEmpty()) {
            Statement last = statements.get(statements.size() - 1);
            try {
                createEnvironment(leadingSets);
            } catch (RuntimeException | Error e) {
                throw failure(last, e, redactor);
            }
        }
    }

    private static TableEnvironment createEnvironment(Map<String, String> sets) {
        Configuration configuration = new Configuration();
        for (Map.Entry<String, String> e : sets.entrySet()) configuration.setString(e.getKey(), e.getValue());
        EnvironmentSettings settings = EnvironmentSettings.newInstance().withConfiguration(configuration).build();
        return TableEnvironment.create(settings);
    }

    /** Prints the one line the deploy report looks for, and returns what main throws (redacted). */
    private static StatementFailedException failure(Statement statement, Throwable e, Redactor redactor) {
        String line = PREFIX + "statement at " + statement.where() + " failed: " + e.getClass().getName()
                + ": " + firstLine(redactor.redact(e.getMessage()));
        System.err.println(line);
        System.err.flush();
        StatementFailedException thrown = new StatementFailedException(line, redactor.redact(e));
        thrown.setStackTrace(new StackTraceElement[0]);
        return thrown;
    }

    private static String firstLine(String message) {
        if (message == null) return "";
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl).trim();
    }

    private static String readUtf8(File file) throws IOException {
        InputStream in = new FileInputStream(file);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) out.write(buffer, 0, n);
            return new String(out.toByteArray(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("cannot read the script " + file + ": " + e.getMessage(), e);
        } finally {
            in.close();
        }
    }

    /** What main throws when a statement fails: its message is the line printed before it. */
    static final class StatementFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StatementFailedException(String message, Throwable redactedCause) {
            super(message, redactedCause);
        }
    }

    static final class Arguments {
        String scriptPath;
        String scriptText;
        String valuesFile;
        final Map<String, String> values = new LinkedHashMap<String, String>();

        static Arguments parse(String[] args) {
            Arguments a = new Arguments();
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (i + 1 >= args.length) throw new IllegalArgumentException(flag + " needs a value" + USAGE);
                String value = args[++i];
                if (flag.equals("--script")) a.scriptPath = value;
                else if (flag.equals("--script-text")) a.scriptText = value;
                else if (flag.equals("--values")) a.valuesFile = value;
                else if (flag.equals("--value")) {
                    int eq = value.indexOf('=');
                    if (eq <= 0) throw new IllegalArgumentException("--value takes <name>=<text>, not \"" + value + "\"");
                    a.values.put(value.substring(0, eq), value.substring(eq + 1));
                } else throw new IllegalArgumentException("unknown argument \"" + flag + "\"" + USAGE);
            }
            if ((a.scriptPath == null) == (a.scriptText == null)) {
                throw new IllegalArgumentException("give exactly one of --script and --script-text" + USAGE);
            }
            return a;
        }

        private static final String USAGE =
                "; usage: --script <path> | --script-text <framed script>, [--values <file>], [--value <name>=<text>]...";
    }
}

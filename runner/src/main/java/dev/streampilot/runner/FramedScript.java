package dev.streampilot.runner;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the framed script StreamPilot writes (src/runner/framed-script.ts). Each statement is
 * announced by a header line giving its length, so statement text is taken by count and never
 * searched for separators: a `;` or `--` inside a string literal cannot end or hide anything.
 */
final class FramedScript {
    static final String MAGIC = "-- streampilot framed script v1";
    private static final String HEADER = "-- @statement ";

    private FramedScript() {}

    static List<Statement> parse(String text) {
        List<Statement> out = new ArrayList<Statement>();
        int pos = lineEnd(text, 0);
        if (!stripCr(text.substring(0, pos)).equals(MAGIC)) {
            throw new IllegalArgumentException("the first line is not \"" + MAGIC + "\": this is not a script StreamPilot framed");
        }
        pos = skipNewline(text, pos);
        while (pos < text.length()) {
            int end = lineEnd(text, pos);
            String header = stripCr(text.substring(pos, end));
            if (header.isEmpty()) {
                pos = skipNewline(text, end);
                continue;
            }
            if (!header.startsWith(HEADER)) {
                throw new IllegalArgumentException("expected a \"" + HEADER + "<line> <length> <path>\" line at offset " + pos);
            }
            String[] parts = header.substring(HEADER.length()).split(" ", 3);
            if (parts.length != 3) throw new IllegalArgumentException("malformed statement header \"" + header + "\"");
            int line;
            int length;
            try {
                line = Integer.parseInt(parts[0]);
                length = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("malformed statement header \"" + header + "\"");
            }
            String path = percentDecode(parts[2]);
            int start = skipNewline(text, end);
            if (length < 0 || start + length > text.length()) {
                throw new IllegalArgumentException("the statement of " + path + ":" + line + " is cut short: the file ends before its " + length + " characters");
            }
            out.add(new Statement(path, line, text.substring(start, start + length)));
            pos = skipNewline(text, start + length);
        }
        return out;
    }

    private static int lineEnd(String text, int from) {
        int i = text.indexOf('\n', from);
        return i < 0 ? text.length() : i;
    }

    private static int skipNewline(String text, int at) {
        if (at < text.length() && text.charAt(at) == '\r') at++;
        if (at < text.length() && text.charAt(at) == '\n') at++;
        return at;
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** Only `%25`, `%0D`, `%0A` are written; any other `%` sequence is taken literally. */
    static String percentDecode(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                String code = s.substring(i + 1, i + 3).toUpperCase();
                if (code.equals("25")) { b.append('%'); i += 2; continue; }
                if (code.equals("0D")) { b.append('\r'); i += 2; continue; }
                if (code.equals("0A")) { b.append('\n'); i += 2; continue; }
            }
            b.append(c);
        }
        return b.toString();
    }
}

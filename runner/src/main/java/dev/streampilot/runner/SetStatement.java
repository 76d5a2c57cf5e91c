package dev.streampilot.runner;

/**
 * `SET 'key' = 'value'` (quotes doubled inside, as Flink's grammar escapes them) or the SQL
 * client's unquoted `SET key = value`. Anything else that starts with SET is not one of these
 * and goes to Flink as written, which reports it.
 */
final class SetStatement {
    final String key;
    final String value;

    private SetStatement(String key, String value) {
        this.key = key;
        this.value = value;
    }

    /** The key and value of a SET statement, or null when `sql` is no `SET key = value`. */
    static SetStatement parse(String sql) {
        String s = sql.trim();
        if (s.length() < 4 || !s.substring(0, 3).equalsIgnoreCase("SET") || !Character.isWhitespace(s.charAt(3))) {
            return null;
        }
        int[] pos = {skipSpace(s, 3)};
        String key = token(s, pos, true);
        if (key == null) return null;
        pos[0] = skipSpace(s, pos[0]);
        if (pos[0] >= s.length() || s.charAt(pos[0]) != '=') return null;
        pos[0] = skipSpace(s, pos[0] + 1);
        String value = token(s, pos, false);
        if (value == null || skipSpace(s, pos[0]) != s.length()) return null;
        return new SetStatement(key, value);
    }

    private static String token(String s, int[] pos, boolean stopAtEquals) {
        int i = pos[0];
        if (i >= s.length()) return null;
        if (s.charAt(i) == '\'') {
            StringBuilder b = new StringBuilder();
            for (i++; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\'') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                        b.append('\'');
                        i++;
                        continue;
                    }
                    pos[0] = i + 1;
                    return b.toString();
                }
                b.append(c);
            }
            return null;
        }
        int start = i;
        while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && !(stopAtEquals && s.charAt(i) == '=')) i++;
        if (i == start) return null;
        pos[0] = i;
        return s.substring(start, i);
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        return i;
    }
}

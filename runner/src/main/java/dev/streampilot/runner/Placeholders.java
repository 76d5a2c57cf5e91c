package dev.streampilot.runner;

/**
 * Fills `${name}` the way StreamPilot's check reads them (src/sql/variables.ts): a name is
 * [A-Za-z_][A-Za-z0-9_.-]*, `$${name}` stands for the literal `${name}`, and `${` not followed
 * by a name and `}` is plain text. One pass: a value containing `${…}` is inserted as it is.
 */
final class Placeholders {
    private Placeholders() {}

    static final class MissingValueException extends Exception {
        private static final long serialVersionUID = 1L;
        final String name;
        final int offset;

        MissingValueException(String name, int offset) {
            super(name);
            this.name = name;
            this.offset = offset;
        }
    }

    static String fill(String text, RuntimeValues values) throws MissingValueException {
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        int i = text.indexOf("${");
        while (i >= 0) {
            int close = i + 2;
            while (close < text.length() && isNameChar(text.charAt(close), close == i + 2)) close++;
            if (close == i + 2 || close >= text.length() || text.charAt(close) != '}') {
                i = text.indexOf("${", i + 2);
                continue;
            }
            String name = text.substring(i + 2, close);
            if (i > 0 && text.charAt(i - 1) == '$') {
                out.append(text, copied, i - 1).append(text, i, close + 1);
            } else {
                String value = values.lookup(name);
                if (value == null) throw new MissingValueException(name, i);
                out.append(text, copied, i).append(value);
            }
            copied = close + 1;
            i = text.indexOf("${", close + 1);
        }
        return out.append(text, copied, text.length()).toString();
    }

    private static boolean isNameChar(char c, boolean first) {
        boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
        if (first) return letter;
        return letter || (c >= '0' && c <= '9') || c == '.' || c == '-';
    }
}

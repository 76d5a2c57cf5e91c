package dev.streampilot.runner;

/** One statement of a framed script: its text and where it starts in the user's repository. */
final class Statement {
    final String path;
    final int line;
    final String text;

    Statement(String path, int line, String text) {
        this.path = path;
        this.line = line;
        this.text = text;
    }

    /** {@code path:line} of the statement's first line. */
    String where() {
        return path + ":" + line;
    }

    /** {@code path:line} of an offset inside the statement's text (line breaks are kept in the frame). */
    String where(int offset) {
        int l = line;
        for (int i = 0; i < offset && i < text.length(); i++) if (text.charAt(i) == '\n') l++;
        return path + ":" + l;
    }
}

package org.apache.flink.table.api;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** Appends one line per call to the file named by STREAMPILOT_TEST_RECORD (newlines escaped). */
final class Recorder {
    private Recorder() {}

    static void record(String line) {
        String file = System.getenv("STREAMPILOT_TEST_RECORD");
        try (Writer w = new OutputStreamWriter(new FileOutputStream(file, true), StandardCharsets.UTF_8)) {
            w.write(line.replace("\\", "\\\\").replace("\n", "\\n") + "\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

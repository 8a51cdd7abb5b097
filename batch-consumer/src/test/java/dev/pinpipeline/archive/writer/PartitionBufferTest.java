package dev.pinpipeline.archive.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class PartitionBufferTest {

    private final EventLineEncoder encoder = new EventLineEncoder();

    /** Every real pin of data/real-pins, encoded as archive lines of partition 0. */
    private List<EventLine> realPinLines() throws IOException {
        List<EventLine> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("../data/real-pins"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String pin : Files.readAllLines(file)) {
                    if (!pin.isBlank()) {
                        long offset = lines.size();
                        lines.add(encoder.encode(TestRecords.pin(0, offset,
                                Instant.parse("2026-11-26T13:00:00Z").plusMillis(offset), pin)));
                    }
                }
            }
        }
        return lines;
    }

    /** What the archiver wrote before lines were chunked: each piece of each line written to the gzip stream. */
    private static byte[] gzipPieceByPiece(List<EventLine> lines, int level) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes, 64 * 1024) {
            {
                def.setLevel(level);
            }
        }) {
            for (EventLine line : lines) {
                gzip.write(line.prefix());
                gzip.write(line.pin());
                gzip.write(EventLine.SUFFIX);
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void chunkedLinesGiveTheSameGzipBytesAsLineByLineWrites() throws IOException {
        List<EventLine> lines = realPinLines();
        assertThat(lines).hasSizeGreaterThan(1000);
        for (int level : new int[] {1, 6}) {
            PartitionBuffer buffer = new PartitionBuffer(level);
            lines.forEach(buffer::append);

            assertThat(buffer.finish()).isEqualTo(gzipPieceByPiece(lines, level));
        }
    }
}

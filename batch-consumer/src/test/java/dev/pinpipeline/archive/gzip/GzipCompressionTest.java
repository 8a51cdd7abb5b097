package dev.pinpipeline.archive.gzip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GzipCompressionTest {

    /** The real pins as archive-sized pieces: ~0.9 MB, so a libdeflate file has several members. */
    private static List<byte[]> realPinPieces() throws IOException {
        List<byte[]> pieces = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("../data/real-pins"))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String pin : Files.readAllLines(file)) {
                    if (!pin.isBlank()) {
                        pieces.add(("{\"offset\":" + pieces.size() + ",\"pin\":").getBytes(StandardCharsets.UTF_8));
                        pieces.add(pin.getBytes(StandardCharsets.UTF_8));
                        pieces.add("}\n".getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return pieces;
    }

    private static byte[] concat(List<byte[]> pieces) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        pieces.forEach(all::writeBytes);
        return all.toByteArray();
    }

    private static byte[] gunzip(byte[] gzip) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes(); // reads every member of a multi-member file
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static GzipCompression compression(GzipLibrary library) {
        assumeTrue(
                library != GzipLibrary.LIBDEFLATE || Libdeflate.isAvailable(),
                () -> "libdeflate is not installed here: " + Libdeflate.describe());
        return GzipCompression.of(library, 1);
    }

    @ParameterizedTest
    @EnumSource(
            value = GzipLibrary.class,
            names = {"JDK", "LIBDEFLATE"})
    void aFileDecompressesToExactlyTheBytesWritten(GzipLibrary library) throws IOException {
        List<byte[]> pieces = realPinPieces();
        GzipStream stream = compression(library).newStream();
        pieces.forEach(stream::write);

        byte[] file = stream.finish();

        byte[] lines = concat(pieces);
        assertThat(lines.length).isGreaterThan(3 * LibdeflateGzipStream.MEMBER_SIZE);
        assertThat(gunzip(file)).isEqualTo(lines);
        assertThat(file.length).isLessThan(lines.length / 3);
    }

    @ParameterizedTest
    @EnumSource(
            value = GzipLibrary.class,
            names = {"JDK", "LIBDEFLATE"})
    void theSameBytesGiveTheSameFileHoweverTheyAreSplitIntoWrites(GzipLibrary library) throws IOException {
        byte[] lines = concat(realPinPieces());
        GzipCompression gzip = compression(library);
        GzipStream whole = gzip.newStream();
        whole.write(lines);
        GzipStream split = gzip.newStream();
        Random random = new Random(42);
        for (int at = 0; at < lines.length; ) {
            int length = Math.min(lines.length - at, 1 + random.nextInt(5000));
            split.write(lines, at, length);
            at += length;
        }

        assertThat(split.finish()).isEqualTo(whole.finish());
    }

    @ParameterizedTest
    @EnumSource(
            value = GzipLibrary.class,
            names = {"JDK", "LIBDEFLATE"})
    void aStreamServesFileAfterFileAndADiscardedFileLeavesNoTrace(GzipLibrary library) {
        GzipCompression gzip = compression(library);
        byte[] first = "{\"a\":1}\n".repeat(50_000).getBytes(StandardCharsets.UTF_8);
        byte[] second = "{\"b\":2}\n".repeat(10).getBytes(StandardCharsets.UTF_8);
        GzipStream stream = gzip.newStream();

        stream.write(first);
        byte[] firstFile = stream.finish();
        stream.write(first, 0, 1000);
        stream.discard();
        stream.write(second);
        byte[] secondFile = stream.finish();

        GzipStream fresh = gzip.newStream();
        fresh.write(second);
        assertThat(secondFile).isEqualTo(fresh.finish());
        assertThat(gunzip(firstFile)).isEqualTo(first);
        assertThat(gunzip(secondFile)).isEqualTo(second);
    }

    @Test
    void theJdkWritesWhatOneGzipOutputStreamWouldWriteFromTheSameBytes() throws IOException {
        List<byte[]> pieces = realPinPieces();
        GzipStream stream = GzipCompression.jdk(1).newStream();
        pieces.forEach(stream::write);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(expected) {
            {
                def.setLevel(1);
            }
        }) {
            for (byte[] piece : pieces) {
                gzip.write(piece);
            }
        }

        assertThat(stream.finish()).isEqualTo(expected.toByteArray());
    }

    @Test
    void libdeflateWritesOneGzipMemberPer256KiBOfLines() throws IOException {
        GzipStream stream = compression(GzipLibrary.LIBDEFLATE).newStream();
        byte[] lines = concat(realPinPieces());
        stream.write(lines);

        byte[] file = stream.finish();

        int members = 0;
        for (int i = 0; i + 2 < file.length; i++) {
            // a member starts with the gzip magic and the deflate method; libdeflate's header has no name or time
            if ((file[i] & 0xff) == 0x1f && (file[i + 1] & 0xff) == 0x8b && file[i + 2] == 8 && gunzipsFrom(file, i)) {
                members++;
            }
        }
        assertThat(members)
                .isEqualTo((lines.length + LibdeflateGzipStream.MEMBER_SIZE - 1) / LibdeflateGzipStream.MEMBER_SIZE);
    }

    private static boolean gunzipsFrom(byte[] file, int at) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(file, at, file.length - at))) {
            in.readAllBytes();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void autoPicksLibdeflateWhereItLoadsAndSaysWhichLibraryWritesTheArchive() {
        GzipCompression auto = GzipCompression.of(GzipLibrary.AUTO, 1);

        assertThat(auto.usesLibdeflate()).isEqualTo(Libdeflate.isAvailable());
        assertThat(auto.toString())
                .startsWith(Libdeflate.isAvailable() ? "libdeflate (" : "java.util.zip, level 1, as");
        assertThat(GzipCompression.of(GzipLibrary.JDK, 1)).hasToString("java.util.zip, level 1");
    }
}

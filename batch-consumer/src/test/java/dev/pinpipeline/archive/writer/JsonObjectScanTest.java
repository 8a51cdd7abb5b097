package dev.pinpipeline.archive.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

class JsonObjectScanTest {

    private static final JsonFactory JACKSON = new JsonFactory();

    @Test
    void acceptsEveryRealPin() throws IOException {
        List<byte[]> pins = realPins();

        assertThat(pins).hasSizeGreaterThan(1000);
        assertThat(pins).allSatisfy(pin -> assertThat(JsonObjectScan.scan(pin)).isEqualTo(JsonObjectScan.OBJECT));
    }

    @Test
    void acceptsObjectsOfEveryKindOfValue() {
        assertThat(scan("{}")).isEqualTo(JsonObjectScan.OBJECT);
        assertThat(scan(" \t{\"a\":[1,-0,0.5,-1.25e+10,2E-3,true,false,null,{},[],\"\"]} "))
                .isEqualTo(JsonObjectScan.OBJECT);
        assertThat(scan("{\"a\":\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\uD83D\\uDE00\"}"))
                .isEqualTo(JsonObjectScan.OBJECT);
        assertThat(scan("{\"caf\u00e9\":\"\u20ac \uD83D\uDE00 \u0800 \uFFFF\"}"))
                .isEqualTo(JsonObjectScan.OBJECT);
        assertThat(scan("{\"a\":1,\r\n\"b\":2}\n")).isEqualTo(JsonObjectScan.OBJECT_WITH_LINE_BREAK);
    }

    @Test
    void leavesToJacksonWhatIsNotOneStrictJsonObject() {
        for (String value : List.of(
                "",
                " ",
                "[]",
                "\"x\"",
                "1",
                "{",
                "{\"a\":1",
                "{\"a\":1,}",
                "{\"a\" 1}",
                "{a:1}",
                "{'a':1}",
                "{\"a\":01}",
                "{\"a\":1.}",
                "{\"a\":.5}",
                "{\"a\":-}",
                "{\"a\":1e}",
                "{\"a\":+1}",
                "{\"a\":tru}",
                "{\"a\":True}",
                "{\"a\":NaN}",
                "{\"a\":\"\\x\"}",
                "{\"a\":\"\\u12g4\"}",
                "{\"a\":\"tab\there\"}",
                "{\"a\":\"line\nbreak\"}",
                "{} {}",
                "{}x",
                "{\"a\":1}//",
                "{/*c*/}",
                "\u000c{}",
                "{\"a\":[1,]}",
                "{\"a\":[1 2]}")) {
            assertThat(scan(value)).as(value).isEqualTo(JsonObjectScan.NOT_ACCEPTED);
        }
        for (int[] bytes : List.of(
                new int[] {0x80},
                new int[] {0xC0, 0x80},
                new int[] {0xC3},
                new int[] {0xE0, 0x80, 0x80},
                new int[] {0xED, 0xA0, 0x80},
                new int[] {0xF4, 0x90, 0x80, 0x80},
                new int[] {0xF5, 0x80, 0x80, 0x80},
                new int[] {0xFF})) {
            assertThat(JsonObjectScan.scan(inString(bytes)))
                    .as(Arrays.toString(bytes))
                    .isEqualTo(JsonObjectScan.NOT_ACCEPTED);
        }
        assertThat(scan("{\"a\":" + "[".repeat(64) + "]".repeat(64) + "}")).isEqualTo(JsonObjectScan.NOT_ACCEPTED);
        assertThat(scan("{\"a\":" + "1".repeat(101) + "}")).isEqualTo(JsonObjectScan.NOT_ACCEPTED);
        assertThat(scan("{\"" + "n".repeat(1001) + "\":1}")).isEqualTo(JsonObjectScan.NOT_ACCEPTED);
    }

    /** The scan reads strings eight bytes at a time: a byte that matters is seen at every place in a word. */
    @Test
    void seesEveryByteOfALongStringWherever() {
        String plain = "x".repeat(40);
        for (int at = 0; at < plain.length(); at++) {
            String before = plain.substring(0, at);
            String after = plain.substring(at);
            for (String bad : List.of("\u0001", "\u001f", "\t", "\\x", "\n")) {
                assertThat(scan("{\"a\":\"" + before + bad + after + "\"}"))
                        .as(at + " " + bad)
                        .isEqualTo(JsonObjectScan.NOT_ACCEPTED);
            }
            for (int[] bytes :
                    List.of(new int[] {0x80}, new int[] {0xC3}, new int[] {0xED, 0xA0, 0x80}, new int[] {0xFF})) {
                byte[] value = (("{\"a\":\"" + before + "@" + after + "\"}")).getBytes(StandardCharsets.US_ASCII);
                byte[] damaged = new byte[value.length - 1 + bytes.length];
                int marker = 6 + at;
                System.arraycopy(value, 0, damaged, 0, marker);
                for (int i = 0; i < bytes.length; i++) {
                    damaged[marker + i] = (byte) bytes[i];
                }
                System.arraycopy(value, marker + 1, damaged, marker + bytes.length, value.length - marker - 1);
                assertThat(JsonObjectScan.scan(damaged))
                        .as(at + " " + Arrays.toString(bytes))
                        .isEqualTo(JsonObjectScan.NOT_ACCEPTED);
            }
            for (String good : List.of("\\n", "\\\"", "\\u00e9", "\u00e9", "\u20ac", "\uD83D\uDE00")) {
                assertThat(scan("{\"a\":\"" + before + good + after + "\"}"))
                        .as(at + " " + good)
                        .isEqualTo(JsonObjectScan.OBJECT);
            }
            assertThat(scan("{\"a\":\"" + before + "\"}")).isEqualTo(JsonObjectScan.OBJECT);
            assertThat(scan("{\"a\":\"" + before)).isEqualTo(JsonObjectScan.NOT_ACCEPTED);
        }
    }

    /** Real pins with random damage: whatever the scan accepts, Jackson accepts, with the same line-break verdict. */
    @Test
    void neverAcceptsWhatJacksonRejects() throws IOException {
        List<byte[]> pins = realPins();
        byte[] interesting = {
            '"',
            '\\',
            '{',
            '}',
            '[',
            ']',
            ',',
            ':',
            '0',
            '1',
            '-',
            '+',
            '.',
            'e',
            'u',
            't',
            'n',
            ' ',
            '\n',
            '\r',
            '\t',
            0x00,
            0x1f,
            0x7f,
            (byte) 0x80,
            (byte) 0xBF,
            (byte) 0xC0,
            (byte) 0xC3,
            (byte) 0xE0,
            (byte) 0xED,
            (byte) 0xF0,
            (byte) 0xF4,
            (byte) 0xF5,
            (byte) 0xFF
        };
        Random random = new Random(42);
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] value = pins.get(random.nextInt(pins.size()));
            for (int damage = 1 + random.nextInt(3); damage > 0 && value.length > 1; damage--) {
                value = damage(value, random, interesting);
            }
            int scan = JsonObjectScan.scan(value);
            Boolean jacksonLineBreak = jacksonObjectLineBreak(value);
            if (scan != JsonObjectScan.NOT_ACCEPTED) {
                accepted++;
                assertThat(jacksonLineBreak)
                        .as(new String(value, StandardCharsets.ISO_8859_1))
                        .isNotNull()
                        .isEqualTo(scan == JsonObjectScan.OBJECT_WITH_LINE_BREAK);
            } else {
                rejected++;
            }
        }
        assertThat(accepted).as("damaged pins the scan still accepts").isGreaterThan(1000);
        assertThat(rejected).as("damaged pins the scan leaves to Jackson").isGreaterThan(1000);
    }

    private static byte[] damage(byte[] value, Random random, byte[] interesting) {
        int at = random.nextInt(value.length);
        byte replacement =
                random.nextBoolean() ? interesting[random.nextInt(interesting.length)] : (byte) random.nextInt(256);
        return switch (random.nextInt(4)) {
            case 0 -> {
                byte[] copy = value.clone();
                copy[at] = replacement;
                yield copy;
            }
            case 1 -> {
                byte[] copy = new byte[value.length + 1];
                System.arraycopy(value, 0, copy, 0, at);
                copy[at] = replacement;
                System.arraycopy(value, at, copy, at + 1, value.length - at);
                yield copy;
            }
            case 2 -> {
                byte[] copy = new byte[value.length - 1];
                System.arraycopy(value, 0, copy, 0, at);
                System.arraycopy(value, at + 1, copy, at, value.length - at - 1);
                yield copy;
            }
            default -> Arrays.copyOf(value, at);
        };
    }

    /** Null when Jackson rejects the value as one JSON object, else whether it skipped a line break. */
    private static Boolean jacksonObjectLineBreak(byte[] value) {
        try (JsonParser parser = JACKSON.createParser(ObjectReadContext.empty(), value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                return null;
            }
            return parser.currentLocation().getLineNr() > 1;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static int scan(String value) {
        return JsonObjectScan.scan(value.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] inString(int[] bytes) {
        byte[] value = new byte[bytes.length + 9];
        byte[] start = "{\"a\":\"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(start, 0, value, 0, start.length);
        for (int i = 0; i < bytes.length; i++) {
            value[start.length + i] = (byte) bytes[i];
        }
        value[value.length - 3] = '"';
        value[value.length - 2] = '}';
        value[value.length - 1] = ' ';
        return value;
    }

    private static List<byte[]> realPins() throws IOException {
        List<byte[]> pins = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("../data/real-pins"))) {
            for (Path file : files.sorted().toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        pins.add(line.getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return pins;
    }
}

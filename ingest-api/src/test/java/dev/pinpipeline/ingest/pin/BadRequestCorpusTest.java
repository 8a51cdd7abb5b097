package dev.pinpipeline.ingest.pin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.pinpipeline.ingest.RealPins;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The bad-request corpus: each request is turned away with the right status and an RFC 9457 problem body naming
 * what is wrong, and nothing reaches the producer. (A stand-in producer here; the ITs prove the same against a real
 * broker.)
 */
@SpringBootTest(
        properties = {"spring.kafka.bootstrap-servers=127.0.0.1:1", "ingest.bulk-limit=4", "ingest.max-bulk-size=200KB"
        })
class BadRequestCorpusTest {

    private static final String PIN = RealPins.first(RealPins.OLDER);

    private static final String REQUIRED = """
			"index": 1, "unique_id": "fbe53c66-3442-4773-b19e-d3ec6f54dddf", "category": "art\"""";

    @TestConfiguration
    static class StandInProducer {

        @Bean
        @Primary
        MockProducer<String, byte[]> mockProducer() {
            return new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        }
    }

    @Autowired
    private WebApplicationContext context;

    @Autowired
    private MockProducer<String, byte[]> producer;

    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).build();
        producer.clear();
    }

    /** A bad request: what it is, where it goes, and what the answer must say. */
    record Bad(String name, String path, String contentType, byte[] body, int status, String field) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static Bad bad(String name, String body, int status, String field) {
        return bad(name, body.getBytes(StandardCharsets.UTF_8), status, field);
    }

    private static Bad bad(String name, byte[] body, int status, String field) {
        return new Bad(name, "/pin/", MediaType.APPLICATION_JSON_VALUE, body, status, field);
    }

    private static Bad invalid(String name, String body, String field) {
        return bad(name, body, 422, field);
    }

    private static Bad withField(String name, String field, String value) {
        return invalid(name, "{" + REQUIRED + ", \"" + field + "\": " + value + "}", field);
    }

    private static byte[] bytes(String before, byte[] middle, String after) {
        byte[] a = before.getBytes(StandardCharsets.UTF_8);
        byte[] c = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(middle, 0, all, a.length, middle.length);
        System.arraycopy(c, 0, all, a.length + middle.length, c.length);
        return all;
    }

    static Stream<Bad> corpus() {
        List<Bad> corpus = new ArrayList<>();
        // 400: not JSON at all
        corpus.add(bad("empty body", "", 400, null));
        corpus.add(bad("only white space", "  \n ", 400, null));
        corpus.add(bad("unterminated object", "{\"index\": 1", 400, null));
        corpus.add(bad("trailing comma", "{" + REQUIRED + ",}", 400, null));
        corpus.add(bad("single quotes", "{'index': 1}", 400, null));
        corpus.add(bad("unquoted field name", "{index: 1}", 400, null));
        corpus.add(bad("missing comma", "{\"index\": 1 \"category\": \"art\"}", 400, null));
        corpus.add(bad("trailing garbage", PIN + " xyz", 400, null));
        corpus.add(bad("two objects", PIN + PIN, 400, null));
        corpus.add(bad("comment", "/* pin */ " + PIN, 400, null));
        corpus.add(bad("NaN", "{\"index\": NaN}", 400, null));
        corpus.add(bad("leading zero", "{\"index\": 012}", 400, null));
        corpus.add(bad("raw newline in a string", "{\"title\": \"a\nb\"}", 400, null));
        corpus.add(bad("bad escape", "{\"title\": \"\\x41\"}", 400, null));
        corpus.add(bad("plain text", "hello", 400, null));
        corpus.add(bad("duplicate field", "{" + REQUIRED + ", \"index\": 2}", 400, null));
        corpus.add(bad(
                "invalid UTF-8 byte",
                bytes("{" + REQUIRED + ", \"title\": \"", new byte[] {(byte) 0xC3, 0x28}, "\"}"),
                400,
                null));
        corpus.add(bad(
                "lone UTF-8 continuation byte",
                bytes("{" + REQUIRED + ", \"title\": \"", new byte[] {(byte) 0x80}, "\"}"),
                400,
                null));
        corpus.add(bad(
                "overlong UTF-8",
                bytes("{" + REQUIRED + ", \"title\": \"", new byte[] {(byte) 0xC0, (byte) 0xAF}, "\"}"),
                400,
                null));
        corpus.add(bad(
                "UTF-8 encoded surrogate",
                bytes("{" + REQUIRED + ", \"title\": \"", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "\"}"),
                400,
                null));
        corpus.add(bad(
                "UTF-8 above U+10FFFF",
                bytes(
                        "{" + REQUIRED + ", \"title\": \"",
                        new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                        "\"}"),
                400,
                null));
        corpus.add(bad(
                "Latin-1 body",
                bytes("{" + REQUIRED + ", \"title\": \"caf", new byte[] {(byte) 0xE9}, "\"}"),
                400,
                null));
        corpus.add(bad(
                "truncated UTF-8 sequence",
                bytes("{" + REQUIRED + ", \"title\": \"", new byte[] {(byte) 0xE2, (byte) 0x80}, "\"}"),
                400,
                null));
        // RFC 8259 §8.1: UTF-8 only, so UTF-16 and UTF-32 are refused with or without a byte order mark
        corpus.add(bad("UTF-16LE without a byte order mark", PIN.getBytes(StandardCharsets.UTF_16LE), 400, null));
        corpus.add(bad("UTF-16BE without a byte order mark", PIN.getBytes(StandardCharsets.UTF_16BE), 400, null));
        corpus.add(bad("UTF-16 with a byte order mark", PIN.getBytes(StandardCharsets.UTF_16), 400, null));
        corpus.add(bad("UTF-32LE without a byte order mark", PIN.getBytes(Charset.forName("UTF-32LE")), 400, null));
        corpus.add(bad("UTF-32BE without a byte order mark", PIN.getBytes(Charset.forName("UTF-32BE")), 400, null));
        corpus.add(bad(
                "a raw NUL byte in a string",
                bytes("{" + REQUIRED + ", \"title\": \"", new byte[] {0}, "\"}"),
                400,
                null));
        corpus.add(new Bad(
                "bulk: a UTF-16LE array",
                "/pins",
                MediaType.APPLICATION_JSON_VALUE,
                ("[" + PIN + "]").getBytes(StandardCharsets.UTF_16LE),
                400,
                null));
        corpus.add(new Bad(
                "bulk: UTF-16LE NDJSON",
                "/pins",
                "application/x-ndjson",
                (PIN + "\n" + PIN + "\n").getBytes(StandardCharsets.UTF_16LE),
                400,
                null));
        corpus.add(bad(
                "deeply nested unknown field",
                "{" + REQUIRED + ", \"x\": " + "[".repeat(100) + "]".repeat(100) + "}",
                400,
                null));
        corpus.add(bad("deeply nested arrays", "[".repeat(10_000) + "]".repeat(10_000), 400, null));
        // 422: JSON, but not a pin
        corpus.add(invalid("an array where an object belongs", "[" + PIN + "]", "$"));
        corpus.add(invalid("a string", "\"pin\"", "$"));
        corpus.add(invalid("a number", "42", "$"));
        corpus.add(invalid("null", "null", "$"));
        corpus.add(invalid("empty object", "{}", "index"));
        corpus.add(invalid(
                "missing index",
                "{\"unique_id\": \"fbe53c66-3442-4773-b19e-d3ec6f54dddf\", " + "\"category\": \"art\"}",
                "index"));
        corpus.add(invalid("missing unique_id", "{\"index\": 1, \"category\": \"art\"}", "unique_id"));
        corpus.add(invalid(
                "missing category",
                "{\"index\": 1, \"unique_id\": " + "\"fbe53c66-3442-4773-b19e-d3ec6f54dddf\"}",
                "category"));
        corpus.add(invalid("negative index", PIN.replace("\"index\": 7528", "\"index\": -1"), "index"));
        corpus.add(invalid("fractional index", PIN.replace("\"index\": 7528", "\"index\": 7528.5"), "index"));
        corpus.add(invalid("index in exponent form", PIN.replace("\"index\": 7528", "\"index\": 7.528e3"), "index"));
        corpus.add(
                invalid("index over the int range", PIN.replace("\"index\": 7528", "\"index\": 2147483648"), "index"));
        corpus.add(
                invalid("index as a signed string", PIN.replace("\"index\": 7528", "\"index\": \"-7528\""), "index"));
        corpus.add(invalid("index as a word", PIN.replace("\"index\": 7528", "\"index\": \"seven\""), "index"));
        corpus.add(invalid("index as a boolean", PIN.replace("\"index\": 7528", "\"index\": true"), "index"));
        corpus.add(invalid("index null", PIN.replace("\"index\": 7528", "\"index\": null"), "index"));
        corpus.add(invalid(
                "unique_id not a UUID", PIN.replace("fbe53c66-3442-4773-b19e-d3ec6f54dddf", "abc"), "unique_id"));
        corpus.add(invalid(
                "unique_id without dashes",
                PIN.replace("fbe53c66-3442-4773-b19e-d3ec6f54dddf", "fbe53c6634424773b19ed3ec6f54dddf"),
                "unique_id"));
        corpus.add(invalid(
                "unique_id with a non-hex digit",
                PIN.replace("fbe53c66-3442-4773-b19e-d3ec6f54dddf", "zbe53c66-3442-4773-b19e-d3ec6f54dddf"),
                "unique_id"));
        corpus.add(invalid(
                "unique_id as a number",
                PIN.replace("\"fbe53c66-3442-4773-b19e-d3ec6f54dddf\"", "12345"),
                "unique_id"));
        corpus.add(invalid("category as a number", PIN.replace("\"mens-fashion\",", "5,"), "category"));
        corpus.add(invalid("blank category", PIN.replace("\"mens-fashion\",", "\" \","), "category"));
        corpus.add(withField("title as a number", "title", "5"));
        corpus.add(withField("description as an object", "description", "{\"text\": \"x\"}"));
        corpus.add(withField("poster_name as an array", "poster_name", "[\"Bored Panda\"]"));
        corpus.add(withField("tag_list as an array", "tag_list", "[\"a\", \"b\"]"));
        corpus.add(withField("is_image_or_video as a boolean", "is_image_or_video", "true"));
        corpus.add(withField("image_src as a number", "image_src", "404"));
        corpus.add(withField("save_location as an object", "save_location", "{}"));
        corpus.add(withField("follower_count as a fraction", "follower_count", "1.5"));
        corpus.add(withField("follower_count as a boolean", "follower_count", "false"));
        corpus.add(withField("downloaded yes", "downloaded", "\"yes\""));
        corpus.add(withField("downloaded as a string of a digit", "downloaded", "\"1\""));
        corpus.add(withField("downloaded 2", "downloaded", "2"));
        corpus.add(withField("downloaded -1", "downloaded", "-1"));
        corpus.add(withField("downloaded 0.5", "downloaded", "0.5"));
        // 422: text the contract forbids (§1), in the three shapes the issue found
        corpus.add(invalid(
                "title with an escaped NUL", PIN.replace("\"No Title Data Available\"", "\"a\\u0000b\""), "title"));
        corpus.add(invalid(
                "category ending in an escaped NUL", PIN.replace("\"mens-fashion\",", "\"art\\u0000\","), "category"));
        corpus.add(invalid(
                "title starting with a lone surrogate",
                PIN.replace("\"No Title Data Available\"", "\"\\ud800No Title Data Available\""),
                "title"));
        corpus.add(withField("description with a lone low surrogate", "description", "\"x\\udc00\""));
        corpus.add(withField("follower_count with an escaped NUL", "follower_count", "\"12\\u0000k\""));
        // 413, 415
        corpus.add(bad("body over 64 KB", "{" + REQUIRED + ", \"title\": \"" + "x".repeat(70_000) + "\"}", 413, null));
        corpus.add(new Bad(
                "text/plain",
                "/pin/",
                MediaType.TEXT_PLAIN_VALUE,
                PIN.getBytes(StandardCharsets.UTF_8),
                415,
                "Content-Type"));
        corpus.add(new Bad(
                "form encoded",
                "/pin",
                MediaType.APPLICATION_FORM_URLENCODED_VALUE,
                PIN.getBytes(StandardCharsets.UTF_8),
                415,
                "Content-Type"));
        corpus.add(new Bad(
                "XML",
                "/pin",
                MediaType.APPLICATION_XML_VALUE,
                "<pin/>".getBytes(StandardCharsets.UTF_8),
                415,
                "Content-Type"));
        corpus.add(new Bad("no Content-Type", "/pin", null, PIN.getBytes(StandardCharsets.UTF_8), 415, "Content-Type"));
        // /pins: the whole request is bad
        corpus.add(new Bad(
                "bulk: an object where an array belongs",
                "/pins",
                MediaType.APPLICATION_JSON_VALUE,
                PIN.getBytes(StandardCharsets.UTF_8),
                422,
                "$"));
        corpus.add(new Bad(
                "bulk: malformed array",
                "/pins",
                MediaType.APPLICATION_JSON_VALUE,
                ("[" + PIN + ",").getBytes(StandardCharsets.UTF_8),
                400,
                null));
        corpus.add(new Bad(
                "bulk: more pins than the limit",
                "/pins",
                MediaType.APPLICATION_JSON_VALUE,
                ("[" + PIN + "," + PIN + "," + PIN + "," + PIN + "," + PIN + "]").getBytes(StandardCharsets.UTF_8),
                413,
                null));
        corpus.add(new Bad(
                "bulk: NDJSON over the limit",
                "/pins",
                "application/x-ndjson",
                (PIN + "\n" + PIN + "\n" + PIN + "\n" + PIN + "\n" + PIN + "\n").getBytes(StandardCharsets.UTF_8),
                413,
                null));
        corpus.add(new Bad(
                "bulk: body over the size limit",
                "/pins",
                MediaType.APPLICATION_JSON_VALUE,
                ("[" + ("{\"title\": \"" + "x".repeat(1000) + "\"},").repeat(250) + "{}]")
                        .getBytes(StandardCharsets.UTF_8),
                413,
                null));
        corpus.add(new Bad(
                "bulk: text/plain",
                "/pins",
                MediaType.TEXT_PLAIN_VALUE,
                ("[" + PIN + "]").getBytes(StandardCharsets.UTF_8),
                415,
                "Content-Type"));
        return corpus.stream();
    }

    @Test
    void theCorpusHasAtLeastFortyDistinctBadRequests() {
        assertThat(corpus().map(Bad::name).distinct().count()).isGreaterThanOrEqualTo(40);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isTurnedAwayWithAProblemAndNothingReachesKafka(Bad bad) throws Exception {
        var request = post(bad.path()).content(bad.body());
        if (bad.contentType() != null) {
            request.contentType(bad.contentType());
        }
        var result = mvc.perform(request)
                .andExpect(status().is(bad.status()))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(bad.status()))
                .andExpect(jsonPath("$.type").value(startsWith("urn:pinpipeline:problem:")))
                .andExpect(jsonPath("$.detail").isNotEmpty());
        if (bad.field() != null) {
            result.andExpect(jsonPath("$.errors[*].field").value(hasItem(bad.field())));
        }
        assertThat(producer.history()).as("records sent to Kafka").isEmpty();
    }

    @Test
    void aValidPinIsProducedWithItsKeyAndAnswered() throws Exception {
        mvc.perform(post("/pin/").contentType(MediaType.APPLICATION_JSON).content(PIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.event_id").isNotEmpty())
                .andExpect(jsonPath("$.topic").value("PinterestTopic"))
                .andExpect(jsonPath("$.offset").isNumber());
        assertThat(producer.history())
                .singleElement()
                .satisfies(record -> assertThat(record.key()).isEqualTo("fbe53c66-3442-4773-b19e-d3ec6f54dddf"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "two words", "caf\u00e9"})
    void anInvalidIdempotencyKeyIsABadRequestNamingTheHeaderAndNothingReachesKafka(String key) throws Exception {
        for (String path : List.of("/pin/", "/pins")) {
            String body = path.equals("/pins") ? "[" + PIN + "]" : PIN;
            mvc.perform(post(path)
                            .contentType(MediaType.APPLICATION_JSON)
                            .header("Idempotency-Key", key)
                            .content(body))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.type").value("urn:pinpipeline:problem:invalid_idempotency_key"))
                    .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
        }
        assertThat(producer.history()).as("records sent to Kafka").isEmpty();
    }

    @Test
    void withAnIdempotencyKeyTheEventIdIsDerivedFromTheKeyAndTheValueWithoutOneItIsRandom() throws Exception {
        String key = "8e03978e-40d5-43e8-bc93-6894a57f9324";
        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/pin/")
                            .contentType(MediaType.APPLICATION_JSON)
                            .header("Idempotency-Key", key)
                            .content(PIN))
                    .andExpect(status().isOk());
            mvc.perform(post("/pin/").contentType(MediaType.APPLICATION_JSON).content(PIN))
                    .andExpect(status().isOk());
        }
        mvc.perform(post("/pins")
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("Idempotency-Key", key)
                        .content("[" + PIN + "," + PIN + "]"))
                .andExpect(status().isOk());

        List<String> eventIds =
                producer.history().stream().map(BadRequestCorpusTest::eventId).toList();
        byte[] value = producer.history().get(0).value();
        UUID derived = UUID.nameUUIDFromBytes(concat((key + "\n").getBytes(StandardCharsets.UTF_8), value));
        assertThat(eventIds.get(0)).isEqualTo(derived.toString()).isEqualTo(eventIds.get(2));
        assertThat(UUID.fromString(eventIds.get(1)).version()).isEqualTo(4);
        assertThat(UUID.fromString(eventIds.get(3)).version()).isEqualTo(4);
        assertThat(eventIds.get(1)).isNotEqualTo(eventIds.get(3));
        assertThat(eventIds.get(4))
                .isEqualTo(UUID.nameUUIDFromBytes(concat((key + "\n0\n").getBytes(StandardCharsets.UTF_8), value))
                        .toString());
        assertThat(eventIds.get(5))
                .isEqualTo(UUID.nameUUIDFromBytes(concat((key + "\n1\n").getBytes(StandardCharsets.UTF_8), value))
                        .toString());
    }

    @Test
    void aPinWithControlCharactersAndNonCharactersIsProducedWithItsTextUnchanged() throws Exception {
        String title = "tab\there\u0001\u001b\u007f\u0085\u009f\ufdd0\ufffe\uffff\ud83f\udffe\ud83d\ude00";
        String body = "{" + REQUIRED + ", \"title\": \""
                + title.replace("\t", "\\t").replace("\u0001", "\\u0001").replace("\u001b", "\\u001B") + "\"}";
        mvc.perform(post("/pin/").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk());

        byte[] value = producer.history().get(0).value();
        assertThat(new PinJson().readValue(value).get("title").stringValue()).isEqualTo(title);
        assertThat(new String(value, StandardCharsets.UTF_8)).contains("\ufffe\uffff\ud83f\udffe");
    }

    @Test
    void aBulkRequestRejectsOnlyThePinWithForbiddenTextNamingItsField() throws Exception {
        String forbidden = PIN.replace("\"No Title Data Available\"", "\"\\ud800\"");
        mvc.perform(post("/pins").contentType(MediaType.APPLICATION_JSON).content("[" + PIN + "," + forbidden + "]"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(1))
                .andExpect(jsonPath("$.results[1].status").value("rejected"))
                .andExpect(jsonPath("$.results[1].errors[0].field").value("title"));
        assertThat(producer.history()).hasSize(1);
    }

    @Test
    void aUtf8ByteOrderMarkIsIgnored() throws Exception {
        byte[] body = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, PIN.getBytes(StandardCharsets.UTF_8));
        mvc.perform(post("/pin/").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk());
        assertThat(producer.history())
                .singleElement()
                .satisfies(record -> assertThat(record.value()[0]).isEqualTo((byte) '{'));
    }

    private static String eventId(ProducerRecord<String, byte[]> record) {
        return new String(record.headers().lastHeader("event_id").value(), StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void aBulkRequestAnswersPerPin() throws Exception {
        String body = PIN + "\n{\"index\": 1}\nnot json\n\n" + PIN + "\n";
        mvc.perform(post("/pins").contentType("application/x-ndjson").content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(2))
                .andExpect(jsonPath("$.rejected").value(2))
                .andExpect(jsonPath("$.results[0].status").value("accepted"))
                .andExpect(jsonPath("$.results[1].status").value("rejected"))
                .andExpect(jsonPath("$.results[1].errors[*].field").value(hasItem("unique_id")))
                .andExpect(jsonPath("$.results[2].status").value("rejected"))
                .andExpect(jsonPath("$.results[2].message").value(startsWith("line 3: Malformed JSON")))
                .andExpect(jsonPath("$.results[3].item").value(3))
                .andExpect(jsonPath("$.results[3].status").value("accepted"));
        assertThat(producer.history()).hasSize(2);
    }
}

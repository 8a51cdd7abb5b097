package dev.pinpipeline.cleaning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinpipeline.spark.LocalSpark;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each rule of the contract's §2, with its examples and edge cases. */
class PinCleaningTest {

    private static final String UUID = "fbe53c66-3442-4773-b19e-d3ec6f54dddf";
    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.session();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /** A valid pin with the given extra members, e.g. {@code "title":"x"}. */
    private static String pin(String members) {
        return "{\"index\":1,\"unique_id\":\"" + UUID + "\"" + (members.isEmpty() ? "" : "," + members) + "}";
    }

    private static Row clean(String value) {
        Row row = RawEventRows.classifyOne(spark, value);
        assertThat(row.<String>getAs("reject_reason"))
                .as("reject reason of %s", value)
                .isNull();
        return row;
    }

    private static String reasonFor(String value) {
        return RawEventRows.classifyOne(spark, value).getAs("reject_reason");
    }

    @Nested
    class WorkedExamples {

        @Test
        void index7528WithEveryPlaceholderCleansToNulls() {
            Row row = clean(
                    "{\"index\":7528,\"unique_id\":\"fbe53c66-3442-4773-b19e-d3ec6f54dddf\",\"title\":\"No Title Data Available\",\"description\":\"No description available Story format\",\"poster_name\":\"User Info Error\",\"follower_count\":\"User Info Error\",\"tag_list\":\"N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e\",\"is_image_or_video\":\"multi-video(story page format)\",\"image_src\":\"Image src error.\",\"downloaded\":0,\"save_location\":\"Local save in /data/mens-fashion\",\"category\":\"mens-fashion\"}");

            assertThat(row.<Integer>getAs("ind")).isEqualTo(7528);
            assertThat(row.<String>getAs("unique_id")).isEqualTo("fbe53c66-3442-4773-b19e-d3ec6f54dddf");
            for (String column :
                    List.of("title", "description", "poster_name", "follower_count", "tag_list", "image_src")) {
                assertThat(row.<Object>getAs(column)).as(column).isNull();
            }
            assertThat(row.<String>getAs("is_image_or_video")).isEqualTo("story");
            assertThat(row.<Boolean>getAs("downloaded")).isFalse();
            assertThat(row.<String>getAs("save_location")).isEqualTo("/data/mens-fashion");
            assertThat(row.<String>getAs("category")).isEqualTo("mens-fashion");
        }

        @Test
        void index2863CountsFollowersAndSplitsTags() throws IOException {
            String raw = RealPinsCleaningTest.realPins().stream()
                    .filter(value -> value.contains("\"index\": 2863,"))
                    .findFirst()
                    .orElseThrow();

            Row row = clean(raw);

            assertThat(row.<Long>getAs("follower_count")).isEqualTo(124_000L);
            assertThat(row.<String>getList(row.fieldIndex("tag_list")))
                    .startsWith("Summer Crafts For Kids", "Fun Crafts For Kids");
        }
    }

    @Nested
    class TextRule {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    " ", "\t", "\n", "\r", "\u000b", "\f", "\u0085", "\u00a0", "\u1680", "\u2000", "\u2007", "\u200a",
                    "\u2028", "\u2029", "\u202f", "\u205f", "\u3000"
                })
        void stripsEveryUnicodeWhiteSpaceCharacterFromBothEnds(String space) {
            Row row = clean(pin("\"title\":" + json(space + space + "Fun Crafts" + space)));

            assertThat(row.<String>getAs("title")).isEqualTo("Fun Crafts");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\u200b", "\ufeff"})
        void keepsFormatCharactersThatAreNotWhiteSpace(String formatCharacter) {
            Row row = clean(pin("\"title\":" + json(formatCharacter + "Fun" + formatCharacter)));

            assertThat(row.<String>getAs("title")).isEqualTo(formatCharacter + "Fun" + formatCharacter);
        }

        @Test
        void keepsWhiteSpaceInside() {
            assertThat(clean(pin("\"title\":\" a \\u00a0 b \"")).<String>getAs("title"))
                    .isEqualTo("a \u00a0 b");
        }

        @Test
        void stripsTheNoBreakSpaceAfterAnEllipsis() {
            assertThat(clean(pin("\"description\":\"Creative and…\\u00a0\"")).<String>getAs("description"))
                    .isEqualTo("Creative and…");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"\"", "\" \"", "\"\\u00a0\\t\\n\"", "null"})
        void emptyTextIsNull(String value) {
            Row row = clean(pin("\"title\":" + value + ",\"poster_name\":" + value + ",\"category\":" + value
                    + ",\"image_src\":" + value + ",\"save_location\":" + value + ",\"description\":" + value));

            for (String column :
                    List.of("title", "poster_name", "category", "image_src", "save_location", "description")) {
                assertThat(row.<String>getAs(column)).as(column).isNull();
            }
        }

        @Test
        void whiteSpaceSetIsUnicodeWhiteSpaceProperty() {
            assertThat(dev.pinpipeline.cleaning.TextRule.WHITE_SPACE)
                    .hasSize(25)
                    .contains("\u00a0", "\u2007", "\u202f", "\u3000", "\u0085")
                    .doesNotContain("\u200b", "\ufeff", "\u180e");
        }
    }

    @Nested
    class Placeholders {

        static Stream<Arguments> placeholders() {
            return Stream.of(
                    Arguments.of("title", "No Title Data Available"),
                    Arguments.of("description", "No description available Story format"),
                    Arguments.of("description", "No description available"),
                    Arguments.of("description", "Untitled"),
                    Arguments.of("poster_name", "User Info Error"),
                    Arguments.of("image_src", "Image src error."));
        }

        @ParameterizedTest
        @MethodSource("placeholders")
        void placeholderIsNullAfterTheTextRule(String column, String placeholder) {
            assertThat(clean(pin(json(column) + ":" + json(placeholder))).<String>getAs(column))
                    .isNull();
            assertThat(clean(pin(json(column) + ":" + json("\u00a0" + placeholder + " ")))
                            .<String>getAs(column))
                    .isNull();
        }

        @ParameterizedTest
        @MethodSource("placeholders")
        void placeholderMatchIsExactAndCaseSensitive(String column, String placeholder) {
            String lower = placeholder.toLowerCase(java.util.Locale.ROOT);
            assertThat(clean(pin(json(column) + ":" + json(lower))).<String>getAs(column))
                    .isEqualTo(lower);
            assertThat(clean(pin(json(column) + ":" + json(placeholder + "!"))).<String>getAs(column))
                    .isEqualTo(placeholder + "!");
        }

        @Test
        void absentPosterNameIsNull() {
            assertThat(clean(pin("\"title\":\"t\"")).<String>getAs("poster_name"))
                    .isNull();
        }
    }

    @Nested
    class FollowerCount {

        static Stream<Arguments> counts() {
            return Stream.of(
                    Arguments.of("\"0\"", 0L),
                    Arguments.of("\"437\"", 437L),
                    Arguments.of("\"1.5k\"", 1_500L),
                    Arguments.of("\"124k\"", 124_000L),
                    Arguments.of("\"2M\"", 2_000_000L),
                    Arguments.of("\"124K\"", 124_000L),
                    Arguments.of("\"2m\"", 2_000_000L),
                    Arguments.of("\"3B\"", 3_000_000_000L),
                    Arguments.of("\"1.2b\"", 1_200_000_000L),
                    Arguments.of("\"12.5\"", 13L),
                    Arguments.of("\"12.49\"", 12L),
                    Arguments.of("\"0.0005k\"", 1L),
                    Arguments.of("\"0.0004999k\"", 0L),
                    Arguments.of("\"2.4999999999k\"", 2_500L),
                    Arguments.of("\"0.00000000049999999B\"", 0L),
                    Arguments.of("\"0.0000000005B\"", 1L),
                    Arguments.of("\"1.00000000000000000000000000000000000000009k\"", 1_000L),
                    Arguments.of("\"007\"", 7L),
                    Arguments.of("\" 437\\u00a0\"", 437L),
                    Arguments.of("\"9223372036854775807\"", Long.MAX_VALUE),
                    Arguments.of("\"1000.0\"", 1_000L),
                    Arguments.of("\"12.50\"", 13L),
                    Arguments.of("437", 437L),
                    Arguments.of("0", 0L),
                    Arguments.of("-0", 0L),
                    Arguments.of("9223372036854775807", Long.MAX_VALUE));
        }

        @ParameterizedTest
        @MethodSource("counts")
        void countsDigitsWithOptionalFractionAndSuffixRoundedHalfUp(String json, long expected) {
            assertThat(clean(pin("\"follower_count\":" + json)).<Long>getAs("follower_count"))
                    .isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "\"User Info Error\"",
                    "\"abc\"",
                    "\"-5\"",
                    "-5",
                    "\"1e3\"",
                    "1e3",
                    "1.5",
                    "1.0",
                    "\"\"",
                    "\" \"",
                    "\"1 k\"",
                    "\"1.k\"",
                    "\".5k\"",
                    "\"1,000\"",
                    "\"+5\"",
                    "\"5kk\"",
                    "\"5x\"",
                    "\"9223372036854775808\"",
                    "\"9300000000B\"",
                    "\"9999999999B\"",
                    "99999999999999999999",
                    "true",
                    "null",
                    "{\"n\":1}",
                    "[1]",
                    "12.5",
                    "12.50",
                    "1000.0",
                    "0.0005",
                    "1E3"
                })
        void anythingElseIsNull(String json) {
            assertThat(clean(pin("\"follower_count\":" + json)).<Long>getAs("follower_count"))
                    .isNull();
        }
    }

    @Nested
    class TagList {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e",
                    " N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e\u00a0",
                    ",,,",
                    " , \u00a0 ,",
                    "",
                    " "
                })
        void placeholderOrNoTagsIsNull(String tags) {
            assertThat(clean(pin("\"tag_list\":" + json(tags))).<Object>getAs("tag_list"))
                    .isNull();
        }

        @Test
        void splitsOnCommasTrimsEachTagDropsEmptyOnesAndKeepsOrder() {
            Row row = clean(pin("\"tag_list\":" + json(" Zebra ,, apple\u00a0,\u3000,Mango,zebra,")));

            assertThat(row.<String>getList(row.fieldIndex("tag_list")))
                    .containsExactly("Zebra", "apple", "Mango", "zebra");
        }

        @Test
        void placeholderMatchIsCaseSensitive() {
            Row row = clean(pin("\"tag_list\":\"n,o\""));

            assertThat(row.<String>getList(row.fieldIndex("tag_list"))).containsExactly("n", "o");
        }
    }

    @Nested
    class Kind {

        static Stream<Arguments> kinds() {
            return Stream.of(
                    Arguments.of("image", "image"),
                    Arguments.of("video", "video"),
                    Arguments.of("multi-video(story page format)", "story"),
                    Arguments.of(" video\u00a0", "video"),
                    Arguments.of("IMAGE", null),
                    Arguments.of("story", null),
                    Arguments.of("", null),
                    Arguments.of("multi-video", null));
        }

        @ParameterizedTest
        @MethodSource("kinds")
        void mapsImageVideoAndStory(String raw, String expected) {
            assertThat(clean(pin("\"is_image_or_video\":" + json(raw))).<String>getAs("is_image_or_video"))
                    .isEqualTo(expected);
        }
    }

    @Nested
    class Downloaded {

        static Stream<Arguments> flags() {
            return Stream.of(
                    Arguments.of("1", true),
                    Arguments.of("true", true),
                    Arguments.of("0", false),
                    Arguments.of("false", false),
                    Arguments.of("\"1\"", null),
                    Arguments.of("\"true\"", null),
                    Arguments.of("\"0\"", null),
                    Arguments.of("2", null),
                    Arguments.of("-1", null),
                    Arguments.of("1.0", null),
                    Arguments.of("null", null),
                    Arguments.of("\"yes\"", null));
        }

        @ParameterizedTest
        @MethodSource("flags")
        void isTrueForJsonOneOrTrueAndFalseForZeroOrFalse(String json, Boolean expected) {
            assertThat(clean(pin("\"downloaded\":" + json)).<Boolean>getAs("downloaded"))
                    .isEqualTo(expected);
        }

        @Test
        void absentIsNull() {
            assertThat(clean(pin("")).<Boolean>getAs("downloaded")).isNull();
        }
    }

    @Nested
    class SaveLocationAndCategory {

        static Stream<Arguments> locations() {
            return Stream.of(
                    Arguments.of("Local save in /data/art", "/data/art"),
                    Arguments.of(" Local save in /data/art\u00a0", "/data/art"),
                    Arguments.of("/data/art", "/data/art"),
                    Arguments.of("local save in /data/art", "local save in /data/art"),
                    Arguments.of("Local save in Local save in /x", "Local save in /x"),
                    Arguments.of("Kept Local save in /x", "Kept Local save in /x"));
        }

        @ParameterizedTest
        @MethodSource("locations")
        void removesTheLeadingLocalSaveIn(String raw, String expected) {
            assertThat(clean(pin("\"save_location\":" + json(raw))).<String>getAs("save_location"))
                    .isEqualTo(expected);
        }

        @Test
        void categoryIsLowerCase() {
            assertThat(clean(pin("\"category\":\" Mens-Fashion\\u00a0\"")).<String>getAs("category"))
                    .isEqualTo("mens-fashion");
        }
    }

    @Nested
    class Identity {

        @Test
        void uniqueIdIsLowerCaseCanonical() {
            Row row = clean("{\"index\":1,\"unique_id\":\" FBE53C66-3442-4773-B19E-D3EC6F54DDDF\\u00a0\"}");

            assertThat(row.<String>getAs("unique_id")).isEqualTo(UUID);
        }

        static Stream<Arguments> indexes() {
            return Stream.of(
                    Arguments.of("7528", 7528),
                    Arguments.of("\"12\"", 12),
                    Arguments.of("\"0012\"", 12),
                    Arguments.of("0", 0),
                    Arguments.of("2147483647", Integer.MAX_VALUE));
        }

        @ParameterizedTest
        @MethodSource("indexes")
        void indIsTheIndexAsIntegerOrStringOfDigits(String json, int expected) {
            Row row = clean("{\"index\":" + json + ",\"unique_id\":\"" + UUID + "\"}");

            assertThat(row.<Integer>getAs("ind")).isEqualTo(expected);
        }

        @Test
        void fieldOrderAndTheOlderShapeWithoutPosterNameCleanAlike() {
            String newer = "{\"index\":4,\"unique_id\":\"" + UUID + "\",\"title\":\"T\",\"poster_name\":\"P\","
                    + "\"follower_count\":\"2M\",\"downloaded\":1,\"category\":\"art\"}";
            String older = "{\"category\":\"art\",\"downloaded\":1,\"follower_count\":\"2M\",\"title\":\"T\","
                    + "\"unique_id\":\"" + UUID + "\",\"index\":4,\"unknown\":{\"x\":1}}";

            List<Row> rows = RawEventRows.classify(spark, List.of(newer, older));

            assertThat(rows.get(0).<String>getAs("poster_name")).isEqualTo("P");
            assertThat(rows.get(1).<String>getAs("poster_name")).isNull();
            for (String column : List.of("ind", "unique_id", "title", "follower_count", "downloaded", "category")) {
                assertThat(rows.get(1).<Object>getAs(column))
                        .as(column)
                        .isEqualTo(rows.get(0).getAs(column));
            }
        }
    }

    @Nested
    class Rejects {

        static Stream<Arguments> rejects() {
            String noIndex = "{\"unique_id\":\"" + UUID + "\"}";
            return Stream.of(
                    Arguments.of("not json", PinCleaning.NOT_A_JSON_OBJECT),
                    Arguments.of("", PinCleaning.NOT_A_JSON_OBJECT),
                    Arguments.of("{\"index\":1,", PinCleaning.NOT_A_JSON_OBJECT),
                    Arguments.of("[" + pin("") + "]", PinCleaning.NOT_A_JSON_OBJECT),
                    Arguments.of("5", PinCleaning.NOT_A_JSON_OBJECT),
                    Arguments.of("\"text\"", PinCleaning.NOT_A_JSON_OBJECT),
                    Arguments.of("null", PinCleaning.NOT_A_JSON_OBJECT),
                    Arguments.of("{}", PinCleaning.MISSING_UNIQUE_ID),
                    Arguments.of("{\"index\":1,\"unique_id\":null}", PinCleaning.MISSING_UNIQUE_ID),
                    Arguments.of("{\"index\":1,\"unique_id\":\" \"}", PinCleaning.MISSING_UNIQUE_ID),
                    Arguments.of("{\"index\":1,\"unique_id\":\"not-a-uuid\"}", PinCleaning.UNIQUE_ID_NOT_A_UUID),
                    Arguments.of(
                            "{\"index\":1,\"unique_id\":\"fbe53c6634424773b19ed3ec6f54dddf\"}",
                            PinCleaning.UNIQUE_ID_NOT_A_UUID),
                    Arguments.of("{\"index\":1,\"unique_id\":\"{" + UUID + "}\"}", PinCleaning.UNIQUE_ID_NOT_A_UUID),
                    Arguments.of(
                            "{\"index\":1,\"unique_id\":\"" + UUID.replace('f', 'g') + "\"}",
                            PinCleaning.UNIQUE_ID_NOT_A_UUID),
                    Arguments.of(noIndex, PinCleaning.MISSING_INDEX),
                    Arguments.of(noIndex.replace("}", ",\"index\":null}"), PinCleaning.MISSING_INDEX),
                    Arguments.of(noIndex.replace("}", ",\"index\":-1}"), PinCleaning.INDEX_NOT_AN_INTEGER),
                    Arguments.of(noIndex.replace("}", ",\"index\":\"-1\"}"), PinCleaning.INDEX_NOT_AN_INTEGER),
                    Arguments.of(noIndex.replace("}", ",\"index\":1.5}"), PinCleaning.INDEX_NOT_AN_INTEGER),
                    Arguments.of(noIndex.replace("}", ",\"index\":1.0}"), PinCleaning.INDEX_NOT_AN_INTEGER),
                    Arguments.of(noIndex.replace("}", ",\"index\":\"abc\"}"), PinCleaning.INDEX_NOT_AN_INTEGER),
                    Arguments.of(noIndex.replace("}", ",\"index\":\" 12\"}"), PinCleaning.INDEX_NOT_AN_INTEGER),
                    Arguments.of(noIndex.replace("}", ",\"index\":true}"), PinCleaning.INDEX_NOT_AN_INTEGER),
                    Arguments.of(noIndex.replace("}", ",\"index\":2147483648}"), PinCleaning.INDEX_NOT_AN_INTEGER));
        }

        @ParameterizedTest
        @MethodSource("rejects")
        void recordThatCannotBeCleanedIsRejectedWithItsReason(String value, String reason) {
            assertThat(reasonFor(value)).isEqualTo(reason);
        }

        @Test
        void nullValueIsNotAJsonObject() {
            Row row = RawEventRows.classify(spark, Arrays.asList((String) null)).get(0);

            assertThat(row.<String>getAs("reject_reason")).isEqualTo(PinCleaning.NOT_A_JSON_OBJECT);
        }

        @Test
        void rejectsKeepTheRawValueAndTheSourceAndCleanedKeepsTheRest() {
            Dataset<Row> classified = PinCleaning.classify(
                    RawEventRows.of(spark, List.of(pin("\"title\":\"ok\""), "not json", "{\"index\":1}")));

            List<Row> cleaned = PinCleaning.cleaned(classified).collectAsList();
            List<Row> rejects =
                    PinCleaning.rejects(classified).orderBy("offset").collectAsList();

            assertThat(cleaned).singleElement().satisfies(row -> {
                assertThat(row.<String>getAs("title")).isEqualTo("ok");
                assertThat(row.<String>getAs("event_id")).isEqualTo("event-0");
                assertThat(row.<Long>getAs("offset")).isZero();
                assertThat(row.<java.sql.Timestamp>getAs("ingested_at").toInstant())
                        .isEqualTo(RawEventRows.BASE);
            });
            assertThat(rejects)
                    .extracting(row -> row.<String>getAs("value"))
                    .containsExactly("not json", "{\"index\":1}");
            assertThat(rejects)
                    .extracting(row -> row.<String>getAs("reason"))
                    .containsExactly(PinCleaning.NOT_A_JSON_OBJECT, PinCleaning.MISSING_UNIQUE_ID);
            assertThat(rejects.get(1).<String>getAs("event_id")).isEqualTo("event-2");
            assertThat(rejects.get(1).<String>getAs("topic")).isEqualTo(RawEventRows.TOPIC);
            assertThat(rejects.get(1).<Integer>getAs("partition")).isZero();
            assertThat(rejects.get(1).<Long>getAs("offset")).isEqualTo(2L);
        }
    }

    /** The contract's §1 text table: NUL and unpaired surrogates are rejects, every other character is kept. */
    @Nested
    class TextTheContractForbids {

        static Stream<String> forbidden() {
            return Stream.of(
                    pin("\"title\":\"a\\u0000b\""),
                    pin("\"category\":\"art\\u0000\""),
                    pin("\"title\":\"\\ud800 starts with a lone surrogate\""),
                    pin("\"title\":\"\\uD800 upper-case hex\""),
                    pin("\"description\":\"ends with a lone high \\udbff\""),
                    pin("\"description\":\"a lone low \\udc00\""),
                    pin("\"title\":\"a reversed pair \\ude00\\ud83d\""),
                    pin("\"title\":\"two highs, one low \\ud83d\\ud83d\\ude00\""),
                    pin("\"title\":\"a pair split by an escaped backslash \\ud83d\\\\\\ude00\""),
                    pin("\"title\":\"after escaped backslashes \\\\\\\\\\u0000\""),
                    pin("\"follower_count\":\"12\\u0000k\""),
                    pin("\"tag_list\":\"a,\\u0000,b\""),
                    pin("\"downloaded\":\"\\ud800\""),
                    pin("\"not_a_contract_field\":\"\\u0000\""),
                    "{\"index\":1,\"unique_id\":\"\\udfff\"}");
        }

        @ParameterizedTest
        @MethodSource("forbidden")
        void aValueHoldingANulOrAnUnpairedSurrogateIsARejectNotCleanedIntoSomethingElse(String value) {
            assertThat(reasonFor(value)).isEqualTo(PinCleaning.FORBIDDEN_TEXT);
        }

        @Test
        void textThatOnlyLooksLikeAForbiddenEscapeIsKept() {
            Row row = clean(
                    pin("\"title\":\"\\\\u0000 and \\\\ud800 and \\\\\\\\u0000\",\"description\":\"\\ud83d\\ude00\""));

            assertThat(row.<String>getAs("title")).isEqualTo("\\u0000 and \\ud800 and \\\\u0000");
            assertThat(row.<String>getAs("description")).isEqualTo("\ud83d\ude00");
        }

        @Test
        void controlCharactersAndNonCharactersAreKeptAsSent() {
            String title = "a\u0001\u0007\u001b[0m\u001f\u007f\u0080\u0085\u009f\ufdd0\ufdef\ufffe\uffff\ud83f\udffe"
                    + "\udbff\udfff\ue000\u200b\ufeff\tz";
            String escaped = title.replace("\u0001", "\\u0001")
                    .replace("\u0007", "\\u0007")
                    .replace("\u001b", "\\u001b")
                    .replace("\u001f", "\\u001F")
                    .replace("\t", "\\t");

            Row row = clean(pin("\"title\":\"" + escaped + "\",\"category\":\"art\\u0001\""));

            assertThat(row.<String>getAs("title")).isEqualTo(title);
            assertThat(row.<String>getAs("category")).isEqualTo("art\u0001");
        }

        @Test
        void aValueWhoseBytesAreNotUtf8IsARejectEvenWhenItParses() {
            String valid = pin("\"title\":\"x\"");
            // ED A0 80: a surrogate encoded in UTF-8 bytes; C3: a lone lead byte; neither is UTF-8
            for (String bytes : List.of("EDA080", "C3")) {
                Dataset<Row> events = RawEventRows.of(spark, List.of(valid))
                        .withColumn(
                                "value",
                                org.apache
                                        .spark
                                        .sql
                                        .functions
                                        .unhex(org.apache.spark.sql.functions.lit(
                                                hex(valid).replace(hex("x"), bytes)))
                                        .cast("string"));

                Dataset<Row> classified = PinCleaning.classify(events);

                assertThat(classified.collectAsList().get(0).<String>getAs("reject_reason"))
                        .as(bytes)
                        .isIn(PinCleaning.FORBIDDEN_TEXT, PinCleaning.NOT_A_JSON_OBJECT);
                assertThat(PinCleaning.cleaned(classified).count()).as(bytes).isZero();
            }
            Dataset<Row> encodedSurrogate = RawEventRows.of(spark, List.of(valid))
                    .withColumn(
                            "value",
                            org.apache
                                    .spark
                                    .sql
                                    .functions
                                    .unhex(org.apache.spark.sql.functions.lit(
                                            hex(valid).replace(hex("x"), "EDA080")))
                                    .cast("string"));
            assertThat(PinCleaning.classify(encodedSurrogate)
                            .collectAsList()
                            .get(0)
                            .<String>getAs("reject_reason"))
                    .as("Spark's JSON reader reads it (as U+FFFD): only the UTF-8 check tells")
                    .isEqualTo(PinCleaning.FORBIDDEN_TEXT);
        }

        private static String hex(String text) {
            return java.util.HexFormat.of()
                    .withUpperCase()
                    .formatHex(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Nested
    class Schemas {

        @Test
        void cleanedAndRejectsHaveTheirDeclaredSchemas() {
            Dataset<Row> classified = PinCleaning.classify(RawEventRows.of(spark, List.of(pin(""))));

            assertThat(PinCleaning.cleaned(classified).schema()).isEqualTo(PinCleaning.CLEANED_SCHEMA);
            assertThat(PinCleaning.rejects(classified).schema()).isEqualTo(PinCleaning.REJECT_SCHEMA);
            assertThat(classified.columns())
                    .containsExactly(Stream.concat(
                                    Arrays.stream(PinCleaning.CLEANED_SCHEMA.fieldNames()),
                                    Stream.of("value", "reject_reason"))
                            .toArray(String[]::new));
        }

        @Test
        void classifyRefusesInputWithoutTheRawEventColumns() {
            Dataset<Row> notRawEvents = RawEventRows.of(spark, List.of(pin(""))).drop("ingested_at", "offset");

            assertThatThrownBy(() -> PinCleaning.classify(notRawEvents))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ingested_at timestamp")
                    .hasMessageContaining("offset bigint")
                    .hasMessageContaining("present: [event_id string, topic string, partition int, value string]");
        }

        @Test
        void classifyRefusesAColumnOfTheWrongType() {
            Dataset<Row> wrongType = RawEventRows.of(spark, List.of(pin("")))
                    .withColumn(
                            "offset",
                            org.apache.spark.sql.functions.col("offset").cast("string"));

            assertThatThrownBy(() -> PinCleaning.classify(wrongType))
                    .hasMessageContaining("offset bigint (found string)");
        }
    }

    /** A Java string as a JSON string literal. */
    static String json(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }
}

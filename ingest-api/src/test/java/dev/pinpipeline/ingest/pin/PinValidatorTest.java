package dev.pinpipeline.ingest.pin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinpipeline.ingest.RealPins;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class PinValidatorTest {

    private final PinJson json = new PinJson();

    private final PinValidator validator = new PinValidator();

    private static final String VALID = """
			{"index": 7528, "unique_id": "fbe53c66-3442-4773-b19e-d3ec6f54dddf", "category": "mens-fashion"}""";

    private PinCheck check(String body) {
        return validator.check(json.readValue(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private List<FieldProblem> problems(String body) {
        PinCheck check = check(body);
        assertThat(check).isInstanceOf(PinCheck.Invalid.class);
        return ((PinCheck.Invalid) check).problems();
    }

    private static String with(String field, String jsonValue) {
        return VALID.substring(0, VALID.length() - 1) + ", \"" + field + "\": " + jsonValue + "}";
    }

    @Test
    void everyRealPinIsValidAndKeptWhole() {
        List<String> pins = RealPins.all();
        assertThat(pins).hasSize(1077);
        for (String line : pins) {
            JsonNode original = json.readValue(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            PinCheck check = validator.check(original.deepCopy());
            assertThat(check).as(line).isInstanceOf(PinCheck.Valid.class);
            PinCheck.Valid valid = (PinCheck.Valid) check;
            assertThat(valid.key()).isEqualTo(original.get("unique_id").stringValue());
            assertThat(valid.pin()).isEqualTo(original);
        }
    }

    @Test
    void unknownFieldsAreDroppedAndValuesKeptAsSent() {
        PinCheck check = check("""
				{"extra": {"a": [1, 2]}, "index": "12", "unique_id": "FBE53C66-3442-4773-B19E-D3EC6F54DDDF",
				 "category": "Art", "follower_count": 437, "downloaded": true, "title": null, "x": 1}""");

        ObjectNode pin = ((PinCheck.Valid) check).pin();
        assertThat(pin.propertyNames())
                .containsExactly("index", "unique_id", "category", "follower_count", "downloaded", "title");
        assertThat(pin.get("index").isString()).isTrue();
        assertThat(pin.get("index").stringValue()).isEqualTo("12");
        assertThat(pin.get("follower_count").intValue()).isEqualTo(437);
        assertThat(pin.get("unique_id").stringValue()).isEqualTo("FBE53C66-3442-4773-B19E-D3EC6F54DDDF");
    }

    @Test
    void theRecordKeyIsTheUniqueIdInLowerCaseWhateverTheSpelling() {
        for (String spelling : List.of(
                "fbe53c66-3442-4773-b19e-d3ec6f54dddf",
                "FBE53C66-3442-4773-B19E-D3EC6F54DDDF",
                "Fbe53c66-3442-4773-B19e-d3EC6f54dddF")) {
            PinCheck.Valid valid = (PinCheck.Valid)
                    check("{\"index\": 1, \"unique_id\": \"" + spelling + "\", \"category\": \"art\"}");
            assertThat(valid.key()).isEqualTo("fbe53c66-3442-4773-b19e-d3ec6f54dddf");
            assertThat(valid.pin().get("unique_id").stringValue()).isEqualTo(spelling);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"art\u00a0", "\u00a0art", "\u3000art\u3000", "a"})
    void acceptsARequiredTextFieldWithSomethingLeftOnceWhiteSpaceIsStripped(String category) {
        assertThat(check("{\"index\": 1, \"unique_id\": \"fbe53c66-3442-4773-b19e-d3ec6f54dddf\", \"category\": \""
                        + category + "\"}"))
                .isInstanceOf(PinCheck.Valid.class);
    }

    @Test
    void whiteSpaceIsExactlyUnicodeWhiteSpace() {
        String whiteSpace = "\t\n\u000B\f\r \u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
                + "\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000";
        for (char c = 0; c < 0xFFFF; c++) {
            assertThat(PinValidator.isWhiteSpace(c)).as("U+%04X", (int) c).isEqualTo(whiteSpace.indexOf(c) >= 0);
        }
    }

    @Test
    void keepsEveryOtherCharacterAsSentControlsNonCharactersAndPairsIncluded() {
        String text =
                "\\u0001\\u0007\\t\\n\\r\\u001b[31m\\u001f\\u007f\\u0080\\u0085\\u009f\\ufdd0\\ufdef\\ufffe\\uffff"
                        + "\\ud83f\\udffe\\udbff\\udfff\\ud83d\\ude00\\ue000\\u200b\\ufeff\\\\u0000\\\\ud800";
        PinCheck check = check(with("title", "\"" + text + "\""));

        assertThat(check).isInstanceOf(PinCheck.Valid.class);
        String kept = ((PinCheck.Valid) check).pin().get("title").stringValue();
        assertThat(kept)
                .isEqualTo("\u0001\u0007\t\n\r\u001b[31m\u001f\u007f\u0080\u0085\u009f\ufdd0\ufdef\ufffe\uffff"
                        + "\ud83f\udffe\udbff\udfff\ud83d\ude00\ue000\u200b\ufeff\\u0000\\ud800");
        assertThat(PinValidator.forbiddenText(kept)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "11153", "2147483647", "\"0\"", "\"007\"", "\"2147483647\""})
    void acceptsIndexAsNonNegativeIntegerOrDigits(String index) {
        assertThat(check("{\"index\": " + index + ", \"unique_id\": \"fbe53c66-3442-4773-b19e-d3ec6f54dddf\","
                        + " \"category\": \"art\"}"))
                .isInstanceOf(PinCheck.Valid.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "true", "false", "null"})
    void acceptsDownloadedZeroOneOrBoolean(String downloaded) {
        assertThat(check(with("downloaded", downloaded))).isInstanceOf(PinCheck.Valid.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"124k\"", "\"User Info Error\"", "437", "-5", "null"})
    void acceptsFollowerCountAsStringOrInteger(String followerCount) {
        assertThat(check(with("follower_count", followerCount))).isInstanceOf(PinCheck.Valid.class);
    }

    @Nested
    class Rejects {

        @Test
        void anEmptyObjectNamingEveryRequiredField() {
            assertThat(problems("{}"))
                    .extracting(FieldProblem::field)
                    .containsExactly("index", "unique_id", "category");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "-1",
                    "1.5",
                    "1.0",
                    "1e3",
                    "2147483648",
                    "\"-5\"",
                    "\"12a\"",
                    "\"\"",
                    "\" 12\"",
                    "\"1.5\"",
                    "\"99999999999\"",
                    "\"\u0663\"",
                    "true",
                    "[1]",
                    "{}",
                    "null"
                })
        void aBadIndex(String index) {
            assertThat(problems("{\"index\": " + index
                            + ", \"unique_id\": \"fbe53c66-3442-4773-b19e-d3ec6f54dddf\", \"category\": \"art\"}"))
                    .extracting(FieldProblem::field)
                    .containsExactly("index");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "\"abc\"",
                    "\"fbe53c6634424773b19ed3ec6f54dddf\"",
                    "\"{fbe53c66-3442-4773-b19e-d3ec6f54dddf}\"",
                    "\"gbe53c66-3442-4773-b19e-d3ec6f54dddf\"",
                    "\"fbe53c66-3442-4773-b19e-d3ec6f54dddf \"",
                    "\"1-1-1-1-1\"",
                    "123",
                    "\"\"",
                    "null"
                })
        void aBadUniqueId(String uniqueId) {
            assertThat(problems("{\"index\": 1, \"unique_id\": " + uniqueId + ", \"category\": \"art\"}"))
                    .extracting(FieldProblem::field)
                    .containsExactly("unique_id");
        }

        @ParameterizedTest
        @ValueSource(strings = {"5", "\"\"", "\"   \"", "[\"art\"]"})
        void aBadCategory(String category) {
            assertThat(problems("{\"index\": 1, \"unique_id\": \"fbe53c66-3442-4773-b19e-d3ec6f54dddf\", "
                            + "\"category\": " + category + "}"))
                    .extracting(FieldProblem::field)
                    .containsExactly("category");
        }

        /** Empty by the contract's text rule, which strips all Unicode White_Space, not only what isBlank strips. */
        @ParameterizedTest
        @ValueSource(
                strings = {
                    "\"\u00a0\"",
                    "\"\\u00a0\"",
                    "\" \u00a0 \"",
                    "\"\u2007\"",
                    "\"\u202f\"",
                    "\"\u3000\"",
                    "\"\u2028\u2029\"",
                    "\"\u1680\u205f\u0085\"",
                    "\"\\t\\n\\r\\f\\u000b\""
                })
        void aRequiredTextFieldThatIsOnlyWhiteSpaceIsMissing(String whiteSpace) {
            assertThat(problems("{\"index\": 1, \"unique_id\": \"fbe53c66-3442-4773-b19e-d3ec6f54dddf\", "
                            + "\"category\": " + whiteSpace + "}"))
                    .singleElement()
                    .satisfies(problem -> assertThat(problem.field()).isEqualTo("category"))
                    .satisfies(problem -> assertThat(problem.message()).startsWith("is required"));
            assertThat(problems("{\"index\": 1, \"unique_id\": " + whiteSpace + ", \"category\": \"art\"}"))
                    .singleElement()
                    .satisfies(problem -> assertThat(problem.field()).isEqualTo("unique_id"))
                    .satisfies(problem -> assertThat(problem.message()).startsWith("is required"));
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "title",
                    "description",
                    "poster_name",
                    "tag_list",
                    "is_image_or_video",
                    "image_src",
                    "save_location"
                })
        void aTextFieldThatIsNotAString(String field) {
            for (String value : List.of("5", "true", "{}", "[]", "1.5")) {
                assertThat(problems(with(field, value)))
                        .extracting(FieldProblem::field)
                        .containsExactly(field);
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"1.5", "true", "{}", "[\"1\"]"})
        void aFollowerCountThatIsNeitherStringNorInteger(String value) {
            assertThat(problems(with("follower_count", value)))
                    .extracting(FieldProblem::field)
                    .containsExactly("follower_count");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"yes\"", "\"1\"", "2", "-1", "0.5", "1.0", "[]"})
        void aDownloadedOtherThanZeroOneTrueFalse(String value) {
            assertThat(problems(with("downloaded", value)))
                    .extracting(FieldProblem::field)
                    .containsExactly("downloaded");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "category",
                    "title",
                    "description",
                    "poster_name",
                    "follower_count",
                    "tag_list",
                    "is_image_or_video",
                    "image_src",
                    "save_location"
                })
        void aStringValueHoldingANulOrAnUnpairedSurrogateNamingTheField(String field) {
            for (String text : List.of(
                    "\"a\\u0000b\"",
                    "\"art\\u0000\"",
                    "\"\\ud800 the rest\"",
                    "\"end \\udbff\"",
                    "\"\\udc00 low first\"",
                    "\"\\ude00\\ud83d reversed pair\"",
                    "\"\\ud83d\\ud83d\\ude00 two highs\"")) {
                String body = field.equals("category") ? VALID.replace("\"mens-fashion\"", text) : with(field, text);
                assertThat(problems(body)).as(text).singleElement().satisfies(problem -> {
                    assertThat(problem.field()).isEqualTo(field);
                    assertThat(problem.message()).containsAnyOf("U+0000", "unpaired surrogate");
                });
            }
        }

        @Test
        void aForbiddenCharacterIsNamedWithItsPosition() {
            assertThat(problems(with("title", "\"a\\u0000b\"")))
                    .singleElement()
                    .satisfies(problem -> assertThat(problem.message()).contains("U+0000 (NUL)", "character 1"));
            assertThat(problems(with("title", "\"x\\ud800\"")))
                    .singleElement()
                    .satisfies(problem -> assertThat(problem.message()).contains("\\ud800", "character 1"));
        }

        @Test
        void aBodyThatIsNotAnObject() {
            for (String body : List.of("[" + VALID + "]", "\"pin\"", "42", "null", "true")) {
                assertThat(problems(body)).extracting(FieldProblem::field).containsExactly("$");
            }
        }

        @Test
        void everyOffendingFieldAtOnce() {
            List<FieldProblem> problems = problems("""
					{"index": -3, "unique_id": "nope", "category": 1, "title": 5, "downloaded": "yes",
					 "follower_count": 2.5}""");
            assertThat(problems)
                    .extracting(FieldProblem::field)
                    .containsExactly("index", "unique_id", "category", "title", "follower_count", "downloaded");
            assertThat(problems)
                    .allSatisfy(problem -> assertThat(problem.message()).isNotBlank());
        }

        @Test
        void withAMessageThatDoesNotEchoAHugeValue() {
            String huge = "x".repeat(10_000);
            List<FieldProblem> problems = problems(with("downloaded", "\"" + huge + "\""));
            assertThat(problems.get(0).message()).hasSizeLessThan(200);
        }
    }
}

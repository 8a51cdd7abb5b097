package dev.pinpipeline.ingest.pin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.http.ResponseEntity;

/** The OpenAPI description of the pin endpoints, kept apart so that {@link PinController} reads as code. */
@Tag(name = "pins", description = "Ingest raw pins into Kafka")
interface PinApi {

    String PROBLEM = "application/problem+json";

    String IDEMPOTENCY_KEY = "Optional (IETF draft-ietf-httpapi-idempotency-key-header): 1 to 255 visible ASCII "
            + "characters, e.g. a random UUID per request, sent again unchanged with every retry of that request. "
            + "With it, each event's `event_id` is not random but the name-based UUID (Java's "
            + "`UUID.nameUUIDFromBytes`, version 3) of the key, a line feed and the exact value bytes written to "
            + "Kafka (for `/pins`: the key, a line feed, the pin's position `item`, a line feed, its value bytes). "
            + "A retry after a 503 or a lost answer thus writes the same `event_id`, and the pipeline keeps one "
            + "record per `event_id`; the same key with a different pin gives a different `event_id`. "
            + "Anything else is a 400.";

    String OUTCOME_UNKNOWN = "The outcome is unknown: a pin not acknowledged in time may still be written. Retry "
            + "after Retry-After with the same body and the same Idempotency-Key, so that a pin written twice keeps "
            + "one `event_id`.";

    @Operation(
            summary = "Ingest one pin",
            description = "Takes one raw pin (docs/pin-data-contract.md §1) and answers once Kafka acknowledged it "
                    + "(acks=all). Unknown fields are dropped; values go to Kafka exactly as sent; the record key is "
                    + "the `unique_id` in lower case. Also at POST /pin/ (the original client's path).",
            parameters =
                    @Parameter(
                            in = ParameterIn.HEADER,
                            name = IdempotencyKey.HEADER,
                            description = IDEMPOTENCY_KEY,
                            schema =
                                    @Schema(
                                            type = "string",
                                            minLength = 1,
                                            maxLength = 255,
                                            pattern = "^[!-~]{1,255}$",
                                            example = "8e03978e-40d5-43e8-bc93-6894a57f9324")),
            requestBody =
                    @RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            schema = @Schema(implementation = RawPin.class),
                                            examples = {
                                                @ExampleObject(
                                                        name = "newer",
                                                        summary = "A newer real pin (12 fields)",
                                                        value = PinExamples.NEWER_PIN),
                                                @ExampleObject(
                                                        name = "older",
                                                        summary = "An older real pin (11 fields, placeholders)",
                                                        value = PinExamples.OLDER_PIN)
                                            })))
    @ApiResponse(
            responseCode = "200",
            description = "Kafka acknowledged the pin",
            content =
                    @Content(
                            schema = @Schema(implementation = PinReceipt.class),
                            examples = @ExampleObject(value = PinExamples.RECEIPT)))
    @ApiResponse(
            responseCode = "400",
            description = "Not UTF-8 JSON (syntax, invalid UTF-8, UTF-16/32, trailing content, ...), or an invalid "
                    + "Idempotency-Key",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(
            responseCode = "401",
            description = "API key required and missing or wrong",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(
            responseCode = "413",
            description = "Body over the size limit",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(
            responseCode = "415",
            description = "Content-Type is not JSON",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(
            responseCode = "422",
            description = "JSON that breaks the contract; `errors` names each field",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject(value = PinExamples.INVALID_PIN_PROBLEM)))
    @ApiResponse(
            responseCode = "503",
            description = "Kafka did not acknowledge in time. " + OUTCOME_UNKNOWN,
            headers = @Header(name = "Retry-After", description = "seconds"),
            content = @Content(mediaType = PROBLEM))
    PinReceipt postPin(HttpServletRequest request) throws IOException;

    @Operation(
            summary = "Ingest many pins as a JSON array",
            description = "The high-throughput path: every pin is checked on its own and the valid ones are produced "
                    + "together. The answer has one result per pin, in order. 200 when every valid pin was "
                    + "acknowledged; 503 with Retry-After when some were not (status `unavailable`): they may still be "
                    + "written, so resend the whole request with the same Idempotency-Key (the pins already accepted "
                    + "get their `event_id` again and are kept once); without a key, resend exactly the `unavailable` "
                    + "items, which may then be doubled.",
            parameters =
                    @Parameter(
                            in = ParameterIn.HEADER,
                            name = IdempotencyKey.HEADER,
                            description = IDEMPOTENCY_KEY,
                            schema =
                                    @Schema(
                                            type = "string",
                                            minLength = 1,
                                            maxLength = 255,
                                            pattern = "^[!-~]{1,255}$")),
            requestBody =
                    @RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            examples =
                                                    @ExampleObject(
                                                            name = "two real pins",
                                                            value = PinExamples.PIN_ARRAY))))
    @ApiResponse(
            responseCode = "200",
            description = "Every pin either accepted or rejected",
            content =
                    @Content(
                            schema = @Schema(implementation = BulkReceipt.class),
                            examples = @ExampleObject(value = PinExamples.BULK_RECEIPT)))
    @ApiResponse(
            responseCode = "400",
            description = "The body is not UTF-8 JSON, or an invalid Idempotency-Key",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(
            responseCode = "413",
            description = "Body over the size limit, or more pins than the bulk limit",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(
            responseCode = "422",
            description = "The body is JSON but not an array",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(
            responseCode = "503",
            description = "Some pins were not acknowledged (status `unavailable`). " + OUTCOME_UNKNOWN,
            headers = @Header(name = "Retry-After", description = "seconds"),
            content = @Content(schema = @Schema(implementation = BulkReceipt.class)))
    ResponseEntity<BulkReceipt> postPinArray(HttpServletRequest request) throws IOException;

    @Operation(
            summary = "Ingest many pins as NDJSON (one pin per line)",
            description = "As the JSON array form; a line that is not JSON is rejected on its own (status `rejected`), "
                    + "the other lines go on. Blank lines are skipped; `item` counts the other lines from 0. A body with "
                    + "a NUL byte (UTF-16 or UTF-32) is a 400 as a whole.",
            parameters =
                    @Parameter(
                            in = ParameterIn.HEADER,
                            name = IdempotencyKey.HEADER,
                            description = IDEMPOTENCY_KEY,
                            schema =
                                    @Schema(
                                            type = "string",
                                            minLength = 1,
                                            maxLength = 255,
                                            pattern = "^[!-~]{1,255}$")),
            requestBody =
                    @RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = PinController.NDJSON,
                                            examples =
                                                    @ExampleObject(
                                                            name = "three real pins",
                                                            value = PinExamples.PIN_LINES))))
    @ApiResponse(
            responseCode = "200",
            description = "Every pin either accepted or rejected",
            content = @Content(schema = @Schema(implementation = BulkReceipt.class)))
    ResponseEntity<BulkReceipt> postPinLines(HttpServletRequest request) throws IOException;

    /** The raw pin as the OpenAPI document shows it (documentation only: the service reads a JSON tree). */
    @Schema(name = "RawPin", description = "A raw pin, docs/pin-data-contract.md §1. Unknown fields are ignored.")
    record RawPin(
            @Schema(
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    type = "integer",
                    description = "Row number: a non-negative integer, or a string of digits")
            Object index,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "uuid")
            String unique_id,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "art")
            String category,

            String title,
            String description,
            @Schema(description = "Only in newer records") String poster_name,

            @Schema(description = "A string (\"124k\", \"2M\", \"User Info Error\") or an integer")
            Object follower_count,

            @Schema(description = "Comma-separated tags") String tag_list,
            @Schema(example = "image") String is_image_or_video,
            String image_src,

            @Schema(
                    type = "integer",
                    allowableValues = {"0", "1"},
                    description = "0, 1, true or false")
            Object downloaded,

            String save_location) {}
}

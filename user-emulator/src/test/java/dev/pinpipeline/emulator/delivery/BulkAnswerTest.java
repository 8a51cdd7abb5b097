package dev.pinpipeline.emulator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BulkAnswerTest {

    @Test
    void readsIngestApisReceiptPinByPin() {
        String body = """
                {"accepted":2,"rejected":1,"unavailable":1,"results":[
                  {"item":0,"status":"accepted","event_id":"e1","partition":0,"offset":5},
                  {"item":1,"status":"rejected","errors":[{"field":"unique_id","problem":"not a UUID"}],"message":"invalid"},
                  {"item":2,"status":"unavailable","message":"Kafka did not acknowledge in time"},
                  {"item":3,"status":"accepted","event_id":"e2","partition":1,"offset":9}]}
                """;

        BulkAnswer answer = BulkAnswer.read(503, body, 4);

        assertThat(answer.accepted()).isEqualTo(2);
        assertThat(answer.rejected()).isEqualTo(1);
        assertThat(answer.retry()).containsExactly(2);
        assertThat(answer.reasons()).singleElement().asString().contains("#1 rejected", "not a UUID");
        assertThat(BulkAnswer.hasResults(body)).isTrue();
    }

    @Test
    void aRequestSentAgainWholeIsReadOnlyForThePinsStillOpen() {
        String body = """
                {"results":[{"item":0,"status":"accepted"},{"item":1,"status":"rejected","message":"bad"},
                  {"item":2,"status":"accepted"},{"item":3,"status":"failed","message":"too large"},
                  {"item":4,"status":"unavailable"}]}
                """;

        BulkAnswer answer = BulkAnswer.read(503, body, 5, List.of(2, 3, 4));

        assertThat(answer.accepted()).isEqualTo(1);
        assertThat(answer.rejected()).isEqualTo(1);
        assertThat(answer.retry()).containsExactly(4);
        assertThat(answer.reasons()).containsExactly("#3 failed: too large");
    }

    @Test
    void aPinKafkaRefusedIsRejectedNotSentAgain() {
        BulkAnswer answer = BulkAnswer.read(
                200, "{\"results\":[{\"item\":0,\"status\":\"failed\",\"message\":\"record too large\"}]}", 1);

        assertThat(answer.rejected()).isEqualTo(1);
        assertThat(answer.retry()).isEmpty();
    }

    @Test
    void acceptsIndexForThePositionAndAnArrayOfResults() {
        BulkAnswer answer =
                BulkAnswer.read(200, "[{\"index\":1,\"status\":\"rejected\"},{\"index\":0,\"status\":\"ok\"}]", 2);

        assertThat(answer.accepted()).isEqualTo(1);
        assertThat(answer.rejected()).isEqualTo(1);
    }

    @Test
    void pinsTheResultsDoNotMentionFollowTheStatus() {
        assertThat(BulkAnswer.read(200, "{\"results\":[{\"item\":1,\"status\":\"rejected\"}]}", 3))
                .extracting(BulkAnswer::accepted, BulkAnswer::rejected)
                .containsExactly(2, 1);
        assertThat(BulkAnswer.read(422, "{\"results\":[{\"item\":1,\"status\":\"accepted\"}]}", 3))
                .extracting(BulkAnswer::accepted, BulkAnswer::rejected)
                .containsExactly(1, 2);
    }

    @Test
    void anUnknownStatusIsSentAgainRatherThanLost() {
        assertThat(BulkAnswer.read(200, "{\"results\":[{\"item\":0,\"status\":\"queued?\"}]}", 1)
                        .retry())
                .containsExactly(0);
    }

    @Test
    void positionsOutOfRangeAreIgnored() {
        BulkAnswer answer = BulkAnswer.read(
                200, "{\"results\":[{\"item\":7,\"status\":\"rejected\"},{\"item\":-1,\"status\":\"rejected\"}]}", 2);

        assertThat(answer.accepted()).isEqualTo(2);
    }

    @Test
    void withoutResultsTheCountsOrTheStatusDecide() {
        assertThat(BulkAnswer.read(200, "{\"accepted\":8,\"rejected\":2}", 10))
                .extracting(BulkAnswer::accepted, BulkAnswer::rejected)
                .containsExactly(8, 2);
        assertThat(BulkAnswer.read(201, "", 10))
                .extracting(BulkAnswer::accepted, BulkAnswer::rejected)
                .containsExactly(10, 0);
        BulkAnswer refused = BulkAnswer.read(400, "{\"title\":\"Bad Request\",\"detail\":\"not a JSON array\"}", 10);
        assertThat(refused)
                .extracting(BulkAnswer::accepted, BulkAnswer::rejected)
                .containsExactly(0, 10);
        assertThat(refused.reasons()).containsExactly("HTTP 400: not a JSON array");
        assertThat(BulkAnswer.hasResults("{\"title\":\"Service Unavailable\"}")).isFalse();
        assertThat(BulkAnswer.hasResults("<html>")).isFalse();
    }
}

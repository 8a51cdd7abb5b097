package dev.pinpipeline.streaming.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class DeadLetterPublisherTest {

    @Test
    void aDeadLetterCarriesTheRawValueKeyedByItsSourceCoordinatesWithTheReason() {
        PinEvent reject = PinEventsForTests.reject(1, 17, "not json\u00a0", "not a JSON object");

        ProducerRecord<byte[], byte[]> record = DeadLetterPublisher.record("pins.dlq", reject);

        assertThat(record.topic()).isEqualTo("pins.dlq");
        assertThat(text(record.key())).isEqualTo("pins/1/17");
        assertThat(text(record.value())).isEqualTo("not json\u00a0");
        assertThat(text(record.headers().lastHeader("dlq.reason").value())).isEqualTo("not a JSON object");
        assertThat(text(record.headers().lastHeader("dlq.offset").value())).isEqualTo("17");
        assertThat(text(record.headers().lastHeader("event_id").value())).isEqualTo("r-1-17");
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

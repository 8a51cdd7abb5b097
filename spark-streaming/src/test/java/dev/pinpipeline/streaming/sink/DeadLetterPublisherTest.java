package dev.pinpipeline.streaming.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
        assertThat(text(record.headers().lastHeader("dlq.producer").value())).isEqualTo("spark-streaming");
        assertThat(record.headers().lastHeader("dlq.truncated")).isNull();
    }

    @Test
    void theValueIsTheRecordsBytesEvenWhenTheyAreNotUtf8() {
        byte[] raw = {0x7b, (byte) 0xff, (byte) 0xfe, 0x00, 0x41, 0x20, 0x63, 0x61, 0x66, (byte) 0xe9};

        ProducerRecord<byte[], byte[]> record =
                DeadLetterPublisher.record("pins.dlq", PinEventsForTests.reject(0, 3, raw, "not a JSON object"));

        assertThat(record.value()).isEqualTo(raw);
    }

    @Test
    void theFallbackForARefusedDeadLetterKeepsTheFirst64KibAndSaysSo() {
        byte[] raw = new byte[1_048_420];
        Arrays.fill(raw, (byte) 'x');
        raw[0] = '{';
        PinEvent reject = PinEventsForTests.reject(2, 41, raw, "not a JSON object");

        ProducerRecord<byte[], byte[]> record = DeadLetterPublisher.truncatedRecord("pins.dlq", reject);

        assertThat(record.value()).isEqualTo(Arrays.copyOf(raw, 65_536));
        assertThat(text(record.key())).isEqualTo("pins/2/41");
        assertThat(text(record.headers().lastHeader("dlq.truncated").value())).isEqualTo("true");
        assertThat(text(record.headers().lastHeader("dlq.original-size").value()))
                .isEqualTo("1048420");
        assertThat(text(record.headers().lastHeader("dlq.topic").value())).isEqualTo("pins");
        assertThat(text(record.headers().lastHeader("dlq.partition").value())).isEqualTo("2");
        assertThat(text(record.headers().lastHeader("dlq.offset").value())).isEqualTo("41");
        assertThat(text(record.headers().lastHeader("dlq.reason").value())).isEqualTo("not a JSON object");
    }

    @Test
    void theFallbackOfASmallValueKeepsItWhole() {
        ProducerRecord<byte[], byte[]> record = DeadLetterPublisher.truncatedRecord(
                "pins.dlq", PinEventsForTests.reject(0, 1, "[1]", "not a JSON object"));

        assertThat(text(record.value())).isEqualTo("[1]");
        assertThat(text(record.headers().lastHeader("dlq.truncated").value())).isEqualTo("false");
        assertThat(text(record.headers().lastHeader("dlq.original-size").value()))
                .isEqualTo("3");
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

package dev.pinpipeline.streaming.lag;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartitionLagTest {

    @Test
    void lagIsThePartitionsEndLessTheNextOffsetRead() {
        assertThat(PartitionLag.of("{\"pins\":{\"0\":1520,\"1\":1498}}", "{\"pins\":{\"1\":1500,\"0\":1520}}"))
                .containsExactlyInAnyOrder(
                        new PartitionLag("pins", 0, 1520, 1520), new PartitionLag("pins", 1, 1498, 1500))
                .extracting(PartitionLag::offsetsBehind)
                .containsExactlyInAnyOrder(0L, 2L);
    }

    @Test
    void aPartitionMissingFromEitherSideOrNotYetReadIsLeftOut() {
        assertThat(PartitionLag.of("{\"pins\":{\"0\":-2,\"1\":5}}", "{\"pins\":{\"0\":9,\"2\":4}}"))
                .isEmpty();
    }

    @Test
    void offsetsThatAreNotKafkasFormGiveNoLag() {
        assertThat(PartitionLag.of(null, "{\"pins\":{\"0\":1}}")).isEmpty();
        assertThat(PartitionLag.of("not json", "{\"pins\":{\"0\":1}}")).isEmpty();
        assertThat(PartitionLag.of("[1,2]", "{\"pins\":{\"0\":1}}")).isEmpty();
    }

    @Test
    void aPartitionAheadOfTheReportedEndIsNotBehind() {
        assertThat(PartitionLag.of("{\"pins\":{\"0\":12}}", "{\"pins\":{\"0\":10}}"))
                .singleElement()
                .extracting(PartitionLag::offsetsBehind)
                .isEqualTo(0L);
    }
}

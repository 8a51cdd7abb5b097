package dev.pinpipeline.batch.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinpipeline.cleaning.PinCleaning;
import dev.pinpipeline.spark.LocalSpark;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class RepeatedEventsTest {

    private static final StructType EVENTS = new StructType()
            .add("event_id", DataTypes.StringType)
            .add("partition", DataTypes.IntegerType)
            .add("offset", DataTypes.LongType)
            .add("title", DataTypes.StringType);

    private final SparkSession spark = LocalSpark.session(PinCleaning.SPARK_SETTINGS);

    @Test
    void eachRepeatedEventKeepsItsFirstRecordOnly() {
        Dataset<Row> events = events(
                RowFactory.create("a", 0, 10L, "first attempt"),
                RowFactory.create("b", 1, 11L, "another post"),
                RowFactory.create("a", 0, 12L, "the retry"),
                RowFactory.create("c", 1, 3L, "once"),
                RowFactory.create("c", 1, 2L, "the earlier record"),
                RowFactory.create("c", 1, 9L, "a third"));

        Dataset<Row> repeated = RepeatedEvents.find(events);
        List<Row> kept = RepeatedEvents.firstRecords(events, repeated)
                .orderBy("event_id")
                .collectAsList();

        assertThat(repeated.count()).isEqualTo(2);
        assertThat(kept)
                .extracting(row -> row.<String>getAs("title"))
                .containsExactly("first attempt", "another post", "the earlier record");
        assertThat(kept.get(0).schema()).isEqualTo(EVENTS);
    }

    @Test
    void eventsWithoutRepeatsAreFoundNone() {
        Dataset<Row> events = events(RowFactory.create("a", 0, 1L, "x"), RowFactory.create("b", 0, 2L, "y"));

        assertThat(RepeatedEvents.find(events).count()).isZero();
    }

    private Dataset<Row> events(Row... rows) {
        return spark.createDataFrame(List.of(rows), EVENTS);
    }
}

package dev.pinpipeline.cleaning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinpipeline.spark.LocalSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every record of the real sample (../data/real-pins/), cleaned by the Spark expressions, equals what the contract's
 * independent plain-Java reading ({@link ContractReference}) expects, row by row.
 */
class RealPinsCleaningTest {

    private static final Path REAL_PINS = Path.of("../data/real-pins");
    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.session();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void everyRealPinIsCleanedExactlyAsTheContractSays() throws IOException {
        List<String> values = realPins();
        assertThat(values).hasSize(877 + 200);

        List<Row> classified = RawEventRows.classify(spark, values);

        assertThat(classified).hasSize(values.size());
        for (int i = 0; i < values.size(); i++) {
            assertThat(RawEventRows.asExpected(classified.get(i)))
                    .as("record %d: %s", i, values.get(i))
                    .isEqualTo(ContractReference.clean(values.get(i)));
        }
        assertThat(classified)
                .allSatisfy(
                        row -> assertThat(row.<String>getAs("reject_reason")).isNull());
    }

    @Test
    void realSampleCoversEveryPlaceholderAndShape() throws IOException {
        List<ContractReference.Expected> expected =
                realPins().stream().map(ContractReference::clean).toList();

        assertThat(expected).anySatisfy(pin -> assertThat(pin.title()).isNull());
        assertThat(expected).anySatisfy(pin -> assertThat(pin.followerCount()).isNull());
        assertThat(expected).anySatisfy(pin -> assertThat(pin.followerCount()).isEqualTo(2_000_000L));
        assertThat(expected).anySatisfy(pin -> assertThat(pin.tagList()).isNull());
        assertThat(expected).anySatisfy(pin -> assertThat(pin.isImageOrVideo()).isEqualTo("story"));
        assertThat(expected).anySatisfy(pin -> assertThat(pin.downloaded()).isFalse());
        assertThat(expected).anySatisfy(pin -> assertThat(pin.posterName()).isNull());
        assertThat(realPins()).anySatisfy(value -> assertThat(value).contains("…\u00a0\""));
    }

    /**
     * The real records with their values disturbed the ways real input can be (white space of every kind around
     * values and tags, case changes, placeholders, counts of every shape, numbers instead of strings, a NUL or a lone
     * surrogate from another producer), a fixed seed:
     * the expressions and the reference still agree on every record.
     */
    @Test
    void disturbedRealPinsStillAgreeWithTheReference() throws IOException {
        Random random = new Random(20261126);
        List<String> values = new ArrayList<>();
        for (String pin : realPins()) {
            values.add(Disturbances.disturb(pin, random));
        }

        List<Row> classified = RawEventRows.classify(spark, values);

        for (int i = 0; i < values.size(); i++) {
            assertThat(RawEventRows.asExpected(classified.get(i)))
                    .as("record %d: %s", i, values.get(i))
                    .isEqualTo(ContractReference.clean(values.get(i)));
        }
        assertThat(classified)
                .extracting(row -> row.<String>getAs("reject_reason"))
                .contains(
                        null,
                        PinCleaning.NOT_A_JSON_OBJECT,
                        PinCleaning.FORBIDDEN_TEXT,
                        PinCleaning.MISSING_UNIQUE_ID,
                        PinCleaning.UNIQUE_ID_NOT_A_UUID,
                        PinCleaning.MISSING_INDEX,
                        PinCleaning.INDEX_NOT_AN_INTEGER);
        assertThat(classified)
                .extracting(row -> row.<Long>getAs("follower_count"))
                .contains(1500L, 2L, 3_000_000_000L);
        assertThat(classified)
                .extracting(row -> row.<Boolean>getAs("downloaded"))
                .contains(true, false, null);
    }

    static List<String> realPins() throws IOException {
        List<String> values = new ArrayList<>();
        try (Stream<Path> files = Files.list(REAL_PINS)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".jsonl"))
                    .sorted()
                    .toList()) {
                Files.readAllLines(file).stream()
                        .filter(line -> !line.isBlank())
                        .forEach(values::add);
            }
        }
        return values;
    }
}

package dev.pinpipeline.batch.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinpipeline.batch.io.CuratedWriter;
import dev.pinpipeline.batch.io.InputFormat;
import dev.pinpipeline.batch.io.OutputFormat;
import dev.pinpipeline.batch.report.DayResult;
import dev.pinpipeline.cleaning.PinCleaning;
import dev.pinpipeline.infra.Server;
import dev.pinpipeline.infra.junit.LocalInfraExtension;
import dev.pinpipeline.schema.SchemaMigration;
import dev.pinpipeline.spark.PipelineEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract's §1 text table through the daily job, against real S3Proxy and PostgreSQL: text ingest-api accepts
 * (control characters, non-characters, an escaped backslash that only looks like a NUL escape) reaches the curated
 * Parquet and PostgreSQL exactly as sent; a record another producer wrote with a NUL or an unpaired surrogate (the
 * issue's three cases) is a reject with its raw text, never a cleaned pin or a new category. The expected strings
 * are written here by hand, not computed by the code under test.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PinTextDailyBatchIT {

    @RegisterExtension
    static final LocalInfraExtension infra = LocalInfraExtension.with(Server.S3, Server.POSTGRES);

    private static final String BUCKET = "batch-text-it";
    private static final LocalDate DAY = LocalDate.parse("2026-10-15");

    /** A pin as ingest-api writes it to Kafka: characters below U+0020 escaped, every other one as UTF-8. */
    private static String pin(int index, String uniqueId, String members) {
        return "{\"index\":" + index + ",\"unique_id\":\"" + uniqueId + "\"," + members + "}";
    }

    @Test
    void acceptedTextArrivesUnchangedAndForbiddenTextIsARejectWithItsRawText() throws Exception {
        String controls = "tab\there \u0001\u0007\u001b[0m\u001f\u007f\u0080\u0085\u009f end";
        String nonCharacters = "\ufdd0\ufdef\ufffe\uffff\ud83f\udffe\udbff\udfff\ue000\u200b\ufeff\ud83d\ude00";
        String lookAlike = "\\u0000 and \\ud800";
        List<String> accepted = List.of(
                pin(
                        1,
                        "10000000-0000-4000-8000-000000000001",
                        "\"title\":\"tab\\there \\u0001\\u0007\\u001b[0m"
                                + "\\u001f\u007f\u0080\u0085\u009f end\",\"category\":\"art\\u0001\""),
                pin(
                        2,
                        "10000000-0000-4000-8000-000000000002",
                        "\"title\":\"" + nonCharacters + "\","
                                + "\"description\":\"\\\\u0000 and \\\\ud800\",\"category\":\"travel\""));
        List<String> forbidden = List.of(
                pin(3, "10000000-0000-4000-8000-000000000003", "\"title\":\"a\\u0000b\",\"category\":\"art\""),
                pin(4, "10000000-0000-4000-8000-000000000004", "\"category\":\"art\\u0000\""),
                pin(
                        5,
                        "10000000-0000-4000-8000-000000000005",
                        "\"title\":\"\\ud800No Title Data Available\",\"category\":\"art\""));
        List<String> pins = new ArrayList<>(accepted);
        pins.addAll(forbidden);
        List<ArchiveFixture.Event> events = ArchiveFixture.eventsOf(pins, DAY, 0);

        PipelineEnvironment env = LocalServersEnvironment.of(infra, BUCKET);
        SchemaMigration.migrate(env.postgresUrl(), env.postgresUser(), env.postgresPassword()); // as ./pipeline does
        SparkSession spark = LocalServersEnvironment.sparkFor(env);
        String archiveRoot;
        try (ArchiveFixture archive = new ArchiveFixture(
                infra.s3().endpoint(), infra.s3().accessKey(), infra.s3().secretKey(), BUCKET)) {
            archive.writeDay(DAY, events, List.of());
            archive.markComplete(DAY);
            archiveRoot = archive.archiveRoot();
        }

        BatchJobConfig config = new BatchJobConfig(
                List.of(DAY),
                archiveRoot,
                InputFormat.ARCHIVE,
                env.defaultOutputRoot(),
                OutputFormat.PARQUET,
                true,
                Duration.ZERO,
                Optional.of(env.postgres()));
        DayResult result = DailyBatchJob.run(
                        spark, config, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .get(0);

        assertThat(result.cleaned()).isEqualTo(2);
        assertThat(result.rejectsByReason()).containsOnly(Map.entry(PinCleaning.FORBIDDEN_TEXT, 3L));

        Map<String, List<String>> curated = new TreeMap<>();
        for (Row row : spark.read()
                .parquet(env.defaultOutputRoot() + "/" + CuratedWriter.EVENTS)
                .where("dt = '" + DAY + "'")
                .select("event_id", "title", "description", "category")
                .collectAsList()) {
            curated.put(
                    row.getString(0), java.util.Arrays.asList(row.getString(1), row.getString(2), row.getString(3)));
        }
        assertThat(curated)
                .containsOnly(
                        Map.entry(events.get(0).eventId(), java.util.Arrays.asList(controls, null, "art\u0001")),
                        Map.entry(
                                events.get(1).eventId(), java.util.Arrays.asList(nonCharacters, lookAlike, "travel")));

        Map<String, String> rejects = new TreeMap<>();
        for (Row row : spark.read()
                .parquet(env.defaultOutputRoot() + "/" + CuratedWriter.REJECTS)
                .where("dt = '" + DAY + "'")
                .select("value", "reason")
                .collectAsList()) {
            rejects.put(row.getString(0), row.getString(1));
        }
        assertThat(rejects)
                .as("each reject keeps its raw text")
                .containsOnly(
                        Map.entry(forbidden.get(0), PinCleaning.FORBIDDEN_TEXT),
                        Map.entry(forbidden.get(1), PinCleaning.FORBIDDEN_TEXT),
                        Map.entry(forbidden.get(2), PinCleaning.FORBIDDEN_TEXT));

        assertThat(categoriesInPostgres(env))
                .as("daily_category_stats: no art\\u0000, no art\\ufffd")
                .containsExactly("art\u0001", "travel");
    }

    private static TreeSet<String> categoriesInPostgres(PipelineEnvironment env) throws Exception {
        TreeSet<String> categories = new TreeSet<>();
        try (Connection connection =
                        DriverManager.getConnection(env.postgresUrl(), env.postgresUser(), env.postgresPassword());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT category FROM daily_category_stats WHERE dt = DATE '" + DAY + "'")) {
            while (rows.next()) {
                categories.add(rows.getString(1));
            }
        }
        return categories;
    }
}

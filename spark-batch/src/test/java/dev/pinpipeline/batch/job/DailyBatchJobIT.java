package dev.pinpipeline.batch.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinpipeline.batch.io.AnalyticsDatabase;
import dev.pinpipeline.batch.io.CuratedWriter;
import dev.pinpipeline.batch.io.InputFormat;
import dev.pinpipeline.batch.io.OutputFormat;
import dev.pinpipeline.batch.io.SuccessMarkerMissingException;
import dev.pinpipeline.batch.report.DayResult;
import dev.pinpipeline.batch.transform.DailyAnalytics;
import dev.pinpipeline.cleaning.PinCleaning;
import dev.pinpipeline.infra.Server;
import dev.pinpipeline.infra.junit.LocalInfraExtension;
import dev.pinpipeline.schema.SchemaMigration;
import dev.pinpipeline.schema.SchemaVersion;
import dev.pinpipeline.spark.PipelineEnvironment;
import dev.pinpipeline.spark.PostgresSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job end to end against real servers: an archive in S3Proxy written in batch-consumer's format, outputs in
 * S3Proxy, analytics in PostgreSQL. The expected figures are computed here from the sample files with Jackson,
 * independently of Spark and of the cleaning code.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class DailyBatchJobIT {

    private static final String PIN_WITHOUT_INDEX =
            "{\"unique_id\":\"5b6a1e9b-6d8e-4a57-9c0c-3f2f1f3f2f1f\",\"category\":\"art\"}";

    @RegisterExtension
    static final LocalInfraExtension infra = LocalInfraExtension.with(Server.S3, Server.POSTGRES);

    private static final String BUCKET = "batch-it";
    private static final LocalDate DAY = LocalDate.parse("2026-11-20");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SparkSession spark;
    private static ArchiveFixture archive;
    private static PipelineEnvironment env;
    private static List<ArchiveFixture.Event> dayEvents;
    private static DayResult firstRun;
    private static String firstReport;

    @BeforeAll
    static void archiveAndProcessOneDayOfAllRealPins() {
        env = LocalServersEnvironment.of(infra, BUCKET);
        SchemaMigration.migrate(env.postgresUrl(), env.postgresUser(), env.postgresPassword()); // as ./pipeline does
        spark = LocalServersEnvironment.sparkFor(env);
        archive = new ArchiveFixture(
                infra.s3().endpoint(), infra.s3().accessKey(), infra.s3().secretKey(), BUCKET);

        List<String> pins = new ArrayList<>(ArchiveFixture.realPins("pins-v2-877.jsonl"));
        pins.addAll(ArchiveFixture.realPins("pins-v1-200-emulator-order.jsonl"));
        dayEvents = ArchiveFixture.eventsOf(pins, DAY, 1_000);
        archive.writeDay(
                DAY,
                dayEvents,
                List.of(
                        new ArchiveFixture.Event(
                                        "00000000-0000-4000-8000-000000000001",
                                        dayEvents.get(0).ingestedAt(),
                                        9,
                                        0,
                                        PIN_WITHOUT_INDEX)
                                .line(),
                        "this line is not an archive envelope"));
        archive.markComplete(DAY);

        Run run = run(config(DAY, DAY));
        firstRun = run.results().get(0);
        firstReport = run.report();
    }

    @AfterAll
    static void closeClient() {
        if (archive != null) {
            archive.close();
        }
    }

    @Test
    void countsEveryArchivedEventAndRejectsTheBrokenOnesWithTheirReason() {
        assertThat(firstRun.events()).isEqualTo(dayEvents.size() + 2);
        assertThat(firstRun.cleaned()).isEqualTo(dayEvents.size());
        assertThat(firstRun.rejectsByReason())
                .containsOnly(Map.entry(PinCleaning.MISSING_INDEX, 1L), Map.entry(PinCleaning.NOT_A_JSON_OBJECT, 1L));
        assertThat(count(CuratedWriter.EVENTS, DAY)).isEqualTo(dayEvents.size());
        assertThat(count(CuratedWriter.REJECTS, DAY)).isEqualTo(2);
        assertThat(spark.read()
                        .parquet(env.defaultOutputRoot() + "/" + CuratedWriter.REJECTS)
                        .where("dt = '" + DAY + "'")
                        .select("value")
                        .as(Encoders.STRING())
                        .collectAsList())
                .as("each reject keeps its raw text")
                .containsExactlyInAnyOrder(PIN_WITHOUT_INDEX, "this line is not an archive envelope");
    }

    @Test
    void postsAndDistinctPinsPerCategoryMatchTheSampleFiles() {
        Map<String, Long> expectedPosts = new TreeMap<>();
        Map<String, Long> expectedPins = new TreeMap<>();
        Map<String, List<String>> idsByCategory = new HashMap<>();
        for (ArchiveFixture.Event event : dayEvents) {
            JsonNode pin = parse(event.pin());
            String category = pin.get("category").asText().strip().toLowerCase(Locale.ROOT);
            expectedPosts.merge(category, 1L, Long::sum);
            idsByCategory
                    .computeIfAbsent(category, c -> new ArrayList<>())
                    .add(pin.get("unique_id").asText().strip().toLowerCase(Locale.ROOT));
        }
        idsByCategory.forEach((category, ids) ->
                expectedPins.put(category, ids.stream().distinct().count()));
        long expectedDistinct = dayEvents.stream()
                .map(e -> parse(e.pin()).get("unique_id").asText().strip().toLowerCase(Locale.ROOT))
                .distinct()
                .count();

        Map<String, Long> posts = new TreeMap<>();
        Map<String, Long> distinctPins = new TreeMap<>();
        firstRun.categories().forEach(stat -> {
            posts.put(stat.category(), stat.posts());
            distinctPins.put(stat.category(), stat.distinctPins());
        });
        assertThat(posts).isEqualTo(expectedPosts);
        assertThat(distinctPins).isEqualTo(expectedPins);
        assertThat(firstRun.distinctPins()).isEqualTo(expectedDistinct);
        assertThat(count(CuratedWriter.PINS_SNAPSHOT, DAY)).isEqualTo(expectedDistinct);
        assertThat(expectedPosts).hasSize(13);
    }

    @Test
    void snapshotHoldsEachPinsLatestEvent() {
        Map<String, ArchiveFixture.Event> latest = new HashMap<>();
        for (ArchiveFixture.Event event : dayEvents) {
            String id = parse(event.pin()).get("unique_id").asText().toLowerCase(Locale.ROOT);
            latest.merge(id, event, (a, b) -> a.ingestedAt().isAfter(b.ingestedAt()) ? a : b);
        }

        Map<String, String> snapshot = spark
                .read()
                .parquet(env.defaultOutputRoot() + "/" + CuratedWriter.PINS_SNAPSHOT)
                .where("dt = '" + DAY + "'")
                .select("unique_id", "event_id")
                .collectAsList()
                .stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r.getString(1)));

        assertThat(snapshot).hasSize(latest.size());
        latest.forEach((id, event) -> assertThat(snapshot).containsEntry(id, event.eventId()));
    }

    @Test
    void analyticsLandInParquetAndPostgres() throws Exception {
        long parquetCategories = spark.read()
                .parquet(env.defaultOutputRoot() + "/" + CuratedWriter.CATEGORY_STATS)
                .where("dt = '" + DAY + "'")
                .count();

        assertThat(parquetCategories).isEqualTo(firstRun.categories().size());
        assertThat(count(CuratedWriter.TOP_POSTERS, DAY)).isEqualTo(DailyAnalytics.TOP_POSTERS);
        assertThat(count(CuratedWriter.TOP_TAGS, DAY)).isEqualTo(DailyAnalytics.TOP_TAGS);
        assertThat(queryLong("SELECT sum(posts) FROM daily_category_stats WHERE dt = DATE '" + DAY + "'"))
                .isEqualTo(dayEvents.size());
        assertThat(queryLong("SELECT count(*) FROM daily_top_posters WHERE dt = DATE '" + DAY + "'"))
                .isEqualTo(10);
        assertThat(queryLong("SELECT count(*) FROM daily_top_tags WHERE dt = DATE '" + DAY + "'"))
                .isEqualTo(20);
        assertThat(queryLong("SELECT distinct_pins FROM daily_summary WHERE dt = DATE '" + DAY + "'"))
                .isEqualTo(firstRun.distinctPins());
        assertThat(queryLong("SELECT count(*) FROM daily_summary WHERE complete AND dt = DATE '" + DAY + "'"))
                .isEqualTo(1);
        assertThat(queryLong("SELECT max(version::int) FROM flyway_schema_history"))
                .isEqualTo(SchemaVersion.REQUIRED);
        // Top poster by follower count in the sample: a "2M" poster, cleaned to 2 000 000 or more.
        assertThat(firstRun.topPosters().get(0).followerCount()).isGreaterThanOrEqualTo(2_000_000L);
    }

    @Test
    void topPostersAndTagsEqualTheContractsRulesAppliedToTheSampleFiles() throws Exception {
        List<JsonNode> pins =
                dayEvents.stream().map(event -> parse(event.pin())).toList();
        List<DayResult.TopPoster> expectedPosters = ContractTopLists.topPosters(pins, 10);
        List<DayResult.TopTag> expectedTags = ContractTopLists.topTags(pins, 20);

        assertThat(expectedPosters).hasSize(10);
        assertThat(expectedTags).hasSize(20);
        assertThat(firstRun.topPosters()).isEqualTo(expectedPosters);
        assertThat(firstRun.topTags()).isEqualTo(expectedTags);
        assertThat(rows("SELECT rank, poster_name, follower_count, posts, distinct_pins FROM daily_top_posters "
                        + "WHERE dt = DATE '" + DAY + "' ORDER BY rank"))
                .isEqualTo(expectedPosters.stream()
                        .map(p -> List.<Object>of(
                                p.rank(), p.posterName(), p.followerCount(), p.posts(), p.distinctPins()))
                        .toList());
        assertThat(rows("SELECT rank, tag, posts, distinct_pins FROM daily_top_tags WHERE dt = DATE '" + DAY
                        + "' ORDER BY rank"))
                .isEqualTo(expectedTags.stream()
                        .map(t -> List.<Object>of(t.rank(), t.tag(), t.posts(), t.distinctPins()))
                        .toList());
    }

    @Test
    void reportShowsTheDaysCountsRejectsAndTables() {
        assertThat(firstReport).contains("dt=" + DAY, archive.archiveRoot() + "/dt=" + DAY);
        assertThat(firstReport).containsPattern("events +" + (dayEvents.size() + 2) + "\n");
        assertThat(firstReport).containsPattern("distinct pins +" + firstRun.distinctPins() + "\n");
        assertThat(firstReport).containsPattern(PinCleaning.MISSING_INDEX + " +1\n");
        assertThat(firstReport).contains("Per category", "mens-fashion", "Top 10 posters", "Top 20 tags");
    }

    @Test
    void rerunningTheDayReplacesItWithTheSameResults() throws Exception {
        List<List<Object>> tablesBefore = dayTables();
        long eventsBefore = count(CuratedWriter.EVENTS, DAY);

        DayResult again = run(config(DAY, DAY)).results().get(0);

        assertThat(again).isEqualTo(firstRun);
        assertThat(count(CuratedWriter.EVENTS, DAY)).isEqualTo(eventsBefore);
        assertThat(count(CuratedWriter.PINS_SNAPSHOT, DAY)).isEqualTo(firstRun.distinctPins());
        assertThat(count(CuratedWriter.REJECTS, DAY)).isEqualTo(2);
        assertThat(dayTables()).isEqualTo(tablesBefore);
    }

    @Test
    void backfillProcessesEachDayReportsEmptyDaysAndLeavesOtherDaysAlone() throws Exception {
        LocalDate first = LocalDate.parse("2026-11-21");
        LocalDate empty = first.plusDays(1);
        LocalDate last = first.plusDays(2);
        archive.writeDay(
                first,
                ArchiveFixture.eventsOf(
                        ArchiveFixture.realPins("pins-v2-877.jsonl").subList(0, 30), first, 0),
                List.of());
        archive.markComplete(first);
        archive.markComplete(empty); // batch-consumer closed the day, but nothing was ingested
        archive.writeDay(
                last,
                ArchiveFixture.eventsOf(
                        ArchiveFixture.realPins("pins-v1-200-emulator-order.jsonl")
                                .subList(0, 20),
                        last,
                        0),
                List.of());
        archive.markComplete(last);
        long dayBefore = count(CuratedWriter.EVENTS, DAY);

        Run run = run(config(first, last));

        assertThat(run.results()).extracting(DayResult::day).containsExactly(first, empty, last);
        assertThat(run.results()).extracting(DayResult::events).containsExactly(30L, 0L, 20L);
        assertThat(run.report())
                .contains("NO DATA for dt=" + empty, "Backfill " + first + ".." + last + ": 3 days, 50 events");
        assertThat(count(CuratedWriter.EVENTS, first)).isEqualTo(30);
        assertThat(count(CuratedWriter.EVENTS, last)).isEqualTo(20);
        assertThat(count(CuratedWriter.EVENTS, DAY)).isEqualTo(dayBefore);
        assertThat(queryLong("SELECT sum(posts) FROM daily_category_stats WHERE dt = DATE '" + last + "'"))
                .isEqualTo(20);
        assertThat(queryLong("SELECT events FROM daily_summary WHERE dt = DATE '" + empty + "'"))
                .isZero();
    }

    @Test
    void aRecordRepeatingAnEarlierEventIdCountsOnceAndTheFirstRecordStands() throws Exception {
        LocalDate day = LocalDate.parse("2026-11-17");
        List<ArchiveFixture.Event> events = ArchiveFixture.eventsOf(
                ArchiveFixture.realPins("pins-v2-877.jsonl").subList(0, 3), day, 0);
        ArchiveFixture.Event original = events.get(1);
        ArchiveFixture.Event retry = new ArchiveFixture.Event(
                original.eventId(),
                original.ingestedAt().plusSeconds(2),
                original.partition(),
                100,
                original.pin()); // ingest-api wrote the first attempt after all
        archive.writeDay(day, Stream.concat(events.stream(), Stream.of(retry)).toList(), List.of());
        archive.markComplete(day);

        DayResult result = run(config(day, day)).results().get(0);

        assertThat(result.events()).isEqualTo(3);
        assertThat(result.cleaned()).isEqualTo(3);
        assertThat(count(CuratedWriter.EVENTS, day)).isEqualTo(3);
        assertThat(spark.read()
                        .parquet(env.defaultOutputRoot() + "/" + CuratedWriter.EVENTS)
                        .where("dt = '" + day + "'")
                        .where("event_id = '" + original.eventId() + "'")
                        .select("offset")
                        .as(Encoders.LONG())
                        .collectAsList())
                .containsExactly(original.offset());
        assertThat(queryLong("SELECT events FROM daily_summary WHERE dt = DATE '" + day + "'"))
                .isEqualTo(3);
    }

    @Test
    void postsWithoutACategoryGetTheirOwnRowSoCategoriesAddUpToTheCleanedEvents(@TempDir Path input) throws Exception {
        LocalDate day = LocalDate.parse("2026-11-18");
        List<String> sample = ArchiveFixture.realPins("pins-v2-877.jsonl").subList(0, 3);
        List<String> pins = List.of(
                sample.get(0),
                sample.get(1),
                sample.get(2).replaceFirst("\"category\": *\"[^\"]*\"", "\"category\": \"\\\\u00a0\""));
        Path file = Files.write(input.resolve("pins.jsonl"), pins);
        BatchJobConfig config = new BatchJobConfig(
                List.of(day),
                file.toUri().toString(),
                InputFormat.PINS,
                env.defaultOutputRoot(),
                OutputFormat.PARQUET,
                true,
                Duration.ZERO,
                Optional.of(env.postgres()));

        DayResult result = run(config).results().get(0);

        assertThat(result.cleaned()).isEqualTo(3);
        assertThat(result.categories())
                .filteredOn(stat -> stat.category() == null)
                .extracting(DayResult.CategoryStat::posts)
                .containsExactly(1L);
        assertThat(queryLong("SELECT sum(posts) FROM daily_category_stats WHERE dt = DATE '" + day + "'"))
                .isEqualTo(3);
        assertThat(queryLong(
                        "SELECT posts FROM daily_category_stats WHERE category IS NULL AND dt = DATE '" + day + "'"))
                .isEqualTo(1);
        run(config);
        assertThat(queryLong("SELECT count(*) FROM daily_category_stats WHERE dt = DATE '" + day + "'"))
                .as("a re-run replaces the null row too")
                .isEqualTo(result.categories().size());
    }

    @Test
    void refusesADatabaseTheSchemaMigrationHasNotRun(@TempDir Path input) throws Exception {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE batch_it_unmigrated");
        }
        String url = env.postgresUrl().substring(0, env.postgresUrl().lastIndexOf('/') + 1) + "batch_it_unmigrated";
        Path pins = Files.write(
                input.resolve("pins.jsonl"),
                ArchiveFixture.realPins("pins-v2-877.jsonl").subList(0, 1));
        BatchJobConfig config = new BatchJobConfig(
                List.of(LocalDate.parse("2026-11-17")),
                pins.toUri().toString(),
                InputFormat.PINS,
                env.defaultOutputRoot(),
                OutputFormat.PARQUET,
                true,
                Duration.ZERO,
                Optional.of(new PostgresSettings(url, env.postgresUser(), env.postgresPassword())));

        assertThatThrownBy(() -> run(config))
                .isInstanceOf(SchemaVersion.TooOld.class)
                .hasMessageContaining("at version none")
                .hasMessageContaining("needs version " + SchemaVersion.REQUIRED);
        assertThat(count(CuratedWriter.EVENTS, LocalDate.parse("2026-11-17")))
                .as("nothing written")
                .isZero();
    }

    @Test
    void rerunningADayThatNoLongerHasDataEmptiesItsOutputs(@TempDir Path input) throws Exception {
        LocalDate day = LocalDate.parse("2026-11-19");
        Path pins = input.resolve("pins.jsonl");
        Files.write(pins, ArchiveFixture.realPins("pins-v2-877.jsonl").subList(0, 5));
        BatchJobConfig config = new BatchJobConfig(
                List.of(day),
                pins.toUri().toString(),
                InputFormat.PINS,
                env.defaultOutputRoot(),
                OutputFormat.PARQUET,
                true,
                Duration.ZERO,
                Optional.of(env.postgres()));
        run(config);
        assertThat(count(CuratedWriter.EVENTS, day)).isEqualTo(5);
        assertThat(queryLong("SELECT sum(posts) FROM daily_category_stats WHERE dt = DATE '" + day + "'"))
                .isEqualTo(5);

        Files.write(pins, List.of());
        Run rerun = run(config);

        assertThat(rerun.report()).contains("NO DATA for dt=" + day);
        for (String dataset : CuratedWriter.DATASETS) {
            assertThat(count(dataset, day)).as(dataset).isZero();
        }
        assertThat(queryLong("SELECT events FROM daily_summary WHERE dt = DATE '" + day + "'"))
                .isZero();
        for (String table : AnalyticsDatabase.DAY_TABLES.subList(1, AnalyticsDatabase.DAY_TABLES.size())) {
            assertThat(queryLong("SELECT count(*) FROM " + table + " WHERE dt = DATE '" + day + "'"))
                    .as(table)
                    .isZero();
        }
        assertThat(count(CuratedWriter.EVENTS, DAY)).as("other days untouched").isEqualTo(dayEvents.size());
    }

    @Test
    void dayWithoutSuccessMarkerFailsClearlyAndWritesNothing() {
        LocalDate incomplete = LocalDate.parse("2026-11-25");
        archive.writeDay(
                incomplete,
                ArchiveFixture.eventsOf(
                        ArchiveFixture.realPins("pins-v2-877.jsonl").subList(0, 5), incomplete, 0),
                List.of());

        assertThatThrownBy(() -> run(config(incomplete, incomplete, Duration.ofMillis(300))))
                .isInstanceOf(SuccessMarkerMissingException.class)
                .hasMessageContaining("dt=" + incomplete + "/_SUCCESS")
                .hasMessageContaining("--no-require-success");
        assertThat(spark.read()
                        .parquet(env.defaultOutputRoot() + "/" + CuratedWriter.EVENTS)
                        .where("dt = '" + incomplete + "'")
                        .count())
                .isZero();
    }

    @Test
    void dayReadBeforeItsSuccessMarkerIsProcessedAndLabelledPartial() throws Exception {
        LocalDate open = LocalDate.parse("2026-11-24");
        archive.writeDay(
                open,
                ArchiveFixture.eventsOf(
                        ArchiveFixture.realPins("pins-v2-877.jsonl").subList(0, 7), open, 0),
                List.of());
        BatchJobConfig readWhatIsThere = new BatchJobConfig(
                List.of(open),
                archive.archiveRoot(),
                InputFormat.ARCHIVE,
                env.defaultOutputRoot(),
                OutputFormat.PARQUET,
                false,
                Duration.ZERO,
                Optional.of(env.postgres()));

        Run run = run(readWhatIsThere);

        assertThat(run.results().get(0).complete()).isFalse();
        assertThat(run.results().get(0).events()).isEqualTo(7);
        assertThat(run.report()).contains("PARTIAL: dt=" + open + " is not closed yet");
        assertThat(count(CuratedWriter.EVENTS, open)).isEqualTo(7);
        assertThat(queryLong("SELECT count(*) FROM daily_summary WHERE NOT complete AND dt = DATE '" + open + "'"))
                .isEqualTo(1);
    }

    @Test
    void plainPinsFileGoesToJsonLinesWithoutPostgres(@TempDir Path out) throws Exception {
        LocalDate day = LocalDate.parse("2026-11-26");
        BatchJobConfig config = new BatchJobConfig(
                List.of(day),
                Path.of("../data/real-pins/pins-v2-877.jsonl")
                        .toAbsolutePath()
                        .toUri()
                        .toString(),
                InputFormat.PINS,
                out.toUri().toString(),
                OutputFormat.JSON,
                true,
                Duration.ZERO,
                Optional.empty());

        DayResult result = run(config).results().get(0);

        assertThat(result.events()).isEqualTo(877);
        assertThat(result.rejects()).isZero();
        List<String> lines;
        try (Stream<Path> files = Files.list(out.resolve("events/dt=" + day))) {
            lines = files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .sorted(Comparator.naturalOrder())
                    .flatMap(DailyBatchJobIT::readLines)
                    .toList();
        }
        assertThat(lines).hasSize(877);
        JsonNode first = parse(lines.get(0));
        assertThat(first.has("unique_id")).isTrue();
        assertThat(first.get("topic").asText()).isEqualTo("pins-v2-877.jsonl");
    }

    // ---------------------------------------------------------------------------------------------------------

    private record Run(List<DayResult> results, String report) {}

    private static Run run(BatchJobConfig config) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<DayResult> results = DailyBatchJob.run(spark, config, new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Run(results, out.toString(StandardCharsets.UTF_8));
    }

    private static BatchJobConfig config(LocalDate from, LocalDate to) {
        return config(from, to, Duration.ZERO);
    }

    private static BatchJobConfig config(LocalDate from, LocalDate to, Duration wait) {
        return new BatchJobConfig(
                from.datesUntil(to.plusDays(1)).toList(),
                archive.archiveRoot(),
                InputFormat.ARCHIVE,
                env.defaultOutputRoot(),
                OutputFormat.PARQUET,
                true,
                wait,
                Optional.of(env.postgres()));
    }

    private static long count(String dataset, LocalDate day) {
        return spark.read()
                .parquet(env.defaultOutputRoot() + "/" + dataset)
                .where("dt = '" + day + "'")
                .count();
    }

    private static long queryLong(String sql) throws Exception {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The rows of a query, each a list of its column values (int, text, bigint as Integer, String, Long). */
    private static List<List<Object>> rows(String sql) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(result.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** Every row of the day's PostgreSQL tables (but the processing time), in a stable order. */
    private static List<List<Object>> dayTables() throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            for (String table : AnalyticsDatabase.DAY_TABLES) {
                try (ResultSet result = statement.executeQuery(
                        "SELECT * FROM " + table + " WHERE dt = DATE '" + DAY + "' ORDER BY 2")) {
                    ResultSetMetaData meta = result.getMetaData();
                    while (result.next()) {
                        List<Object> row = new ArrayList<>(List.of(table));
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            if (!meta.getColumnName(i).equals("processed_at")) {
                                row.add(result.getObject(i));
                            }
                        }
                        rows.add(row);
                    }
                }
            }
        }
        return rows;
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(env.postgresUrl(), env.postgresUser(), env.postgresPassword());
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static Stream<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.pinpipeline.bench.chaos;

import dev.pinpipeline.local.Endpoints;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the streaming job and spark-batch left in PostgreSQL, read with plain JDBC. */
record DatabaseRows(List<String> pinEventIds, Map<String, String> pinsEventId, Set<String> rejectedCoordinates,
                    Map<String, DaySummary> dailySummaries) {

    /** A row of spark-batch's daily_summary. */
    record DaySummary(String day, long events, long cleaned, long distinctPins, long rejects) {
    }

    static DatabaseRows read(Endpoints endpoints) {
        try (Connection c = Probes.connect(endpoints); Statement st = c.createStatement()) {
            List<String> events = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("select event_id from pin_events")) {
                while (rs.next()) {
                    events.add(rs.getString(1));
                }
            }
            Map<String, String> pins = new HashMap<>();
            try (ResultSet rs = st.executeQuery("select unique_id::text, event_id from pins")) {
                while (rs.next()) {
                    pins.put(rs.getString(1), rs.getString(2));
                }
            }
            Set<String> rejects = new HashSet<>();
            try (ResultSet rs = st.executeQuery("select \"partition\", \"offset\" from pin_rejects")) {
                while (rs.next()) {
                    rejects.add(rs.getInt(1) + "/" + rs.getLong(2));
                }
            }
            Map<String, DaySummary> days = new HashMap<>();
            if (Probes.tableExists(endpoints, "daily_summary")) {
                try (ResultSet rs = st.executeQuery(
                        "select dt::text, events, cleaned, distinct_pins, rejects from daily_summary")) {
                    while (rs.next()) {
                        days.put(rs.getString(1), new DaySummary(rs.getString(1), rs.getLong(2), rs.getLong(3),
                                rs.getLong(4), rs.getLong(5)));
                    }
                }
            }
            return new DatabaseRows(events, pins, rejects, days);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read PostgreSQL: " + e.getMessage(), e);
        }
    }
}

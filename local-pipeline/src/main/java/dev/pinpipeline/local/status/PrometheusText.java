package dev.pinpipeline.local.status;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sums samples of the Prometheus text exposition format, enough to read a service's counters. */
final class PrometheusText {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+).*$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** The sum of the samples called {@code name} whose labels match, or -1 if there is none. */
    public static double sum(String exposition, String name, Predicate<Map<String, String>> labels) {
        double total = 0;
        boolean found = false;
        for (String line : exposition.split("\n")) {
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches() || !m.group(1).equals(name)) {
                continue;
            }
            Map<String, String> labelMap = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labelMap.put(l.group(1), l.group(2));
                }
            }
            if (labels.test(labelMap)) {
                total += Double.parseDouble(m.group(4));
                found = true;
            }
        }
        return found ? total : -1;
    }

    private PrometheusText() {}
}

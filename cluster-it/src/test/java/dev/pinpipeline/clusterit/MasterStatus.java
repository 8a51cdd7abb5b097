package dev.pinpipeline.clusterit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Master's state as its web UI serves it ({@code /json/}): its URL (the RPC port it bound), workers, running
 * applications.
 */
record MasterStatus(String url, String status, int aliveWorkers, List<App> activeApps) {

    /** A running application: its requested cores ({@code spark.cores.max}) and memory per executor (MiB). */
    record App(String id, String name, String state, int cores, int memoryPerExecutorMb) {}

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads the status from the Master UI at {@code host:uiPort}; throws while it does not answer. */
    static MasterStatus read(String host, int uiPort) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://" + host + ":" + uiPort + "/json/"))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("Master UI answered " + response.statusCode());
        }
        JsonNode root = JSON.readTree(response.body());
        List<App> apps = new ArrayList<>();
        for (JsonNode app : root.path("activeapps")) {
            apps.add(new App(
                    app.path("id").asText(),
                    app.path("name").asText(),
                    app.path("state").asText(),
                    app.path("cores").asInt(),
                    app.path("memoryperexecutor")
                            .asInt(app.path("memoryperslave").asInt())));
        }
        return new MasterStatus(
                root.path("url").asText(),
                root.path("status").asText(),
                root.path("aliveworkers").asInt(),
                apps);
    }
}

package dev.pinpipeline.local.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinpipeline.local.Endpoints;
import dev.pinpipeline.local.EndpointsFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3SessionTest {

    @Test
    void findsARunningPipelineOnTheS3PortItWroteNotOnThisCommandsDefault(@TempDir Path dataDir) throws Exception {
        try (ServerSocket runningS3 = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String endpoint = "http://127.0.0.1:" + runningS3.getLocalPort();
            EndpointsFile.write(
                    dataDir,
                    new Endpoints(
                            "127.0.0.1:19092",
                            "PinterestTopic",
                            endpoint,
                            "key",
                            "secret",
                            "us-east-1",
                            "pinterestdata",
                            "jdbc:postgresql://127.0.0.1:15432/pins",
                            "pins",
                            "pins"));

            try (S3Session session = S3Session.open(dataDir, 9000, "pinterestdata")) {
                assertThat(session.endpoints().s3Endpoint()).isEqualTo(endpoint);
                assertThat(session.endpoints().postgresJdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:15432/pins");
            }
        }
    }
}

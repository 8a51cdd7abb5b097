package dev.pinpipeline.infra;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * S3Proxy with a filesystem backend: the S3 API on 127.0.0.1 with path-style addressing and AWS V2/V4
 * signatures checked against local credentials. It cannot create buckets through S3A: create them with the SDK.
 */
public final class LocalS3 extends LocalServer {

    public static final String ACCESS_KEY = "local-access-key";
    public static final String SECRET_KEY = "local-secret-key";
    public static final String REGION = "us-east-1";

    LocalS3(Path dataDir, int port, LaunchOptions launch) {
        super(Server.S3, dataDir, port, launch);
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String endpoint() {
        return "http://" + host() + ":" + port();
    }

    public String accessKey() {
        return ACCESS_KEY;
    }

    public String secretKey() {
        return SECRET_KEY;
    }

    /** {@code us-east-1}. */
    public String region() {
        return REGION;
    }

    @Override
    public String describe() {
        return "S3          endpoint=" + endpoint() + " region=" + REGION + " accessKey=" + ACCESS_KEY + " secretKey="
                + SECRET_KEY + " (path-style)";
    }

    @Override
    String serverModule() {
        return "local-infra-s3-server";
    }

    @Override
    String serverClass() {
        return "dev.pinpipeline.infra.server.s3.S3ProxyServer";
    }

    @Override
    List<String> jvmOptions() {
        return List.of(
                "-Xmx256m", "-XX:+UseSerialGC", "-Dlogback.configurationFile=META-INF/local-infra/s3proxy-logback.xml");
    }

    @Override
    Properties settings() {
        Properties settings = new Properties();
        settings.setProperty("port", Integer.toString(port()));
        settings.setProperty("dataDir", serverDir().resolve("buckets").toString());
        settings.setProperty("accessKey", ACCESS_KEY);
        settings.setProperty("secretKey", SECRET_KEY);
        return settings;
    }
}

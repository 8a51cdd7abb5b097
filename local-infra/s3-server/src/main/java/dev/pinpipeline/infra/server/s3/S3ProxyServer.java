package dev.pinpipeline.infra.server.s3;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

/**
 * S3Proxy with its filesystem backend (one directory per bucket under {@code dataDir}), answering the S3 API
 * on 127.0.0.1 with AWS signature V2 or V4 authentication, run inside the local-infra launcher's JVM.
 *
 * <p>Launcher settings: {@code port}, {@code dataDir}, {@code accessKey}, {@code secretKey}.
 */
public final class S3ProxyServer implements Callable<AutoCloseable> {

    private final int port;
    private final Path dataDir;
    private final String accessKey;
    private final String secretKey;

    public S3ProxyServer(Properties settings) {
        this.port = Integer.parseInt(settings.getProperty("port"));
        this.dataDir = Path.of(settings.getProperty("dataDir"));
        this.accessKey = settings.getProperty("accessKey");
        this.secretKey = settings.getProperty("secretKey");
    }

    @Override
    public AutoCloseable call() throws Exception {
        Files.createDirectories(dataDir);
        Properties backend = new Properties();
        backend.setProperty("jclouds.filesystem.basedir", dataDir.toString());
        backend.setProperty("jclouds.identity", accessKey);
        backend.setProperty("jclouds.credential", secretKey);
        BlobStore blobStore = BlobStores.create("filesystem", backend);

        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            if ("FAILED".equals(proxy.getState())) {
                throw new IllegalStateException("S3Proxy failed to start on port " + port);
            }
            Thread.sleep(50);
        }
        return proxy::stop;
    }
}

package dev.pinpipeline.local.infra;

import dev.pinpipeline.local.Endpoints;
import dev.pinpipeline.local.EndpointsFile;
import java.net.URI;
import java.nio.file.Path;

/**
 * The local archive for commands that only need S3 ({@code batch}, {@code archive}): the S3Proxy of a running
 * {@code ./pipeline run} if there is one, else S3Proxy started on the same data directory for this command only.
 */
public final class S3Session implements AutoCloseable {

    private final Endpoints endpoints;
    private final LocalStack ownStack;

    private S3Session(Endpoints endpoints, LocalStack ownStack) {
        this.endpoints = endpoints;
        this.ownStack = ownStack;
    }

    /**
     * A running pipeline is found through its endpoints file, on the S3 port it wrote there (it may have been started
     * with another {@code --s3-port} than this command's); {@code s3Port} only serves to start S3Proxy otherwise.
     */
    public static S3Session open(Path dataDir, int s3Port, String bucket) {
        var running = EndpointsFile.read(dataDir)
                .filter(e -> LocalStack.isListening(URI.create(e.s3Endpoint()).getPort()));
        if (running.isPresent()) {
            return new S3Session(running.get(), null);
        }
        LocalStack stack = LocalStack.startS3Only(dataDir.resolve("infra"), s3Port, bucket);
        return new S3Session(stack.endpoints(), stack);
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    @Override
    public void close() {
        if (ownStack != null) {
            ownStack.close();
        }
    }
}

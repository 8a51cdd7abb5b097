package dev.pinpipeline.archive.consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets Kafka decompress lz4 batches with lz4-java's native code. Kafka asks {@code LZ4Factory.fastestInstance()},
 * which picks the native library only when lz4-java was loaded by the system class loader or the library is
 * already loaded; inside a Spring Boot jar neither holds, so every batch went through the pure-Java decompressor
 * (its share of the poll loops' time: the README's Benchmark). Loading it once, before the first consumer, is enough.
 * Reflection, because lz4-java is Kafka's runtime dependency, in the version Kafka chose.
 */
final class NativeLz4 {

    private static final Logger log = LoggerFactory.getLogger(NativeLz4.class);

    private NativeLz4() {}

    /** Returns false (and Kafka keeps the Java decompressor) where lz4-java has no native build. */
    static boolean load() {
        try {
            Class.forName("net.jpountz.lz4.LZ4Factory")
                    .getMethod("nativeInstance")
                    .invoke(null);
            return true;
        } catch (ReflectiveOperationException | LinkageError e) {
            log.info("lz4 batches are decompressed in Java (no native lz4-java here: {})", e.toString());
            return false;
        }
    }
}

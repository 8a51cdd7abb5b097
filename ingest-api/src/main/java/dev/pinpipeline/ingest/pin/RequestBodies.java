package dev.pinpipeline.ingest.pin;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.util.unit.DataSize;

/** Reads a request body into memory without ever holding more than the limit (plus one byte). */
final class RequestBodies {

    private RequestBodies() {}

    static byte[] readAtMost(HttpServletRequest request, DataSize limit) throws IOException {
        long max = limit.toBytes();
        long declared = request.getContentLengthLong();
        if (declared > max) {
            throw tooLarge(limit);
        }
        InputStream in = request.getInputStream();
        if (declared >= 0) {
            return in.readNBytes((int) declared);
        }
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        if (body.length > max) {
            throw tooLarge(limit);
        }
        return body;
    }

    private static PinRejectedException tooLarge(DataSize limit) {
        return new PinRejectedException(
                RejectionReason.BODY_TOO_LARGE, "The body is larger than the limit of " + limit.toBytes() + " bytes.");
    }
}

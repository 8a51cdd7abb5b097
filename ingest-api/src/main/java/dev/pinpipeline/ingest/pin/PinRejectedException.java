package dev.pinpipeline.ingest.pin;

import java.util.List;

/**
 * A request turned away before anything was sent to Kafka. Thrown on a normal path (bad input), so it carries
 * no stack trace.
 */
public class PinRejectedException extends RuntimeException {

    private final RejectionReason reason;

    private final List<FieldProblem> problems;

    public PinRejectedException(RejectionReason reason, String detail, List<FieldProblem> problems) {
        super(detail, null, false, false);
        this.reason = reason;
        this.problems = List.copyOf(problems);
    }

    public PinRejectedException(RejectionReason reason, String detail) {
        this(reason, detail, List.of());
    }

    public RejectionReason reason() {
        return reason;
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}

package dev.pinpipeline.streaming.sink;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.apache.kafka.common.errors.RetriableException;

/** Which write failures are worth waiting for (a server down or restarting), and which are bugs to surface. */
public final class TransientFailures {

    private TransientFailures() {}

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            // Kafka's own verdict for the dead-letter producer: retriable = the broker is down, moving or slow.
            if (t instanceof RetriableException
                    || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && isTransientState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE classes: 08 connection exception, 53 insufficient resources, 57P01-57P03 shutdown / cannot
     * connect now, 40001 serialization failure, 40P01 deadlock.
     */
    static boolean isTransientState(String state) {
        return state != null
                && (state.startsWith("08")
                        || state.startsWith("53")
                        || state.startsWith("57P")
                        || state.equals("40001")
                        || state.equals("40P01"));
    }

    /** One short line for the log: the condition, never a stack trace. */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (root != failure && root.getMessage() != null) {
            message = message + " (" + root.getMessage() + ")";
        }
        return message.replace('\n', ' ');
    }
}

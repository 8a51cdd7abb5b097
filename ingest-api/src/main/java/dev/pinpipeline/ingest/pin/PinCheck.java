package dev.pinpipeline.ingest.pin;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** The outcome of checking one raw pin against the contract: valid (with what goes to Kafka) or invalid (why). */
public sealed interface PinCheck {

    /**
     * A pin that follows the contract.
     *
     * @param key the Kafka record key: the {@code unique_id} in lower case, so that every spelling of one pin goes
     *        to the same partition (the pin itself keeps the {@code unique_id} as sent)
     * @param pin the pin with only the contract's fields, values as sent
     */
    record Valid(String key, ObjectNode pin) implements PinCheck {}

    /** A pin that breaks the contract, with every offending field. */
    record Invalid(List<FieldProblem> problems) implements PinCheck {

        public String summary() {
            StringBuilder fields = new StringBuilder();
            for (FieldProblem problem : problems) {
                fields.append(fields.isEmpty() ? "" : ", ").append(problem.field());
            }
            return "The pin breaks the data contract: " + fields + ".";
        }
    }
}

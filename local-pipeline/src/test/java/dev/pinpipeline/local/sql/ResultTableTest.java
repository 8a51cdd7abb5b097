package dev.pinpipeline.local.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {

    @Test
    void alignsColumnsWithNumbersOnTheRightAndNullsEmpty() {
        QueryResult result = new QueryResult(List.of("category", "pins"), List.of(false, true),
                List.of(List.of("art", "79"), Arrays.asList(null, "1200")), false);

        assertThat(ResultTable.render(result)).isEqualTo("""
                category | pins
                ---------+-----
                art      |   79
                         | 1200
                (2 rows)
                """);
    }

    @Test
    void saysWhenRowsWereLeftOut() {
        QueryResult result = new QueryResult(List.of("n"), List.of(true), List.of(List.of("1")), true);

        assertThat(ResultTable.render(result)).endsWith("(1 row; more not shown, see --max-rows)\n");
    }
}

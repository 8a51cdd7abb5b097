package dev.pinpipeline.local.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {

    @Test
    void alignsColumnsWithNumbersOnTheRightAndNullsEmpty() {
        QueryResult result = new QueryResult(
                List.of("category", "pins"),
                List.of(false, true),
                List.of(List.of("art", "79"), Arrays.asList(null, "1200")),
                false);

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

    @Test
    void alignsWideCharactersByTheCellsTheyTake() {
        // 北京 and 🎨 take two terminal cells per character; "é" written as e + a combining accent takes one.
        QueryResult result = new QueryResult(
                List.of("title", "n"),
                List.of(false, true),
                List.of(List.of("北京", "1"), List.of("🎨 art", "2"), List.of("cafe\u0301", "3"), List.of("plain", "4")),
                false);

        assertThat(ResultTable.render(result)).isEqualTo("""
                title  | n
                -------+--
                北京   | 1
                🎨 art | 2
                cafe\u0301   | 3
                plain  | 4
                (4 rows)
                """);
    }

    @Test
    void keepsAValueWithLineBreaksOnItsRow() {
        QueryResult result = new QueryResult(
                List.of("description", "n"),
                List.of(false, true),
                List.of(List.of("line one\nline two\r\n\tend", "1"), List.of("bell\u0007", "2")),
                false);

        assertThat(ResultTable.render(result)).isEqualTo("""
                description                 | n
                ----------------------------+--
                line one\\nline two\\r\\n\\tend | 1
                bell\\u0007                  | 2
                (2 rows)
                """);
    }

    @Test
    void measuresTerminalCellsNotChars() {
        assertThat(ResultTable.displayWidth("abc")).isEqualTo(3);
        assertThat(ResultTable.displayWidth("日本語")).isEqualTo(6);
        assertThat(ResultTable.displayWidth("👍"))
                .as("one code point, two UTF-16 chars, two cells")
                .isEqualTo(2);
        assertThat(ResultTable.displayWidth("ＡＢ")).as("full-width Latin").isEqualTo(4);
        assertThat(ResultTable.displayWidth("e\u0301")).as("combining accent").isEqualTo(1);
    }
}

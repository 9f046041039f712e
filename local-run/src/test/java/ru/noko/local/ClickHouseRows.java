package ru.noko.local;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import ru.noko.schemas.clickhouse.ClickHouseTarget;

/** Reads query results as text over the native-protocol driver, as an analyst's client would. */
record ClickHouseRows(ClickHouseTarget target) {

    /** The first column of every row. */
    List<String> strings(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    long count(String sql) throws Exception {
        return Long.parseLong(strings(sql).get(0));
    }

    /** Runs {@code sql} until its rows satisfy {@code done} or the time is up; returns the last rows. */
    List<String> await(String sql, Predicate<List<String>> done, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        List<String> rows = strings(sql);
        while (!done.test(rows) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            rows = strings(sql);
        }
        return rows;
    }
}

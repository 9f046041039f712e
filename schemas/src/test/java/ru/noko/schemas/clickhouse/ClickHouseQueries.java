package ru.noko.schemas.clickhouse;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads query results as text over the native-protocol driver, as an analyst's client would. Shared by the tests of
 * every module (schemas' test jar).
 */
public final class ClickHouseQueries {

    private final ClickHouseTarget target;

    public ClickHouseQueries(ClickHouseTarget target) {
        this.target = target;
    }

    /** The first column of every row. */
    public List<String> strings(String sql) throws SQLException {
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

    public long count(String sql) throws SQLException {
        return Long.parseLong(strings(sql).get(0));
    }

    public void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Runs {@code sql} until its rows satisfy {@code done} or the time is up; returns the last rows. */
    public List<String> await(String sql, Predicate<List<String>> done, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        List<String> rows = strings(sql);
        while (!done.test(rows) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            rows = strings(sql);
        }
        return rows;
    }

    /** Polls a count until it satisfies {@code done}; returns the last count. */
    public long awaitCount(String sql, java.util.function.LongPredicate done, Duration timeout) throws Exception {
        List<String> rows = await(sql, r -> done.test(Long.parseLong(r.get(0))), timeout);
        return Long.parseLong(rows.get(0));
    }
}

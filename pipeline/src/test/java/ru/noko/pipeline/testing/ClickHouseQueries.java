package ru.noko.pipeline.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import ru.noko.schemas.clickhouse.ClickHouseTarget;

/** Reads what the job wrote, over the same native-protocol driver the sink uses. */
public final class ClickHouseQueries {

    private final ClickHouseTarget target;

    public ClickHouseQueries(ClickHouseTarget target) {
        this.target = target;
    }

    public long count(String sql) throws SQLException {
        return Long.parseLong(strings(sql).get(0));
    }

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

    /** Polls {@code sql} until its count satisfies {@code done}; returns the last count. */
    public long awaitCount(String sql, LongPredicate done, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        long count = count(sql);
        while (!done.test(count) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            count = count(sql);
        }
        return count;
    }
}

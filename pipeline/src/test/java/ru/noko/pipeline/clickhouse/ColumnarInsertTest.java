package ru.noko.pipeline.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.noko.devstack.DevStack;
import ru.noko.schemas.clickhouse.ClickHouseTarget;

/**
 * The sinks' columnar insert against the native driver's own prepared insert, on the real ClickHouse: the same rows
 * through both must read back the same, and a failure must leave no part of its batch behind.
 */
class ColumnarInsertTest {

    private static final String DATABASE = "columnar_insert_test";
    private static final String COLUMNS = "(id UInt64, text String, at DateTime, i8 Int8, i16 Int16, i32 Int32,"
            + " i64 Int64, u8 UInt8, u16 UInt16, u32 UInt32, f32 Float32, f64 Float64)";
    private static final String INSERT = "INSERT INTO %s (id, text, at, i8, i16, i32, i64, u8, u16, u32, f32, f64)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static ClickHouseTarget target;

    @BeforeAll
    static void database() throws SQLException {
        int port = DevStack.clickHouse().tcpPort();
        try (Connection server = ClickHouseTarget.local(port, "default").connect();
                Statement statement = server.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE);
        }
        target = ClickHouseTarget.local(port, DATABASE);
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        try (Connection server =
                        ClickHouseTarget.local(target.port(), "default").connect();
                Statement statement = server.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE);
        }
    }

    @Test
    void generatedRowsReadBackAsTheNativeDriversOwnInsertWritesThem() throws SQLException {
        table("by_native_driver");
        table("columnar");
        List<Object[]> rows = generatedRows(new Random(20261206), 3_000);
        try (Connection plain = target.connect()) {
            insertInBatches(plain, "by_native_driver", rows);
        }
        try (Connection columnar = columnarConnection()) {
            assertThat(columnar.prepareStatement(INSERT.formatted("columnar"))).isInstanceOf(ColumnarInsert.class);
            insertInBatches(columnar, "columnar", rows);
        }

        List<String> expected = readBack("by_native_driver");
        assertThat(expected).hasSize(rows.size());
        assertThat(readBack("columnar")).containsExactlyElementsOf(expected);
    }

    @Test
    void aRefusedValueNamesItsColumnAndDropsTheRowsAlreadyInItsBatch() throws SQLException {
        table("refused_value");
        try (Connection columnar = columnarConnection();
                PreparedStatement insert = columnar.prepareStatement(INSERT.formatted("refused_value"))) {
            bind(insert, row(1, "kept out: its batch failed"));
            insert.addBatch();

            assertThatThrownBy(() -> insert.setLong(2, 42))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("column text");
            // The sink binds its buffered rows again after a failure: only what is bound from here on is sent.
            bind(insert, row(2, "sent"));
            insert.addBatch();
            assertThat(insert.executeBatch()).hasSize(1);
        }
        assertThat(readBack("refused_value")).singleElement().asString().startsWith("2\tsent\t");
    }

    @Test
    void nullAndMissingValuesAreRefusedNamingTheColumn() throws SQLException {
        table("missing_values");
        try (Connection columnar = columnarConnection();
                PreparedStatement insert = columnar.prepareStatement(INSERT.formatted("missing_values"))) {
            assertThatThrownBy(() -> insert.setString(2, null))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("column text does not take NULL");

            Object[] withoutTime = row(3, "no time");
            withoutTime[2] = null;
            bind(insert, withoutTime);
            assertThatThrownBy(insert::addBatch)
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("column at has no value");
            assertThat(insert.executeBatch()).isEmpty();
        }
        assertThat(readBack("missing_values")).isEmpty();
    }

    @Test
    void aColumnTypeItDoesNotWriteIsRefusedNamingTheColumnAndType() throws SQLException {
        try (Connection plain = target.connect();
                Statement statement = plain.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS dated (id UInt64, day Date) ENGINE = MergeTree ORDER BY id");
        }
        try (Connection columnar = columnarConnection();
                PreparedStatement insert = columnar.prepareStatement("INSERT INTO dated (id, day) VALUES (?, ?)")) {
            assertThatThrownBy(() -> insert.setLong(1, 1))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("column day has type Date");
        }
    }

    @Test
    void anInsertWithConstantsOrAQueryStaysTheNativeDriversOwn() throws SQLException {
        table("with_constant");
        try (Connection columnar = columnarConnection()) {
            PreparedStatement insert = columnar.prepareStatement("INSERT INTO with_constant"
                    + " (id, text, at, i8, i16, i32, i64, u8, u16, u32, f32, f64)"
                    + " VALUES (?, 'constant', ?, 0, 0, 0, 0, 0, 0, 0, 0, 0)");
            assertThat(insert).isNotInstanceOf(ColumnarInsert.class);
            insert.setLong(1, 7);
            insert.setTimestamp(2, new Timestamp(1_780_000_000_000L));
            insert.addBatch();
            insert.executeBatch();
            insert.close();
            try (PreparedStatement query = columnar.prepareStatement("SELECT count() FROM with_constant");
                    ResultSet count = query.executeQuery()) {
                assertThat(query).isNotInstanceOf(ColumnarInsert.class);
                count.next();
                assertThat(count.getLong(1)).isEqualTo(1);
            }
        }
    }

    private static Connection columnarConnection() throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", target.user());
        credentials.setProperty("password", target.password());
        return new ColumnarInsertDriver().connect(target.jdbcUrl(), credentials);
    }

    private static void table(String name) throws SQLException {
        try (Connection plain = target.connect();
                Statement statement = plain.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + name + " " + COLUMNS + " ENGINE = MergeTree ORDER BY id");
        }
    }

    /** In batches of 1,000, as a sink flushes, through one statement. */
    private static void insertInBatches(Connection connection, String table, List<Object[]> rows) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT.formatted(table))) {
            for (int i = 0; i < rows.size(); i++) {
                bind(insert, rows.get(i));
                insert.addBatch();
                if (i % 1_000 == 999 || i == rows.size() - 1) {
                    insert.executeBatch();
                }
            }
        }
    }

    /** Each value through the setter our insert statements use for its column. */
    private static void bind(PreparedStatement insert, Object[] row) throws SQLException {
        insert.setLong(1, (Long) row[0]);
        if (row[1] != null) {
            insert.setString(2, (String) row[1]);
        }
        if (row[2] != null) {
            insert.setTimestamp(3, (Timestamp) row[2]);
        }
        for (int column = 3; column <= 9; column++) {
            insert.setLong(column + 1, (Long) row[column]);
        }
        insert.setDouble(11, (Double) row[10]);
        insert.setDouble(12, (Double) row[11]);
    }

    private static Object[] row(long id, String text) {
        return new Object[] {id, text, new Timestamp(1_780_000_000_000L), 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0.0, 0.0};
    }

    private static List<Object[]> generatedRows(Random random, int count) {
        String[] pieces = {"", "a", "Школа № 5", "😀", "tab\there", "quote ' and \\", "0123456789abcdef"};
        List<Object[]> rows = new ArrayList<>();
        for (int id = 0; id < count; id++) {
            StringBuilder text = new StringBuilder();
            for (int piece = random.nextInt(4); piece > 0; piece--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            rows.add(new Object[] {
                (long) id,
                text.toString(),
                // Whole seconds and not: DateTime keeps the second.
                new Timestamp(1_700_000_000_000L + (long) (random.nextDouble() * 200_000_000_000L)),
                (long) (byte) random.nextInt(),
                (long) (short) random.nextInt(),
                (long) random.nextInt(),
                random.nextLong(),
                (long) random.nextInt(256),
                (long) random.nextInt(65_536),
                random.nextLong() & 0xFFFF_FFFFL,
                (double) (float) (random.nextGaussian() * 1e6),
                random.nextGaussian() * 1e12
            });
        }
        return rows;
    }

    private static List<String> readBack(String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection plain = target.connect();
                Statement statement = plain.createStatement();
                ResultSet result = statement.executeQuery("SELECT id, text, toUnixTimestamp(at), i8, i16, i32, i64,"
                        + " u8, u16, u32, f32, f64 FROM " + table + " ORDER BY id")) {
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int column = 1; column <= 12; column++) {
                    row.append(column > 1 ? "\t" : "").append(result.getString(column));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}

package ru.noko.pipeline.clickhouse;

import com.github.housepower.data.Block;
import com.github.housepower.jdbc.ClickHouseConnection;
import com.github.housepower.jdbc.wrapper.SQLPreparedStatement;
import com.github.housepower.log.Logger;
import com.github.housepower.log.LoggerFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code INSERT INTO t (columns) VALUES (?, …, ?)} that puts each bound value straight into the native driver's
 * block, the value the column's writer takes, and sends the block as the driver does. The driver's own prepared
 * insert converts every value through a chain of type tests and builds an error message for every value it binds
 * (its bounds check formats the message before checking); with a few million values a second that was a tenth of the
 * job's time (BENCHMARKS.md). The protocol is the driver's: its sample block per batch, its column writers, its
 * insert request.
 *
 * <p>A failure leaves nothing behind: a value refused, a row that cannot be written or a batch that cannot be sent
 * drops the batch being built, so the sink's retry, which binds every buffered row again, does not send a row twice.
 */
final class ColumnarInsert implements SQLPreparedStatement {

    private static final Logger LOG = LoggerFactory.getLogger(ColumnarInsert.class);
    /** Everything up to VALUES, then only placeholders: the shape this statement takes; anything else is the driver's. */
    private static final Pattern ONLY_PLACEHOLDERS =
            Pattern.compile("(?is)^(\\s*INSERT\\s+INTO\\s.*?\\sVALUES)\\s*\\(\\s*\\?(\\s*,\\s*\\?)*\\s*\\)\\s*;?\\s*$");

    private final ClickHouseConnection connection;
    private final Connection facade;
    private final String insertQuery;
    private final Object[] row;
    private String[] names;
    private ColumnKind[] kinds;
    /** The batch being built since its sample block came; null between batches. */
    private Block block;

    private boolean closed;

    private ColumnarInsert(ClickHouseConnection connection, Connection facade, String insertQuery, int parameters) {
        this.connection = connection;
        this.facade = facade;
        this.insertQuery = insertQuery;
        this.row = new Object[parameters];
    }

    /** The columnar insert for {@code sql}, or null when it is not an insert of placeholders only. */
    static ColumnarInsert of(ClickHouseConnection connection, Connection facade, String sql) {
        Matcher insert = ONLY_PLACEHOLDERS.matcher(sql);
        if (!insert.matches()) {
            return null;
        }
        int parameters =
                (int) sql.substring(insert.end(1)).chars().filter(c -> c == '?').count();
        return new ColumnarInsert(connection, facade, insert.group(1), parameters);
    }

    @Override
    public void setString(int index, String value) throws SQLException {
        int column = column(index);
        try {
            row[column] = kinds[column].text(value, names[column]);
        } catch (SQLException e) {
            throw dropBatch(e);
        }
    }

    @Override
    public void setLong(int index, long value) throws SQLException {
        int column = column(index);
        try {
            row[column] = kinds[column].wholeNumber(value, names[column]);
        } catch (SQLException e) {
            throw dropBatch(e);
        }
    }

    @Override
    public void setInt(int index, int value) throws SQLException {
        setLong(index, value);
    }

    @Override
    public void setDouble(int index, double value) throws SQLException {
        int column = column(index);
        try {
            row[column] = kinds[column].fraction(value, names[column]);
        } catch (SQLException e) {
            throw dropBatch(e);
        }
    }

    @Override
    public void setTimestamp(int index, Timestamp value) throws SQLException {
        int column = column(index);
        try {
            row[column] = kinds[column].time(value, names[column]);
        } catch (SQLException e) {
            throw dropBatch(e);
        }
    }

    @Override
    public void addBatch() throws SQLException {
        begin();
        try {
            for (int column = 0; column < row.length; column++) {
                if (row[column] == null) {
                    throw new SQLException("column " + names[column] + " has no value");
                }
                block.setObject(column, row[column]);
            }
            block.appendRow();
        } catch (SQLException e) {
            throw dropBatch(e);
        } catch (RuntimeException e) {
            throw dropBatch(e);
        } finally {
            Arrays.fill(row, null);
        }
    }

    @Override
    public int[] executeBatch() throws SQLException {
        if (block == null) {
            return new int[0];
        }
        try {
            int[] counts = new int[connection.sendInsertRequest(block)];
            Arrays.fill(counts, 1);
            return counts;
        } finally {
            // Sent or not, the request is over (the driver returns the connection to idle either way).
            block.cleanup();
            block = null;
        }
    }

    @Override
    public void clearBatch() throws SQLException {
        abandon();
    }

    @Override
    public void clearParameters() {
        Arrays.fill(row, null);
    }

    @Override
    public void close() throws SQLException {
        if (!closed) {
            closed = true;
            abandon();
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public Connection getConnection() {
        return facade;
    }

    @Override
    public Logger logger() {
        return LOG;
    }

    /** The column of a 1-based parameter index, with the batch's sample block at hand. */
    private int column(int index) throws SQLException {
        begin();
        if (index < 1 || index > row.length) {
            throw dropBatch(new SQLException("parameter " + index + " is not one of the insert's " + row.length));
        }
        return index - 1;
    }

    /** A batch starts with the server's sample block for the insert, as the driver's own statement does. */
    private void begin() throws SQLException {
        if (closed) {
            throw new SQLException("the insert is closed");
        }
        if (block != null) {
            return;
        }
        Block sample = connection.getSampleBlock(insertQuery);
        sample.initWriteBuffer();
        block = sample;
        if (kinds == null) {
            learnColumns(sample);
        }
    }

    private void learnColumns(Block sample) throws SQLException {
        if (sample.columnCnt() != row.length) {
            throw dropBatch(new SQLException(
                    "the insert names " + sample.columnCnt() + " columns for " + row.length + " placeholders"));
        }
        String[] columnNames = new String[row.length];
        ColumnKind[] columnKinds = new ColumnKind[row.length];
        for (int column = 0; column < row.length; column++) {
            columnNames[column] = sample.getColumn(column).name();
            columnKinds[column] = ColumnKind.of(sample.getColumn(column).type());
            if (columnKinds[column] == null) {
                throw dropBatch(new SQLException("column " + columnNames[column] + " has type "
                        + sample.getColumn(column).type().name() + ", which the columnar insert does not write"));
            }
        }
        names = columnNames;
        kinds = columnKinds;
    }

    /** {@link #abandon()} on a failure: returns the failure to throw, with any failure to end the request in it. */
    private <E extends Exception> E dropBatch(E failure) {
        try {
            abandon();
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
        return failure;
    }

    /** Drops the batch being built and ends its request with no rows, as the driver does on close. */
    private void abandon() throws SQLException {
        Arrays.fill(row, null);
        if (block == null) {
            return;
        }
        Block dropped = block;
        block = null;
        try {
            connection.sendInsertRequest(new Block());
        } finally {
            dropped.cleanup();
        }
    }
}

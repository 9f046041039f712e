package ru.noko.pipeline.clickhouse;

import com.github.housepower.jdbc.ClickHouseConnection;
import com.github.housepower.jdbc.ClickHouseDriver;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;

/**
 * The native ClickHouse driver, with its inserts of placeholders prepared as {@link ColumnarInsert}s: the driver the
 * Flink JDBC sinks are given by class name. Everything else — the URL, the connection, queries, inserts of any other
 * shape — is the native driver's own. Not registered with {@link java.sql.DriverManager}, so a connection asked for by
 * URL alone stays the native driver's.
 */
public final class ColumnarInsertDriver implements Driver {

    private final ClickHouseDriver nativeDriver = new ClickHouseDriver();

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        ClickHouseConnection connection = nativeDriver.connect(url, info);
        return connection == null ? null : withColumnarInserts(connection);
    }

    /** The connection, its {@code prepareStatement(sql)} answering an insert of placeholders with a columnar one. */
    static Connection withColumnarInserts(ClickHouseConnection connection) {
        return (Connection) Proxy.newProxyInstance(
                ColumnarInsertDriver.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (facade, method, args) -> {
                    if (method.getName().equals("prepareStatement")
                            && args != null
                            && args.length == 1
                            && args[0] instanceof String sql) {
                        ColumnarInsert insert = ColumnarInsert.of(connection, (Connection) facade, sql);
                        if (insert != null) {
                            return insert;
                        }
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public boolean acceptsURL(String url) throws SQLException {
        return nativeDriver.acceptsURL(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        return nativeDriver.getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
        return nativeDriver.getMajorVersion();
    }

    @Override
    public int getMinorVersion() {
        return nativeDriver.getMinorVersion();
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("the native driver logs through its own loggers");
    }
}

package ru.noko.pipeline.clickhouse;

import com.github.housepower.data.IDataType;
import java.math.BigInteger;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The column types our tables have, each with the Java value the native driver's column writer takes for it: what
 * {@link ColumnarInsert} hands the driver without the driver's own conversion per value. Values are accepted only
 * from the setter a type has in our insert statements (text, whole number, fraction, time); any other pairing is a
 * mistake in a statement and is refused naming the column.
 */
enum ColumnKind {
    STRING,
    DATE_TIME,
    INT8,
    INT16,
    INT32,
    INT64,
    UINT8,
    UINT16,
    UINT32,
    UINT64,
    FLOAT32,
    FLOAT64;

    /** The kind of a column by its ClickHouse type name; null for a type the columnar insert does not write. */
    static ColumnKind of(IDataType<?, ?> type) {
        String name = type.name();
        if (name.startsWith("DateTime(")) {
            // A DateTime with its own time zone stores the same instant.
            return DATE_TIME;
        }
        return switch (name) {
            case "String" -> STRING;
            case "DateTime" -> DATE_TIME;
            case "Int8" -> INT8;
            case "Int16" -> INT16;
            case "Int32" -> INT32;
            case "Int64" -> INT64;
            case "UInt8" -> UINT8;
            case "UInt16" -> UINT16;
            case "UInt32" -> UINT32;
            case "UInt64" -> UINT64;
            case "Float32" -> FLOAT32;
            case "Float64" -> FLOAT64;
            default -> null;
        };
    }

    Object text(String value, String column) throws SQLException {
        if (this != STRING) {
            throw mismatch(column, "text");
        }
        if (value == null) {
            throw new SQLException("column " + column + " does not take NULL");
        }
        return value;
    }

    /** The driver's writers: Int8 a Byte, Int16 and UInt8 a Short, Int32 and UInt16 an Integer, UInt64 a BigInteger. */
    Object wholeNumber(long value, String column) throws SQLException {
        return switch (this) {
            case INT8 -> (byte) value;
            case INT16, UINT8 -> (short) value;
            case INT32, UINT16 -> (int) value;
            case INT64, UINT32 -> value;
            case UINT64 -> BigInteger.valueOf(value);
            default -> throw mismatch(column, "a whole number");
        };
    }

    Object fraction(double value, String column) throws SQLException {
        return switch (this) {
            case FLOAT32 -> (float) value;
            case FLOAT64 -> value;
            default -> throw mismatch(column, "a fraction");
        };
    }

    /** The driver's DateTime writer stores the instant's epoch second, whatever the zone it is given. */
    Object time(Timestamp value, String column) throws SQLException {
        if (this != DATE_TIME) {
            throw mismatch(column, "a time");
        }
        if (value == null) {
            throw new SQLException("column " + column + " does not take NULL");
        }
        return ZonedDateTime.ofInstant(Instant.ofEpochMilli(value.getTime()), ZoneOffset.UTC);
    }

    private SQLException mismatch(String column, String given) {
        return new SQLException("column " + column + " of kind " + this + " was given " + given);
    }
}

package ru.noko.schemas.clickhouse;

import java.util.Arrays;
import java.util.List;

/** One numbered DDL file: {@code V<version>__<name>.sql}, statements separated by {@code ;} at the end of a line. */
public record Migration(int version, String name, String sql, String checksum) {

    /** Statements in file order, comments and blank lines left to ClickHouse. */
    public List<String> statements() {
        return Arrays.stream(sql.split(";\\s*(\\R|$)"))
                .map(String::strip)
                .filter(statement -> !statement
                        .lines()
                        .allMatch(line -> line.isBlank() || line.strip().startsWith("--")))
                .toList();
    }
}

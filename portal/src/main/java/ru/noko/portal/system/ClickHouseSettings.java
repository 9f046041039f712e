package ru.noko.portal.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import ru.noko.schemas.clickhouse.ClickHouseTarget;

/** The ClickHouse the figures are in, read for the organizations' coverage and rejections. */
@ConfigurationProperties("noko.clickhouse")
public record ClickHouseSettings(String host, int port, String database, String user, String password) {

    public ClickHouseTarget target() {
        return new ClickHouseTarget(host, port, database, user, password);
    }
}

package ru.noko.pipeline.clickhouse;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.flink.connector.jdbc.datasource.statements.JdbcQueryStatement;
import ru.noko.methodology.registry.Organization;
import ru.noko.methodology.registry.RegistryJson;
import ru.noko.pipeline.results.OrganizationFact;

/**
 * Row of {@code organizations} (migration V017): a registry entry, so dashboards and exports can show names, INN and
 * territories beside the figures. The fact was checked when read, so it parses.
 */
public class RegistryInsert implements JdbcQueryStatement<OrganizationFact> {

    static final String SQL = "INSERT INTO organizations (organization_id, name, inn, organization_type, municipality,"
            + " region, contingent, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String query() {
        return SQL;
    }

    @Override
    public void statement(PreparedStatement insert, OrganizationFact fact) throws SQLException {
        Organization organization;
        try {
            organization = RegistryJson.parse(fact.json);
        } catch (IOException e) {
            throw new UncheckedIOException("a registry fact is written by RegistryJson and always parses", e);
        }
        insert.setString(1, organization.id());
        insert.setString(2, organization.name());
        insert.setString(3, organization.inn());
        insert.setString(4, organization.type().code());
        insert.setString(5, organization.municipality());
        insert.setString(6, organization.region());
        try {
            // Sorted by role, so the same registry entry always gives the same text.
            insert.setString(7, JSON.writeValueAsString(new java.util.TreeMap<>(organization.contingent())));
        } catch (IOException e) {
            throw new UncheckedIOException("a map of integers always serializes", e);
        }
        insert.setLong(8, fact.version);
    }
}

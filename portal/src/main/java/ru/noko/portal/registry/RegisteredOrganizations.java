package ru.noko.portal.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import ru.noko.methodology.registry.Organization;
import ru.noko.methodology.registry.OrganizationType;

/** The region's organizations as the operator last imported them (the portal's copy of the registry). */
@Repository
public class RegisteredOrganizations {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcClient db;

    RegisteredOrganizations(JdbcClient db) {
        this.db = db;
    }

    public List<Organization> all() {
        return db.sql("SELECT * FROM organizations WHERE active ORDER BY municipality, name")
                .query(RegisteredOrganizations::organization)
                .list();
    }

    /**
     * One page of the organizations a search finds (anywhere in the name, id, INN or municipality, any case), by
     * municipality and name. Read from the list's own indexes (V004): the page from the covering index, the search
     * from the trigram index, so neither reads or sorts the whole region.
     */
    public List<ListedOrganization> page(String search, int offset, int limit) {
        SearchCondition matching = SearchCondition.of(search, SEARCHED, " AND ");
        return db.sql("SELECT id, name, type, municipality, inn FROM organizations WHERE active" + matching.sql()
                        + " ORDER BY municipality, name, id LIMIT ? OFFSET ?")
                .params(matching.withPage(offset, limit))
                .query((row, number) -> new ListedOrganization(
                        row.getString("id"),
                        row.getString("name"),
                        OrganizationType.fromCode(row.getString("type")).orElseThrow(),
                        row.getString("municipality"),
                        row.getString("inn")))
                .list();
    }

    /** How many organizations the search finds. */
    public long count(String search) {
        SearchCondition matching = SearchCondition.of(search, SEARCHED, " AND ");
        return db.sql("SELECT count(*) FROM organizations WHERE active" + matching.sql())
                .params(matching.parameters())
                .query(Long.class)
                .single();
    }

    /** What a search looks in: the expression of the trigram index organizations_searched (V004). */
    private static final String SEARCHED = "lower(name || ' ' || id || ' ' || inn || ' ' || municipality)";

    public Optional<Organization> find(String id) {
        return db.sql("SELECT * FROM organizations WHERE id = ? AND active")
                .param(id)
                .query(RegisteredOrganizations::organization)
                .optional();
    }

    public List<Organization> inMunicipality(String municipality) {
        return db.sql("SELECT * FROM organizations WHERE municipality = ? AND active ORDER BY name")
                .param(municipality)
                .query(RegisteredOrganizations::organization)
                .list();
    }

    public List<String> municipalities() {
        return db.sql("SELECT DISTINCT municipality FROM organizations WHERE active ORDER BY municipality")
                .query(String.class)
                .list();
    }

    public long count() {
        return db.sql("SELECT count(*) FROM organizations WHERE active")
                .query(Long.class)
                .single();
    }

    /** Adds the organization, or replaces the one with its id. */
    public void save(Organization organization) {
        db.sql(
                        "INSERT INTO organizations (id, name, inn, type, municipality, region, contingent, updated_at) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, now()) ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
                                + "inn = excluded.inn, type = excluded.type, municipality = excluded.municipality, "
                                + "region = excluded.region, contingent = excluded.contingent, active = true, updated_at = now()")
                .params(
                        organization.id(),
                        organization.name(),
                        organization.inn(),
                        organization.type().code(),
                        organization.municipality(),
                        organization.region(),
                        contingent(organization))
                .update();
    }

    /** The organization is no longer in the registry: kept (its account and audit rows refer to it), not shown. */
    public void remove(String id) {
        db.sql("UPDATE organizations SET active = false, updated_at = now() WHERE id = ?")
                .param(id)
                .update();
    }

    private static String contingent(Organization organization) {
        try {
            return JSON.writeValueAsString(organization.contingent());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of role to count always writes", e);
        }
    }

    private static Organization organization(ResultSet row, int number) throws SQLException {
        Map<String, Integer> contingent;
        try {
            contingent = JSON.readValue(row.getString("contingent"), new TypeReference<Map<String, Integer>>() {});
        } catch (JsonProcessingException e) {
            throw new SQLException("contingent is not a map of role to count", e);
        }
        return new Organization(
                row.getString("id"),
                row.getString("name"),
                row.getString("inn"),
                OrganizationType.fromCode(row.getString("type")).orElseThrow(),
                row.getString("municipality"),
                row.getString("region"),
                contingent);
    }
}

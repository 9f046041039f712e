package ru.noko.portal.registry;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import ru.noko.methodology.registry.Organization;
import ru.noko.methodology.registry.OrganizationRegistry;
import ru.noko.methodology.registry.RegistryJson;
import ru.noko.portal.account.Passwords;

/** Uploads checked and shown in the preview, waiting for the operator's confirmation. */
@Repository
public class RegistryDrafts {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An upload waiting for confirmation. */
    public record Draft(String id, String uploadedBy, String fileName, OrganizationRegistry registry) {}

    private final JdbcClient db;

    RegistryDrafts(JdbcClient db) {
        this.db = db;
    }

    public String save(String uploadedBy, String fileName, OrganizationRegistry registry) {
        String id = Passwords.token().substring(0, 22);
        List<String> entries = new ArrayList<>();
        try {
            for (Organization organization : registry.organizations()) {
                entries.add(RegistryJson.write(organization));
            }
            db.sql("INSERT INTO registry_drafts (id, uploaded_by, file_name, registry) VALUES (?, ?, ?, ?::jsonb)")
                    .params(id, uploadedBy, fileName, JSON.writeValueAsString(entries))
                    .update();
        } catch (IOException e) {
            throw new UncheckedIOException("a registry always writes as JSON", e);
        }
        return id;
    }

    public Optional<Draft> find(String id) {
        return db.sql("SELECT id, uploaded_by, file_name, registry FROM registry_drafts WHERE id = ?")
                .param(id)
                .query((row, n) -> {
                    try {
                        List<String> entries =
                                JSON.readValue(row.getString("registry"), new TypeReference<List<String>>() {});
                        List<Organization> organizations = new ArrayList<>();
                        for (String entry : entries) {
                            organizations.add(RegistryJson.parse(entry));
                        }
                        return new Draft(
                                row.getString("id"),
                                row.getString("uploaded_by"),
                                row.getString("file_name"),
                                new OrganizationRegistry(organizations));
                    } catch (IOException e) {
                        throw new UncheckedIOException("a draft was written by this class", e);
                    }
                })
                .optional();
    }

    public void delete(String id) {
        db.sql("DELETE FROM registry_drafts WHERE id = ?").param(id).update();
    }
}

package ru.noko.portal.registry;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.MessageDigestPasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import ru.noko.methodology.registry.Organization;
import ru.noko.methodology.registry.RegistryJson;
import ru.noko.portal.account.Passwords;
import ru.noko.portal.account.Role;
import ru.noko.portal.audit.AuditLog;
import ru.noko.portal.system.KafkaSettings;

/**
 * Confirming an upload, all or nothing in one transaction: the organizations saved (those the file no longer has
 * kept but hidden, their accounts blocked), an account made for each new organization, and the new and changed ones
 * published to the registry's Kafka topic, where the gateway and the job read them. If Kafka does not take them the
 * transaction is rolled back and nothing has changed; publishing again is harmless, since records are keyed by
 * organization.
 */
@Service
public class RegistryImport {

    /** What a confirmed import did; {@code credentials} is the one-time download of the first passwords, if any. */
    public record Result(int added, int changed, int removed, int accounts, String credentials) {}

    /**
     * First passwords are random (twelve characters of 56: about 70 bits), so they need no slow hash against
     * guessing, and a slow one (bcrypt, 70 ms each) would make an import of 10,000 organizations take minutes. A
     * salted SHA-256 holds them until the first login, which replaces them with a chosen password under bcrypt.
     */
    private static final String FIRST_PASSWORD_ENCODING = "{SHA-256}";

    @SuppressWarnings("deprecation")
    private final MessageDigestPasswordEncoder firstPasswordHash = new MessageDigestPasswordEncoder("SHA-256");

    private final RegisteredOrganizations organizations;
    private final RegistryDrafts drafts;
    private final FirstPasswords firstPasswords;
    private final JdbcTemplate jdbc;
    private final Producer<String, String> kafka;
    private final KafkaSettings topics;
    private final AuditLog audit;

    RegistryImport(
            RegisteredOrganizations organizations,
            RegistryDrafts drafts,
            FirstPasswords firstPasswords,
            JdbcTemplate jdbc,
            Producer<String, String> kafka,
            KafkaSettings topics,
            AuditLog audit) {
        this.organizations = organizations;
        this.drafts = drafts;
        this.firstPasswords = firstPasswords;
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.topics = topics;
        this.audit = audit;
    }

    @Transactional
    public Result confirm(RegistryDrafts.Draft draft, String operator) {
        RegistryChanges changes = RegistryChanges.between(organizations.all(), draft.registry());
        List<Organization> saved = new ArrayList<>(changes.added());
        changes.changed().forEach(change -> saved.add(change.after()));
        saveAll(saved);
        List<Object[]> removed = changes.removed().stream()
                .map(organization -> new Object[] {organization.id()})
                .toList();
        jdbc.batchUpdate("UPDATE organizations SET active = false, updated_at = now() WHERE id = ?", removed);
        jdbc.batchUpdate("UPDATE accounts SET blocked = true WHERE organization_id = ?", removed);
        byte[] credentials = newAccounts(changes.added());
        publish(saved);
        drafts.delete(draft.id());
        String summary = "добавлено " + changes.added().size() + ", изменено "
                + changes.changed().size() + ", исключено " + changes.removed().size();
        audit.record(AuditLog.Action.REGISTRY_CONFIRMED, draft.fileName(), null, summary);
        int accounts = changes.added().size();
        String download = accounts == 0
                ? null
                : firstPasswords.keep(new FirstPasswords.Download(operator, credentials, accounts));
        return new Result(
                changes.added().size(),
                changes.changed().size(),
                changes.removed().size(),
                accounts,
                download);
    }

    private void saveAll(List<Organization> saved) {
        List<Object[]> rows = new ArrayList<>(saved.size());
        for (Organization organization : saved) {
            rows.add(new Object[] {
                organization.id(),
                organization.name(),
                organization.inn(),
                organization.type().code(),
                organization.municipality(),
                organization.region(),
                contingent(organization)
            });
        }
        jdbc.batchUpdate(
                "INSERT INTO organizations (id, name, inn, type, municipality, region, contingent, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, now()) ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
                        + "inn = excluded.inn, type = excluded.type, municipality = excluded.municipality, "
                        + "region = excluded.region, contingent = excluded.contingent, active = true, updated_at = now()",
                rows);
    }

    /** An account per new organization that has none, with a first password; the CSV of them for the operator. */
    private byte[] newAccounts(List<Organization> added) {
        StringWriter text = new StringWriter();
        List<Object[]> rows = new ArrayList<>(added.size());
        List<String> created = new ArrayList<>(added.size());
        java.util.Set<String> logins =
                new java.util.HashSet<>(jdbc.queryForList("SELECT login FROM accounts", String.class));
        try (CSVPrinter csv = new CSVPrinter(
                text,
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader("organization_id", "name", "municipality", "login", "password")
                        .get())) {
            for (Organization organization : added) {
                if (logins.contains(organization.id())) {
                    continue;
                }
                String password = Passwords.first();
                rows.add(new Object[] {
                    organization.id(),
                    FIRST_PASSWORD_ENCODING + firstPasswordHash.encode(password),
                    Role.ORGANIZATION.name(),
                    organization.id(),
                    organization.name()
                });
                csv.printRecord(
                        organization.id(),
                        organization.name(),
                        organization.municipality(),
                        organization.id(),
                        password);
                created.add(organization.id());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a CSV in memory always writes", e);
        }
        jdbc.batchUpdate(
                "INSERT INTO accounts (login, password_hash, role, organization_id, full_name, must_change_password) "
                        + "VALUES (?, ?, ?, ?, ?, true)",
                rows);
        audit.recordEach(AuditLog.Action.ACCOUNT_CREATED, created, "ORGANIZATION");
        // Excel opens a CSV with a byte order mark as UTF-8.
        return ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
    }

    private void publish(List<Organization> saved) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(saved.size());
        try {
            for (Organization organization : saved) {
                sent.add(kafka.send(new ProducerRecord<>(
                        topics.organizationsTopic(), organization.id(), RegistryJson.write(organization))));
            }
            kafka.flush();
            for (Future<RecordMetadata> record : sent) {
                record.get(30, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a registry entry always writes as JSON", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryNotPublished(e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new RegistryNotPublished(e);
        }
    }

    private static String contingent(Organization organization) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(organization.contingent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kafka did not take the registry: the transaction is rolled back, nothing changed. */
    public static final class RegistryNotPublished extends RuntimeException {
        RegistryNotPublished(Throwable cause) {
            super("Kafka did not take the registry", cause);
        }
    }
}

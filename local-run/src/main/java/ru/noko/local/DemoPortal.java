package ru.noko.local;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.methodology.registry.Inn;
import ru.noko.methodology.registry.Organization;
import ru.noko.methodology.registry.RegistryJson;

/**
 * The demo's part in the portal, done as the regional operator does it: the demo campaigns published through the
 * campaigns topic, the registry uploaded as a CSV file and confirmed (which publishes it and makes the organizations'
 * accounts), a municipal analyst's and the ministry's accounts made. The logins and first passwords are kept in
 * {@code demo-accounts.csv} of the data folder (owner only), for whoever tries the portal.
 */
final class DemoPortal {

    static final String ANALYST = "analyst.irkutsk";
    static final String MINISTRY = "ministry";

    /** One demo account: its login, first password and role, and the organization or municipality it belongs to. */
    record DemoAccount(String login, String password, String role, String of) {}

    private DemoPortal() {}

    /** Publishes each bundled campaign's text to the campaigns topic, keyed by its id. */
    static void publishCampaigns(String bootstrapServers) throws IOException {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true),
                new StringSerializer(),
                new StringSerializer())) {
            Campaigns.texts(Optional.empty())
                    .forEach(
                            (id, text) -> producer.send(new ProducerRecord<>(LocalSettings.CAMPAIGNS_TOPIC, id, text)));
            producer.flush();
        }
    }

    /**
     * Imports the demo registry through the portal as the operator and makes the other demo accounts; returns them
     * all and keeps them in {@code accountsFile}.
     */
    static List<DemoAccount> importRegistry(LocalSystem system, List<String> registryJson, Path accountsFile)
            throws IOException {
        PortalClient operator = new PortalClient(system.portalUri())
                .login(
                        system.operatorLogin(),
                        Files.readString(system.operatorPasswordFile()).strip());
        List<Organization> organizations = organizations(registryJson);
        String firstPasswords = operator.importRegistry(
                "demo-registry.csv", registryCsv(organizations).getBytes(StandardCharsets.UTF_8));
        List<DemoAccount> accounts = new ArrayList<>();
        // organization_id, name, municipality, login, password
        for (List<String> line : lines(firstPasswords)) {
            accounts.add(new DemoAccount(line.get(3), line.get(4), "организация", line.get(0)));
        }
        String municipality = organizations.get(0).municipality();
        if (accounts.isEmpty()) {
            // The registry was imported by an earlier demo: the accounts are in the file it kept.
            return Files.exists(accountsFile) ? read(accountsFile) : List.of();
        }
        accounts.add(new DemoAccount(
                ANALYST,
                operator.createAccount(ANALYST, "MUNICIPALITY", municipality, "Аналитик муниципалитета (демо)"),
                "аналитик муниципалитета",
                municipality));
        accounts.add(new DemoAccount(
                MINISTRY,
                operator.createAccount(MINISTRY, "MINISTRY", null, "Министерство образования (демо)"),
                "министерство",
                "регион"));
        write(accounts, accountsFile);
        return accounts;
    }

    /**
     * The generated registry as the operator's CSV file, in the methodology's format. The generator gives every
     * organization one INN; the portal keeps one organization per INN, so each gets its own valid one here.
     */
    static String registryCsv(List<Organization> organizations) throws IOException {
        List<Organization> withOwnInns = new ArrayList<>();
        for (int i = 0; i < organizations.size(); i++) {
            Organization organization = organizations.get(i);
            withOwnInns.add(new Organization(
                    organization.id(),
                    organization.name(),
                    Inn.legalEntity(String.format("38%07d", 1000 + i)),
                    organization.type(),
                    organization.municipality(),
                    organization.region(),
                    organization.contingent()));
        }
        return RegistryCsv.of(withOwnInns);
    }

    private static List<Organization> organizations(List<String> registryJson) throws IOException {
        List<Organization> organizations = new ArrayList<>();
        for (String entry : registryJson) {
            organizations.add(RegistryJson.parse(entry));
        }
        return organizations;
    }

    /** A CSV's lines without its header (and without a byte order mark Excel may want). */
    private static List<List<String>> lines(String csv) throws IOException {
        List<List<String>> lines = new ArrayList<>();
        if (csv.isBlank()) {
            return lines;
        }
        var records = CSVFormat.RFC4180
                .parse(new java.io.StringReader(csv.replace("\uFEFF", "").strip()))
                .getRecords();
        for (int i = 1; i < records.size(); i++) {
            lines.add(records.get(i).toList());
        }
        return lines;
    }

    /** Keeps the accounts in the demo's file, its owner's alone. */
    static void write(List<DemoAccount> accounts, Path file) throws IOException {
        StringWriter csv = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(csv, CSVFormat.RFC4180)) {
            printer.printRecord("login", "password", "role", "of");
            for (DemoAccount account : accounts) {
                printer.printRecord(account.login(), account.password(), account.role(), account.of());
            }
        }
        Files.writeString(file, csv.toString());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static List<DemoAccount> read(Path file) throws IOException {
        List<DemoAccount> accounts = new ArrayList<>();
        for (List<String> line : lines(Files.readString(file))) {
            accounts.add(new DemoAccount(line.get(0), line.get(1), line.get(2), line.get(3)));
        }
        return accounts;
    }
}

package ru.noko.local;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import ru.noko.methodology.registry.Organization;

/**
 * Organizations as the operator's registry file in the methodology's CSV format: one {@code contingent_<role>} column
 * per role any of them has, as the demo and the portal benchmark upload it.
 */
public final class RegistryCsv {

    private RegistryCsv() {}

    public static String of(List<Organization> organizations) throws IOException {
        TreeSet<String> roles = new TreeSet<>();
        organizations.forEach(
                organization -> roles.addAll(organization.contingent().keySet()));
        List<String> header =
                new ArrayList<>(List.of("organization_id", "name", "inn", "type", "municipality", "region"));
        roles.forEach(role -> header.add("contingent_" + role));
        StringWriter csv = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(csv, CSVFormat.RFC4180)) {
            printer.printRecord(header);
            for (Organization organization : organizations) {
                List<Object> line = new ArrayList<>(List.of(
                        organization.id(),
                        organization.name(),
                        organization.inn(),
                        organization.type().code(),
                        organization.municipality(),
                        organization.region()));
                roles.forEach(role -> line.add(organization.contingent(role)));
                printer.printRecord(line);
            }
        }
        return csv.toString();
    }
}

package ru.noko.export.bench;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * The inputs of the export benchmark ({@code bench/export.sh}): a registry of N organizations (a region of 60
 * municipalities, a third each of schools, kindergartens and additional education), M valid НОКО responses spread over
 * them, and a self-assessment for nine organizations in ten. Seeded: the same arguments give the same files.
 *   ExportBenchmarkData <folder> <organizations> <responses>
 */
public final class ExportBenchmarkData {

    private static final String[] TYPES = {"general", "preschool", "additional"};

    private ExportBenchmarkData() {}

    public static void main(String[] args) throws Exception {
        Path folder = Files.createDirectories(Path.of(args[0]));
        int organizations = Integer.parseInt(args[1]);
        int responses = Integer.parseInt(args[2]);
        Random random = new Random(2026);
        try (BufferedWriter registry =
                Files.newBufferedWriter(folder.resolve("registry.csv"), StandardCharsets.UTF_8)) {
            registry.write("organization_id,name,inn,type,municipality,region,contingent_parent,contingent_student\n");
            for (int o = 0; o < organizations; o++) {
                registry.write("org-" + o + ",Организация № " + o + "," + inn(o) + "," + TYPES[o % 3]
                        + ",Муниципалитет " + (o % 60) + ",Регион,300,150\n");
            }
        }
        try (BufferedWriter self =
                Files.newBufferedWriter(folder.resolve("self-assessment.json"), StandardCharsets.UTF_8)) {
            self.write("[");
            boolean first = true;
            for (int o = 0; o < organizations; o++) {
                if (o % 10 == 9) {
                    continue;
                }
                self.write((first ? "" : ",\n") + "{\"organizationId\": \"org-" + o
                        + "\", \"inputs\": {\"standItems\": "
                        + (5 + o % 6) + ", \"standItemsRequired\": 10, \"siteItems\": " + (28 + o % 13)
                        + ", \"siteItemsRequired\": 40, \"remoteChannels\": " + (o % 6) + ", \"comfortConditions\": "
                        + (o % 6)
                        + ", \"accessibleEquipment\": " + (o % 6) + ", \"accessibleServices\": " + (o % 7) + "}}");
                first = false;
            }
            self.write("]\n");
        }
        try (BufferedWriter out = Files.newBufferedWriter(folder.resolve("responses.jsonl"), StandardCharsets.UTF_8)) {
            for (int r = 0; r < responses; r++) {
                boolean[] yes = new boolean[15];
                double satisfied = 0.5 + random.nextDouble() * 0.45;
                for (int q = 1; q <= 14; q++) {
                    yes[q] = random.nextDouble() < satisfied;
                }
                StringBuilder answers = new StringBuilder();
                for (int q = 1; q <= 14; q++) {
                    // The questionnaire's skip logic: q2 only after q1 «да», q4 after q3, q7 after q6, q11 after q10.
                    if ((q == 2 && !yes[1]) || (q == 4 && !yes[3]) || (q == 7 && !yes[6]) || (q == 11 && !yes[10])) {
                        continue;
                    }
                    answers.append(answers.length() == 0 ? "" : ", ")
                            .append("\"q")
                            .append(q)
                            .append("\": ")
                            .append(yes[q]);
                }
                out.write("{\"organizationId\": \"org-" + random.nextInt(organizations) + "\", \"respondentRole\": \""
                        + (random.nextInt(3) == 0 ? "student" : "parent") + "\", \"answers\": {" + answers + "}}\n");
            }
        }
    }

    /** A valid ten-digit INN (the check digit computed as the registry import verifies it). */
    static String inn(int organization) {
        String base = String.format("38%07d", organization);
        int[] weights = {2, 4, 10, 3, 5, 9, 4, 6, 8};
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (base.charAt(i) - '0') * weights[i];
        }
        return base + (sum % 11 % 10);
    }
}

package ru.noko.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import ru.noko.local.RegistryCsv;
import ru.noko.methodology.registry.Inn;
import ru.noko.methodology.registry.Organization;
import ru.noko.methodology.registry.OrganizationType;

/**
 * The generated registries the portal benchmark imports: a region's organizations, weighted by municipality as a
 * region's are, and the same registry a year later.
 */
final class RegionRegistry {

    static final String REGION = "Иркутская область";

    /** Municipalities of the region and their weights (the regional centre and the larger towns have more). */
    static final String[] MUNICIPALITIES = {
        "г. Иркутск",
        "Ангарский городской округ",
        "г. Братск",
        "Иркутский район",
        "Шелеховский район",
        "г. Усолье-Сибирское",
        "Усольский район",
        "г. Усть-Илимск",
        "Усть-Илимский район",
        "Тайшетский район",
        "Нижнеудинский район",
        "Тулунский район",
        "г. Тулун",
        "Черемховский район",
        "г. Черемхово",
        "г. Саянск",
        "Зиминский район",
        "Куйтунский район",
        "Киренский район",
        "Казачинско-Ленский район",
        "Слюдянский район",
        "Эхирит-Булагатский район",
        "Боханский район",
        "Ольхонский район",
        "Катангский район"
    };

    private static final int[] MUNICIPALITY_WEIGHTS = {
        40, 18, 16, 10, 8, 7, 6, 6, 5, 6, 6, 5, 3, 5, 3, 3, 3, 3, 2, 2, 3, 3, 2, 1, 1
    };

    private RegionRegistry() {}

    /**
     * A region's registry: municipalities weighted as a region's are (the regional centre has the most), four in
     * ten kindergartens, four in ten schools, two in ten organizations of additional education, contingents of the
     * size each kind has. The same arguments give the same registry.
     */
    static List<Organization> generate(int count, String idPrefix, int innBase, long seed) {
        Random random = new Random(seed);
        int weights = Arrays.stream(MUNICIPALITY_WEIGHTS).sum();
        Map<String, Integer> numbers = new HashMap<>();
        List<Organization> organizations = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int pick = random.nextInt(weights);
            int m = 0;
            while (pick >= MUNICIPALITY_WEIGHTS[m]) {
                pick -= MUNICIPALITY_WEIGHTS[m];
                m++;
            }
            String municipality = MUNICIPALITIES[m];
            double kind = random.nextDouble();
            OrganizationType type = kind < 0.4
                    ? OrganizationType.PRESCHOOL
                    : kind < 0.8 ? OrganizationType.GENERAL : OrganizationType.ADDITIONAL;
            int number = numbers.merge(municipality + type, 1, Integer::sum);
            organizations.add(new Organization(
                    String.format(Locale.ROOT, "%s%05d", idPrefix, i),
                    name(type, number, municipality),
                    Inn.legalEntity(String.format(Locale.ROOT, "38%07d", innBase + i)),
                    type,
                    municipality,
                    REGION,
                    contingent(type, random)));
        }
        return organizations;
    }

    private static String name(OrganizationType type, int number, String municipality) {
        return switch (type) {
            case PRESCHOOL ->
                "Муниципальное бюджетное дошкольное образовательное учреждение «Детский сад № " + number + "» ("
                        + municipality + ")";
            case GENERAL ->
                "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № " + number
                        + "» (" + municipality + ")";
            case ADDITIONAL ->
                "Муниципальное бюджетное учреждение дополнительного образования «Дом детского творчества № " + number
                        + "» (" + municipality + ")";
        };
    }

    private static Map<String, Integer> contingent(OrganizationType type, Random random) {
        Map<String, Integer> contingent = new TreeMap<>();
        contingent.put("director", 1);
        switch (type) {
            case PRESCHOOL -> {
                int children = between(random, 40, 350);
                contingent.put("parent", children * between(random, 150, 190) / 100);
                contingent.put("teacher", Math.max(4, children / 11));
                contingent.put("deputy", between(random, 1, 2));
            }
            case GENERAL -> {
                int pupils = between(random, 60, 1600);
                // Pupils from the fifth grade answer themselves; every pupil's parents are asked.
                contingent.put("student", pupils * 55 / 100);
                contingent.put("parent", pupils * between(random, 140, 180) / 100);
                contingent.put("teacher", Math.max(8, pupils / 14));
                contingent.put("deputy", between(random, 1, 6));
            }
            case ADDITIONAL -> {
                int students = between(random, 150, 2500);
                contingent.put("student", students * 60 / 100);
                contingent.put("parent", students * between(random, 80, 120) / 100);
                contingent.put("teacher", Math.max(5, students / 40));
                contingent.put("deputy", between(random, 1, 3));
            }
        }
        return contingent;
    }

    /** The registry a year later: 500 contingents changed, 100 organizations closed and 100 opened. */
    static List<Organization> nextYear(List<Organization> registry, Random random, int round) {
        List<Organization> next = new ArrayList<>(registry);
        TreeSet<Integer> touched = new TreeSet<>();
        while (touched.size() < 600) {
            touched.add(random.nextInt(next.size()));
        }
        List<Integer> indices = new ArrayList<>(touched);
        java.util.Collections.shuffle(indices, random);
        for (int index : indices.subList(0, 500)) {
            Organization o = next.get(index);
            Map<String, Integer> contingent = new TreeMap<>(o.contingent());
            contingent.computeIfPresent("parent", (role, people) -> people + 1 + random.nextInt(30));
            next.set(
                    index,
                    new Organization(o.id(), o.name(), o.inn(), o.type(), o.municipality(), o.region(), contingent));
        }
        List<Integer> closed = new ArrayList<>(indices.subList(500, 600));
        closed.sort(java.util.Comparator.reverseOrder());
        for (int index : closed) {
            next.remove(index);
        }
        List<Organization> opened = generate(100, "irk-new" + round + "-", 90_000 + round * 100, 5000L + round);
        next.addAll(opened);
        // INNs stay unique in the file: the opened ones come from a range of their own.
        return next;
    }

    static byte[] registryCsv(List<Organization> organizations) throws IOException {
        return RegistryCsv.of(organizations).getBytes(StandardCharsets.UTF_8);
    }

    static String describe(List<Organization> organizations) {
        Map<OrganizationType, Long> types = organizations.stream()
                .collect(Collectors.groupingBy(Organization::type, TreeMap::new, Collectors.counting()));
        long municipalities = organizations.stream()
                .map(Organization::municipality)
                .distinct()
                .count();
        return municipalities + " municipalities; "
                + types.entrySet().stream()
                        .map(e -> e.getKey().code() + " " + e.getValue())
                        .collect(Collectors.joining(", "));
    }

    /** {@code count} organizations with known first passwords, spread evenly over the registry. */
    static List<Organization> spread(List<Organization> registry, Map<String, String> passwords, int count) {
        List<Organization> known =
                registry.stream().filter(o -> passwords.containsKey(o.id())).toList();
        List<Organization> chosen = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            chosen.add(known.get((int) ((long) i * known.size() / count)));
        }
        return chosen;
    }

    /** What the operator searches for: a municipality, a number, a kind of organization, an id, an INN's start. */
    static List<String> searches(List<Organization> registry) {
        List<String> searches = new ArrayList<>(List.of(MUNICIPALITIES).subList(0, 10));
        searches.addAll(List.of("детский сад № 12", "школа № 7", "дом детского творчества", "иркутск", "№ 101"));
        searches.add(registry.get(registry.size() / 3).id());
        searches.add(registry.get(registry.size() / 2).inn().substring(0, 8));
        return searches;
    }

    private static int between(Random random, int from, int to) {
        return from + random.nextInt(to - from + 1);
    }
}

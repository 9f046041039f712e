package ru.noko.methodology.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RegistryCsvTest {

    private static final String HEADER = "organization_id,name,inn,type,municipality,region,"
            + "contingent_parent,contingent_student,contingent_teacher\n";
    private static final String SCHOOL_1 =
            "school-1,Школа № 1,7707083893,general,г. Иркутск,Иркутская область,420,380,35\n";
    private static final String SCHOOL_3 = "school-3,Школа № 3,7736207543,general,г. Пермь,Пермский край,300,280,25\n";
    private static final String ID_RULE =
            "organization_id: от 1 до 64 латинских букв, цифр, '.', '-' и '_', начиная с буквы или цифры";
    private static final String CONTINGENT_RULE =
            "contingent_parent: ожидается целое число от 0 до 1000000 (пусто — роль к организации не относится)";

    @Test
    void aValidFileImportsEveryOrganizationWithExactValues() throws Exception {
        OrganizationRegistry registry = read("""
                organization_id,name,inn,type,municipality,region,contingent_teacher,contingent_parent,contingent_pupil
                3808012348-school-7,МБОУ СОШ № 7,3808012348,general,г. Иркутск,Иркутская область,48,640,590
                3808424454-kindergarten-15,Детский сад № 15,3808424454,preschool,г. Иркутск,Иркутская область,26,210,
                ip-ivanov,ИП Иванов: кружок робототехники,500100732259,additional,г. Пермь,Пермский край,2,30,31
                """);

        assertThat(registry.size()).isEqualTo(3);
        assertThat(registry.organizations())
                .containsExactly(
                        new Organization(
                                "3808012348-school-7",
                                "МБОУ СОШ № 7",
                                "3808012348",
                                OrganizationType.GENERAL,
                                "г. Иркутск",
                                "Иркутская область",
                                Map.of("parent", 640, "pupil", 590, "teacher", 48)),
                        new Organization(
                                "3808424454-kindergarten-15",
                                "Детский сад № 15",
                                "3808424454",
                                OrganizationType.PRESCHOOL,
                                "г. Иркутск",
                                "Иркутская область",
                                Map.of("parent", 210, "teacher", 26)),
                        new Organization(
                                "ip-ivanov",
                                "ИП Иванов: кружок робототехники",
                                "500100732259",
                                OrganizationType.ADDITIONAL,
                                "г. Пермь",
                                "Пермский край",
                                Map.of("parent", 30, "pupil", 31, "teacher", 2)));
        Organization school = registry.find("3808012348-school-7").orElseThrow();
        assertThat(school.contingent().keySet()).containsExactly("parent", "pupil", "teacher");
        assertThat(school.contingent("parent")).isEqualTo(640);
    }

    @Test
    void theRealisticExampleFileImports() throws Exception {
        OrganizationRegistry registry = RegistryCsv.read(Path.of("src/test/resources/registry/example-registry.csv"));

        List<Organization> organizations = registry.organizations();
        assertThat(organizations).hasSize(12);
        assertThat(organizations).extracting(Organization::region).containsOnly("Иркутская область", "Пермский край");
        assertThat(organizations.stream().map(Organization::municipality).distinct())
                .hasSize(4);
        assertThat(organizations).extracting(Organization::type).containsOnly(OrganizationType.values());
        assertThat(organizations).allSatisfy(organization -> {
            assertThat(Inn.isValid(organization.inn())).isTrue();
            assertThat(organization.contingent("parent")).isPositive();
            assertThat(organization.contingent("teacher")).isPositive();
            assertThat(organization.contingent("student") > 0)
                    .isEqualTo(organization.type() != OrganizationType.PRESCHOOL);
        });
        assertThat(registry.find("3808012348-school-7").orElseThrow().name())
                .isEqualTo("МБОУ г. Иркутска \"Средняя общеобразовательная школа № 7\"");
        assertThat(registry.find("3801063287-kindergarten-24").orElseThrow().name())
                .isEqualTo("МБДОУ «Детский сад № 24», г. Ангарск");
    }

    @Test
    void aSemicolonDelimiterIsTakenFromTheHeader() throws Exception {
        OrganizationRegistry registry = read("""
                organization_id;name;inn;type;municipality;region;contingent_parent
                school-1;Школа № 1, корпус 2;7707083893;general;г. Иркутск;Иркутская область;420
                """);

        Organization school = registry.find("school-1").orElseThrow();
        assertThat(school.name()).isEqualTo("Школа № 1, корпус 2");
        assertThat(school.contingent()).containsExactly(Map.entry("parent", 420));
    }

    @Test
    void aByteOrderMarkIsIgnoredInAFileAndInAReader(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("registry.csv");
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = (HEADER + SCHOOL_1).getBytes(StandardCharsets.UTF_8);
        Files.write(file, concat(bom, text));

        assertThat(RegistryCsv.read(file).find("school-1")).isPresent();
        assertThat(read("\uFEFF" + HEADER + SCHOOL_1).find("school-1")).isPresent();
    }

    @Test
    void aQuotedFieldMayHoldTheDelimiterQuotesAndALineBreak() throws Exception {
        OrganizationRegistry registry = read(HEADER + """
                school-1,"МБОУ ""Школа № 1"", корпус 2",7707083893,general,г. Иркутск,Иркутская область,420,380,35
                school-2,"Школа № 2
                (бывшая гимназия)",3808424454,general,г. Иркутск,Иркутская область,1,2,3
                """);

        assertThat(registry.find("school-1").orElseThrow().name()).isEqualTo("МБОУ \"Школа № 1\", корпус 2");
        assertThat(registry.find("school-2").orElseThrow().name()).isEqualTo("Школа № 2\n(бывшая гимназия)");
    }

    @Test
    void aQuotedLineBreakDoesNotShiftTheLineNumbersOfLaterLines() {
        List<LineProblem> problems = problemsOf(HEADER + """
                school-1,"Школа № 1
                (корпус 2)
                на Ленина",7707083893,general,г. Иркутск,Иркутская область,420,380,35
                school-2,Школа № 2,7707083894,general,г. Иркутск,Иркутская область,1,2,3
                """);

        assertThat(problems).containsExactly(new LineProblem(5, "inn", "ИНН: неверная контрольная сумма"));
    }

    @Test
    void aRecordSpanningLinesIsNamedByItsFirstLine() {
        List<LineProblem> problems = problemsOf(HEADER + SCHOOL_1 + """
                school-2,"Школа № 2
                (корпус 2)",7707083893,школа,г. Иркутск,Иркутская область,1,2,3
                school-3,"Школа № 3",7707083893,средняя,г. Иркутск,Иркутская область,1,2,3
                """);

        assertThat(problems)
                .extracting(LineProblem::line, LineProblem::column)
                .containsExactly(tuple(3, "type"), tuple(5, "type"));
    }

    @Test
    void windowsLineEndingsAndBlankLinesKeepLineNumbersRight() {
        String text = HEADER + "\n" + SCHOOL_1 + "\n\n"
                + "school-2,\"Школа № 2\n(корпус)\",7707083893,general,г. Иркутск,Иркутская область,1,2,3\n"
                + "school-3,Школа № 3,7707083893,general,,Иркутская область,1,2,3\n"
                + "\n"
                + "school-4,Школа № 4,7707083893,general,г. Иркутск,,1,2,3\n";

        List<LineProblem> problems = problemsOf(text.replace("\n", "\r\n"));

        assertThat(problems)
                .containsExactly(
                        new LineProblem(8, "municipality", "municipality: обязательное поле не заполнено"),
                        new LineProblem(10, "region", "region: обязательное поле не заполнено"));
    }

    @Test
    void linesOfSpacesOrOnlyDelimitersAreSkippedLikeBlankLines() throws Exception {
        OrganizationRegistry registry = read(HEADER + "   \n" + SCHOOL_1 + ",,,,,,,,\n" + SCHOOL_3);

        assertThat(registry.organizations()).extracting(Organization::id).containsExactly("school-1", "school-3");
    }

    @Test
    void columnsMayComeInAnyOrder() throws Exception {
        OrganizationRegistry registry = read("""
                contingent_student,region,type,inn,name,municipality,organization_id
                380,Иркутская область,GENERAL,7707083893,Школа № 1,г. Иркутск,school-1
                """);

        assertThat(registry.find("school-1"))
                .contains(new Organization(
                        "school-1",
                        "Школа № 1",
                        "7707083893",
                        OrganizationType.GENERAL,
                        "г. Иркутск",
                        "Иркутская область",
                        Map.of("student", 380)));
    }

    @Test
    void valuesAreTrimmedIncludingNoBreakSpaces() throws Exception {
        OrganizationRegistry registry = read(HEADER
                + " school-1 ,\u00A0Школа № 1\u00A0, 7707083893 , general ,\tг. Иркутск, Иркутская область ,"
                + " 420 ,, 35\n");

        assertThat(registry.organizations())
                .containsExactly(new Organization(
                        "school-1",
                        "Школа № 1",
                        "7707083893",
                        OrganizationType.GENERAL,
                        "г. Иркутск",
                        "Иркутская область",
                        Map.of("parent", 420, "teacher", 35)));
    }

    @Test
    void aBlankContingentMeansTheRoleDoesNotApply() throws Exception {
        OrganizationRegistry registry = read(HEADER
                + "kindergarten-1,Детский сад № 1,7707083893,preschool,г. Иркутск,Иркутская область,210,,26\n"
                + "kindergarten-2,Детский сад № 2,7707083893,preschool,г. Иркутск,Иркутская область,180,0,20\n");

        Organization blank = registry.find("kindergarten-1").orElseThrow();
        Organization zero = registry.find("kindergarten-2").orElseThrow();
        assertThat(blank.contingent("student")).isZero();
        assertThat(blank.contingent()).containsOnlyKeys("parent", "teacher");
        assertThat(zero.contingent()).containsOnlyKeys("parent", "teacher");
    }

    @Test
    void theLimitsThemselvesAreAccepted() throws Exception {
        String longestId = "a".repeat(64);
        String longestName = "Ш".repeat(500);
        OrganizationRegistry registry = read(
                HEADER + longestId + "," + longestName + ",7707083893,Additional,г. Пермь,Пермский край,1000000,0,1\n");

        Organization organization = registry.find(longestId).orElseThrow();
        assertThat(organization.name()).isEqualTo(longestName);
        assertThat(organization.type()).isEqualTo(OrganizationType.ADDITIONAL);
        assertThat(organization.contingent("parent")).isEqualTo(1_000_000);
    }

    @Test
    void branchesMayShareTheirParentsInn() throws Exception {
        OrganizationRegistry registry = read(HEADER + SCHOOL_1
                + "school-1-branch,Филиал школы № 1,7707083893,general,г. Иркутск,Иркутская область,40,35,6\n");

        assertThat(registry.size()).isEqualTo(2);
    }

    static Stream<Arguments> brokenRules() {
        return Stream.of(
                broken("organization_id", "", "organization_id: обязательное поле не заполнено"),
                broken("organization_id", "школа-2", ID_RULE),
                broken("organization_id", "-school-2", ID_RULE),
                broken("organization_id", "school 2", ID_RULE),
                broken("organization_id", "s".repeat(65), ID_RULE),
                broken("name", "", "name: обязательное поле не заполнено"),
                broken("name", "Ш".repeat(501), "name: длиннее 500 символов"),
                broken("inn", "", "ИНН: обязательное поле не заполнено"),
                broken("inn", "77070838", "ИНН: ожидается 10 цифр (юридическое лицо) или 12 цифр"),
                broken("inn", "77O7083893", "ИНН: ожидается 10 цифр (юридическое лицо) или 12 цифр"),
                broken("inn", "7.70708E+09", "ИНН: ожидается 10 цифр (юридическое лицо) или 12 цифр"),
                broken(
                        "inn",
                        "274062111",
                        "ИНН: ожидается 10 цифр (юридическое лицо) или 12 цифр; цифр 9 — возможно, "
                                + "Excel отбросил ведущий ноль, задайте столбцу текстовый формат"),
                broken("inn", "7707083894", "ИНН: неверная контрольная сумма"),
                broken("inn", "500100732258", "ИНН: неверная контрольная сумма"),
                broken("type", "", "type: ожидается preschool, general или additional"),
                broken("type", "school", "type: ожидается preschool, general или additional"),
                broken("municipality", " ", "municipality: обязательное поле не заполнено"),
                broken("region", "", "region: обязательное поле не заполнено"),
                broken("contingent_parent", "-1", CONTINGENT_RULE),
                broken("contingent_parent", "много", CONTINGENT_RULE),
                broken("contingent_parent", "12.5", CONTINGENT_RULE),
                broken("contingent_parent", "1 200", CONTINGENT_RULE),
                broken("contingent_parent", "1000001", "contingent_parent: больше 1000000 человек"),
                broken("contingent_parent", "99999999999", "contingent_parent: больше 1000000 человек"));
    }

    @ParameterizedTest(name = "{0} = \"{1}\"")
    @MethodSource("brokenRules")
    void eachBrokenRuleIsReportedWithItsLineAndColumn(String column, String value, String reason) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("organization_id", "school-2");
        fields.put("name", "Школа № 2");
        fields.put("inn", "3808424454");
        fields.put("type", "general");
        fields.put("municipality", "г. Иркутск");
        fields.put("region", "Иркутская область");
        fields.put("contingent_parent", "100");
        fields.put("contingent_student", "90");
        fields.put("contingent_teacher", "10");
        fields.put(column, value);
        String badLine = String.join(",", fields.values()) + "\n";

        List<LineProblem> problems = problemsOf(HEADER + SCHOOL_1 + badLine + SCHOOL_3);

        assertThat(problems).containsExactly(new LineProblem(3, column, reason));
    }

    @Test
    void aLineWithTooFewOrTooManyFieldsIsOneProblemOfTheWholeLine() {
        List<LineProblem> problems = problemsOf(HEADER
                + "school-1;Школа № 1;7707083893;general;г. Иркутск;Иркутская область;420;380;35\n"
                + SCHOOL_3.replace("\n", ",7\n"));

        assertThat(problems)
                .containsExactly(
                        new LineProblem(
                                2, null, "полей в строке: 1, а в заголовке: 9; проверьте разделители и кавычки"),
                        new LineProblem(
                                3, null, "полей в строке: 10, а в заголовке: 9; проверьте разделители и кавычки"));
    }

    @Test
    void aFileWithOneBadLineImportsNothingAndNamesTheLine() {
        RegistryImportException failure = importFailure(HEADER + SCHOOL_1
                + "school-2,Школа № 2,7707083893,школа,г. Иркутск,Иркутская область,1,2,3\n" + SCHOOL_3);

        assertThat(failure.problems())
                .containsExactly(new LineProblem(3, "type", "type: ожидается preschool, general или additional"));
        assertThat(failure.getMessage()).contains("ошибок: 1", "строка 3, столбец type");
    }

    @Test
    void everyProblemOfEveryLineIsReportedByLineThenColumn() {
        List<LineProblem> problems = problemsOf(HEADER
                + "school-1,,7707083894,school,г. Иркутск,Иркутская область,-5,380,35\n"
                + SCHOOL_3
                + "Школа,Школа № 4,7707083893,general,,,420,380,много\n"
                + "school-5,Школа № 5\n");

        assertThat(problems)
                .extracting(LineProblem::line, LineProblem::column)
                .containsExactly(
                        tuple(2, "contingent_parent"),
                        tuple(2, "inn"),
                        tuple(2, "name"),
                        tuple(2, "type"),
                        tuple(4, "contingent_teacher"),
                        tuple(4, "municipality"),
                        tuple(4, "organization_id"),
                        tuple(4, "region"),
                        tuple(5, null));
    }

    @Test
    void aRepeatedIdNamesTheLineWhereItFirstAppeared() {
        List<LineProblem> problems =
                problemsOf(HEADER + SCHOOL_1 + SCHOOL_3 + SCHOOL_1.replace("Школа № 1", "Другая школа") + SCHOOL_1);

        assertThat(problems)
                .containsExactly(
                        new LineProblem(4, "organization_id", "organization_id: повторяется, впервые в строке 2"),
                        new LineProblem(5, "organization_id", "organization_id: повторяется, впервые в строке 2"));
    }

    @Test
    void idsDifferingInCaseAreDifferentOrganizations() throws Exception {
        OrganizationRegistry registry = read(HEADER + SCHOOL_1 + SCHOOL_1.replace("school-1", "School-1"));

        assertThat(registry.size()).isEqualTo(2);
    }

    @Test
    void aMissingRequiredColumnIsAProblemOfTheHeader() {
        List<LineProblem> problems = problemsOf("""
                organization_id,name,type,municipality,region,contingent_parent
                school-1,Школа № 1,general,г. Иркутск,Иркутская область,420
                """);

        assertThat(problems).containsExactly(new LineProblem(1, "inn", "нет обязательного столбца inn"));
    }

    @Test
    void aRepeatedColumnIsAProblemOfTheHeader() {
        List<LineProblem> problems = problemsOf("""
                organization_id,name,inn,type,municipality,region,contingent_parent,name
                school-1,Школа № 1,7707083893,general,г. Иркутск,Иркутская область,420,Школа
                """);

        assertThat(problems).containsExactly(new LineProblem(1, "name", "столбец повторяется: столбцы № 2, 8"));
    }

    @Test
    void unknownAndUnnamedColumnsAreProblemsOfTheHeader() {
        List<LineProblem> problems = problemsOf("""
                organization_id,name,inn,type,municipality,region,contingent_parent,email,
                school-1,Школа № 1,7707083893,general,г. Иркутск,Иркутская область,420,a@b.ru,
                """);

        assertThat(problems)
                .containsExactly(
                        new LineProblem(1, null, "столбец № 9 без названия"),
                        new LineProblem(
                                1,
                                "email",
                                "неизвестный столбец; допустимы organization_id, name, inn, type, "
                                        + "municipality, region и contingent_<роль>"));
    }

    @Test
    void aHeaderWithoutContingentColumnsIsAProblem() {
        List<LineProblem> problems = problemsOf("""
                organization_id,name,inn,type,municipality,region
                school-1,Школа № 1,7707083893,general,г. Иркутск,Иркутская область
                """);

        assertThat(problems)
                .containsExactly(new LineProblem(
                        1,
                        "contingent_*",
                        "нет ни одного столбца контингента contingent_<роль>, например contingent_parent"));
    }

    @Test
    void aContingentColumnWithABadRoleNamesThatColumn() {
        List<LineProblem> problems = problemsOf("""
                organization_id,name,inn,type,municipality,region,contingent_Parent
                school-1,Школа № 1,7707083893,general,г. Иркутск,Иркутская область,420
                """);

        assertThat(problems)
                .containsExactly(new LineProblem(
                        1,
                        "contingent_Parent",
                        "роль в названии столбца contingent_<роль>: от 2 до 32 строчных латинских букв и '_', "
                                + "начиная с буквы, например contingent_parent"));
    }

    @Test
    void headerProblemsDoNotHideProblemsOfDataLines() {
        List<LineProblem> problems = problemsOf("""
                organization_id,name,inn,municipality,region,contingent_parent
                school-1,Школа № 1,7707083894,г. Иркутск,Иркутская область,420
                """);

        assertThat(problems)
                .containsExactly(
                        new LineProblem(1, "type", "нет обязательного столбца type"),
                        new LineProblem(2, "inn", "ИНН: неверная контрольная сумма"));
    }

    @Test
    void aFileWithoutOrganizationsIsAProblem() {
        assertThat(problemsOf(HEADER)).containsExactly(new LineProblem(1, null, "нет ни одной организации"));
        assertThat(problemsOf(HEADER + "\n,,,\n"))
                .containsExactly(new LineProblem(1, null, "нет ни одной организации"));
        assertThat(problemsOf("organization_id,name,inn,type,municipality,region\n"))
                .containsExactly(
                        new LineProblem(1, null, "нет ни одной организации"),
                        new LineProblem(
                                1,
                                "contingent_*",
                                "нет ни одного столбца контингента contingent_<роль>, например contingent_parent"));
        assertThat(problemsOf("")).containsExactly(new LineProblem(1, null, "файл пуст: нет строки заголовка"));
        assertThat(problemsOf("\n\n")).containsExactly(new LineProblem(1, null, "файл пуст: нет строки заголовка"));
    }

    @Test
    void brokenQuotingNamesTheLineAndKeepsTheProblemsBeforeIt() {
        String quoteInsideField = "school-2,Школа \"Радуга\",7707083893,general,г. Иркутск,Иркутская область,1,2,3\n";
        String textAfterClosingQuote = "school-4,\"Школа\" № 4,7707083893,general,г. Иркутск,Иркутская область,1,2,3\n";
        String unclosedQuote = "school-5,\"Школа № 5,7707083893,general,г. Иркутск,Иркутская область,1,2,3\n";

        assertThat(read(HEADER + quoteInsideField)).isNotNull();
        assertThat(problemsOf(HEADER + SCHOOL_1.replace("7707083893", "7707083894") + "\n" + textAfterClosingQuote))
                .extracting(LineProblem::line, LineProblem::column)
                .containsExactly(tuple(2, "inn"), tuple(4, null));
        String twoLineRecord = "school-2,\"Школа № 2\n(корпус)\",7707083893,general,г. Пермь,Пермский край,1,2,3\n";
        assertThat(problemsOf(HEADER + SCHOOL_1 + twoLineRecord + "\n" + unclosedQuote + SCHOOL_3))
                .singleElement()
                .satisfies(problem -> {
                    assertThat(problem.line()).isEqualTo(6);
                    assertThat(problem.reason()).startsWith("ошибка формата CSV");
                });
    }

    @Test
    void aFileNotInUtf8NamesTheFirstLineThatIsNot(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("registry-1251.csv");
        Files.write(
                file,
                (HEADER + "school-1,Школа № 1,7707083893,general,Иркутск,Иркутская область,1,2,3\n")
                        .getBytes(Charset.forName("windows-1251")));

        RegistryImportException failure = importFailure(() -> RegistryCsv.read(file));

        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(2);
            assertThat(problem.column()).isNull();
            assertThat(problem.reason()).startsWith("файл не в кодировке UTF-8");
        });
    }

    private static OrganizationRegistry read(String csv) {
        try {
            return RegistryCsv.read(new StringReader(csv));
        } catch (RegistryImportException e) {
            return fail("Expected the file to import, but: " + e.getMessage());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<LineProblem> problemsOf(String csv) {
        return importFailure(csv).problems();
    }

    private static RegistryImportException importFailure(String csv) {
        return importFailure(() -> RegistryCsv.read(new StringReader(csv)));
    }

    private static RegistryImportException importFailure(Import attempt) {
        try {
            OrganizationRegistry registry = attempt.run();
            return fail("Expected the import to fail, but it gave "
                    + registry.organizations().stream().map(Organization::id).collect(Collectors.joining(", ")));
        } catch (RegistryImportException e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Arguments broken(String column, String value, String reason) {
        return Arguments.of(column, value, reason);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    @FunctionalInterface
    private interface Import {
        OrganizationRegistry run() throws IOException, RegistryImportException;
    }
}

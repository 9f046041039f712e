package ru.noko.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The gateway's packages use each other one way: no package uses one that uses it back, and the response intake,
 * which every way of answering goes through, knows nothing of the e-mail step or the pages built on it.
 */
class LayersTest {

    private static final JavaClasses GATEWAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("ru.noko.gateway");

    @Test
    void noPackageUsesOneThatUsesItBack() {
        slices().matching("ru.noko.gateway.(*)..").should().beFreeOfCycles().check(GATEWAY);
    }

    @Test
    void theResponseIntakeKnowsNothingOfEmailOrPages() {
        noClasses()
                .that()
                .resideInAPackage("ru.noko.gateway.response..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("ru.noko.gateway.email..", "ru.noko.gateway.page..")
                .check(GATEWAY);
    }

    @Test
    void theSystemPackageIsTheBottomAndUsesNoFeature() {
        noClasses()
                .that()
                .resideInAPackage("ru.noko.gateway.system..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "ru.noko.gateway.campaign..",
                        "ru.noko.gateway.crosssite..",
                        "ru.noko.gateway.email..",
                        "ru.noko.gateway.page..",
                        "ru.noko.gateway.questionnaire..",
                        "ru.noko.gateway.registry..",
                        "ru.noko.gateway.response..")
                .check(GATEWAY);
    }
}

package ru.noko.schemas.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PseudonymizerTest {

    private final Pseudonymizer pseudonymizer = new Pseudonymizer("k".repeat(Pseudonymizer.MIN_KEY_LENGTH));

    @Test
    void sameEmailInAnotherCaseOrWithBlanksGivesTheSamePseudonym() {
        assertThat(pseudonymizer.email(" Parent.Ivanova@Example.RU "))
                .isEqualTo(pseudonymizer.email("parent.ivanova@example.ru"))
                .matches("[0-9a-f]{64}")
                .doesNotContain("ivanova");
    }

    @Test
    void differentKeysGiveDifferentPseudonyms() {
        Pseudonymizer other = new Pseudonymizer("z".repeat(Pseudonymizer.MIN_KEY_LENGTH));
        assertThat(other.ipAddress("192.0.2.1")).isNotEqualTo(pseudonymizer.ipAddress("192.0.2.1"));
    }

    @Test
    void anEmailAndAnAddressWithTheSameTextDoNotCollide() {
        assertThat(pseudonymizer.email("192.0.2.1")).isNotEqualTo(pseudonymizer.ipAddress("192.0.2.1"));
    }

    @Test
    void aMissingOrShortKeyIsRefused() {
        assertThatThrownBy(() -> new Pseudonymizer(null)).hasMessageContaining(Pseudonymizer.KEY_VARIABLE);
        assertThatThrownBy(() -> new Pseudonymizer("short")).hasMessageContaining("32");
    }
}

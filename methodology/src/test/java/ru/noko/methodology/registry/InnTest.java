package ru.noko.methodology.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InnTest {

    @ParameterizedTest
    @ValueSource(strings = {"7707083893", "7736207543", "0274062111", "500100732259"})
    void realTenAndTwelveDigitInnsPass(String inn) {
        assertThat(Inn.isValid(inn)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "770708389", "77070838930", "7707083893000", "50010073225"})
    void anyLengthOtherThanTenOrTwelveFails(String inn) {
        assertThat(Inn.isValid(inn)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"77O7083893", "7707-83893", " 707083893", "7707083893 ", "+707083893", "５００１００７３２２５９"})
    void anythingButAsciiDigitsFails(String inn) {
        assertThat(Inn.isValid(inn)).isFalse();
    }

    @Test
    void aWrongControlDigitOfATenDigitInnFails() {
        assertThat(Inn.isValid("7707083894")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"500100732249", "500100732258"})
    void aWrongEleventhOrTwelfthDigitOfATwelveDigitInnFails(String inn) {
        assertThat(Inn.isValid(inn)).isFalse();
    }

    @Test
    void nullIsNotAnInn() {
        assertThat(Inn.isValid(null)).isFalse();
    }
}

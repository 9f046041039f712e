package ru.noko.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublicEmailValidatorTest {

    private final PublicEmailValidator validator = new PublicEmailValidator();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "mama@mail.ru",
                "Parent.Ivanova@example.ru",
                "papa@yandex.com",
                "teacher@school.irk.ru",
                "someone@example.co.uk",
                "родитель@почта.рф",
                "user@gmail.com."
            })
    void addressesAtPublicDomainsAreTaken(String address) {
        assertThat(validator.isValid(address, null)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "user@localhost",
                "user@[127.0.0.1]",
                "user@127.0.0.1",
                "user@[IPv6:::1]",
                "user@intranet",
                "user@printer.local",
                "user@something.test",
                "user@mail.invalid",
                "user@router.lan",
                "user@ru",
                "user@co.uk"
            })
    void addressesNobodyOutsideCanReachAreRefused(String address) {
        assertThat(validator.isValid(address, null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "не почта", "a@b@c"})
    void whatIsNoAddressAtAllIsLeftToTheFormatCheck(String text) {
        assertThat(validator.isValid(text, null)).isTrue();
    }
}

package ru.noko.gateway.system;

import com.google.common.net.InternetDomainName;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** {@link PublicEmail}: the domain after the one {@code @} is under a suffix of the public suffix list. */
public final class PublicEmailValidator implements ConstraintValidator<PublicEmail, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null || value.isBlank()) {
            return true;
        }
        String address = value.strip();
        int at = address.lastIndexOf('@');
        if (at < 0 || address.indexOf('@') != at) {
            return true;
        }
        return publicDomain(address.substring(at + 1));
    }

    /** Whether {@code domain} is a domain name under a public suffix (not the suffix itself, not an IP address). */
    public static boolean publicDomain(String domain) {
        String name = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        if (!InternetDomainName.isValid(name)) {
            return false;
        }
        InternetDomainName parsed = InternetDomainName.from(name);
        // A public suffix of the ICANN section: .ru, .рф, .co.uk; not private suffixes, which anyone can register.
        return parsed.isUnderRegistrySuffix();
    }
}

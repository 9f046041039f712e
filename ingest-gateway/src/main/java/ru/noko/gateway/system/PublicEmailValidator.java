package ru.noko.gateway.system;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.common.net.InternetDomainName;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** {@link PublicEmail}: the domain after the one {@code @} is under a suffix of the public suffix list. */
public final class PublicEmailValidator implements ConstraintValidator<PublicEmail, String> {

    /**
     * Domains judged already: respondents' addresses share a few dozen, and parsing one against the public suffix list
     * cost a submission 3 % of its time (BENCHMARKS.md, the security checks). A pure function's cache: forgetting is
     * harmless.
     */
    private static final Cache<String, Boolean> JUDGED =
            Caffeine.newBuilder().maximumSize(100_000).build();

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return isPublicOrNotAnAddress(value);
    }

    /** The constraint without its context: whether {@code value} passes {@link PublicEmail}. */
    public static boolean isPublicOrNotAnAddress(String value) {
        if (value == null || value.isBlank()) {
            return true;
        }
        String address = value.strip();
        int at = address.lastIndexOf('@');
        if (at < 0 || address.indexOf('@') != at) {
            return true;
        }
        return JUDGED.get(
                address.substring(at + 1).toLowerCase(java.util.Locale.ROOT), PublicEmailValidator::publicDomain);
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

package ru.noko.portal.account;

import java.time.Instant;
import java.util.Optional;

/**
 * One person's (or one organization's) way in.
 *
 * @param organizationId the organization an {@link Role#ORGANIZATION} account belongs to, else null
 * @param municipality the municipality a {@link Role#MUNICIPALITY} account reads, else null
 * @param mustChangePassword the password was given by someone else (a first password, a reset): the next login asks
 *     for a new one before anything else
 */
public record Account(
        long id,
        String login,
        String passwordHash,
        Role role,
        String organizationId,
        String municipality,
        String fullName,
        boolean mustChangePassword,
        boolean blocked,
        Instant createdAt) {

    public Optional<String> organization() {
        return Optional.ofNullable(organizationId);
    }

    /** What the audit log says of the account, without its password. */
    public String describe() {
        return login + " (" + role.title()
                + (organizationId != null ? ", " + organizationId : "")
                + (municipality != null ? ", " + municipality : "")
                + (blocked ? ", заблокирована" : "") + ")";
    }
}

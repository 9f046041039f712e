package ru.noko.portal.audit;

import java.time.Instant;

/** One row of the audit log: who (and in which role) did what to which object, what it was before and after. */
public record AuditEntry(
        long id,
        Instant at,
        String actor,
        String role,
        String action,
        String object,
        String before,
        String after,
        String address) {}

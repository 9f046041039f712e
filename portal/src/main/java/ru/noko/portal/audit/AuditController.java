package ru.noko.portal.audit;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The operator's view of the audit log: filtered by who, what and when, and as CSV. */
@Controller
class AuditController {

    private static final int SHOWN = 500;

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/operator/audit")
    String list(
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to,
            Model model) {
        model.addAttribute("entries", find(actor, action, from, to, SHOWN));
        model.addAttribute("actions", AuditLog.Action.values());
        model.addAttribute("actor", actor);
        model.addAttribute("action", action);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return "operator/audit";
    }

    @GetMapping("/operator/audit.csv")
    ResponseEntity<byte[]> csv(
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to)
            throws IOException {
        List<AuditEntry> entries = find(actor, action, from, to, 100_000);
        StringWriter text = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(
                text,
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader("id", "at", "actor", "role", "action", "object", "before", "after", "address")
                        .get())) {
            for (AuditEntry entry : entries) {
                csv.printRecord(
                        entry.id(),
                        entry.at(),
                        entry.actor(),
                        entry.role(),
                        entry.action(),
                        entry.object(),
                        entry.before(),
                        entry.after(),
                        entry.address());
            }
        }
        audit.record(AuditLog.Action.AUDIT_DOWNLOADED, "audit.csv", null, entries.size() + " rows");
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("audit.csv")
                                .build()
                                .toString())
                .body(("\uFEFF" + text).getBytes(StandardCharsets.UTF_8));
    }

    private List<AuditEntry> find(String actor, String action, LocalDate from, LocalDate to, int limit) {
        Instant start = from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end =
                to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return audit.find(actor, action, start, end, limit);
    }
}

package ru.noko.portal.registry;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import ru.noko.methodology.registry.LineProblem;
import ru.noko.methodology.registry.OrganizationRegistry;
import ru.noko.portal.audit.AuditLog;
import ru.noko.portal.security.PortalUser;

/**
 * The operator's registry: upload (CSV or XLSX; every problem of every line, or a preview of what would change),
 * confirm (saved, published, accounts made), and the one download of the new accounts' first passwords.
 */
@Controller
class RegistryController {

    private final RegisteredOrganizations organizations;
    private final RegistryDrafts drafts;
    private final RegistryImport imports;
    private final FirstPasswords firstPasswords;
    private final AuditLog audit;

    RegistryController(
            RegisteredOrganizations organizations,
            RegistryDrafts drafts,
            RegistryImport imports,
            FirstPasswords firstPasswords,
            AuditLog audit) {
        this.organizations = organizations;
        this.drafts = drafts;
        this.imports = imports;
        this.firstPasswords = firstPasswords;
        this.audit = audit;
    }

    @GetMapping("/operator/registry")
    String page(Model model) {
        model.addAttribute("count", organizations.count());
        return "operator/registry";
    }

    @PostMapping("/operator/registry")
    String upload(
            @RequestParam("file") MultipartFile file,
            @AuthenticationPrincipal PortalUser user,
            Model model,
            jakarta.servlet.http.HttpServletResponse response)
            throws IOException {
        String name = file.getOriginalFilename() == null ? "реестр" : file.getOriginalFilename();
        OrganizationRegistry registry;
        try {
            if (file.isEmpty()) {
                throw new RegistryFiles.Refused(List.of(new LineProblem(1, null, "файл пуст")));
            }
            registry = RegistryFiles.read(name, file.getBytes());
        } catch (RegistryFiles.Refused refused) {
            List<LineProblem> problems = refused.problems().stream()
                    .sorted(Comparator.comparingInt(LineProblem::line))
                    .toList();
            audit.record(AuditLog.Action.REGISTRY_REFUSED, name, null, problems.size() + " ошибок");
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("count", organizations.count());
            model.addAttribute("fileName", name);
            model.addAttribute("problems", problems);
            return "operator/registry";
        }
        String draft = drafts.save(user.getUsername(), name, registry);
        audit.record(AuditLog.Action.REGISTRY_UPLOADED, name, null, registry.size() + " организаций, не подтверждено");
        return "redirect:/operator/registry/drafts/" + draft;
    }

    @GetMapping("/operator/registry/drafts/{id}")
    String preview(@PathVariable String id, Model model) {
        RegistryDrafts.Draft draft =
                drafts.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("draft", draft);
        model.addAttribute("changes", RegistryChanges.between(organizations.all(), draft.registry()));
        return "operator/registry-preview";
    }

    @PostMapping("/operator/registry/drafts/{id}/confirm")
    String confirm(@PathVariable String id, @AuthenticationPrincipal PortalUser user, Model model) {
        RegistryDrafts.Draft draft =
                drafts.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        try {
            model.addAttribute("result", imports.confirm(draft, user.getUsername()));
        } catch (RegistryImport.RegistryNotPublished e) {
            model.addAttribute("draft", draft);
            model.addAttribute("changes", RegistryChanges.between(organizations.all(), draft.registry()));
            model.addAttribute(
                    "problem",
                    "Реестр не опубликован: хранилище событий (Kafka) не подтвердило запись. Ничего не изменено; "
                            + "повторите подтверждение через минуту.");
            return "operator/registry-preview";
        }
        return "operator/registry-done";
    }

    @GetMapping("/operator/registry/credentials/{id}")
    ResponseEntity<byte[]> credentials(@PathVariable String id, @AuthenticationPrincipal PortalUser user) {
        FirstPasswords.Download download = firstPasswords
                .take(id, user.getUsername())
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "Пароли уже скачаны или срок их хранения истёк"));
        audit.record(
                AuditLog.Action.CREDENTIALS_DOWNLOADED,
                "first-passwords.csv",
                null,
                download.accounts() + " учётных записей");
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("first-passwords.csv")
                                .build()
                                .toString())
                .body(download.csv());
    }
}

package ru.noko.local;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's improvement plans in several states, made through the portal as people would: gen-org-0 submits its
 * plan, the operator approves it and the school reports one measure done (another is overdue, a third in progress);
 * gen-org-1's plan waits for review; gen-org-2's is returned with a comment; every other organization has the draft
 * publication proposed. A second demo changes nothing: it acts only on drafts.
 */
final class DemoPlans {

    static final String APPROVED = "gen-org-0";
    static final String SUBMITTED = "gen-org-1";
    static final String RETURNED = "gen-org-2";

    private static final Pattern ROW = Pattern.compile(
            "name=\"criterion\" value=\"(K\\d)\">\\s*<input type=\"hidden\" name=\"source\" value=\"([^\"]*)\">"
                    + "\\s*<label[^>]*>Недостаток</label>\\s*<textarea[^>]*>([^<]+)</textarea>");
    private static final Pattern TAKEN = Pattern.compile("name=\"taken-(\\d+)\"");

    private DemoPlans() {}

    /** Returns the accounts, with the passwords of those that had to change theirs at the first login. */
    static List<DemoPortal.DemoAccount> file(LocalSystem system, String campaign, List<DemoPortal.DemoAccount> accounts)
            throws IOException {
        PortalClient operator = new PortalClient(system.portalUri())
                .login(
                        system.operatorLogin(),
                        java.nio.file.Files.readString(system.operatorPasswordFile())
                                .strip());
        List<DemoPortal.DemoAccount> updated = new ArrayList<>();
        for (DemoPortal.DemoAccount account : accounts) {
            if (!List.of(APPROVED, SUBMITTED, RETURNED).contains(account.login())) {
                updated.add(account);
                continue;
            }
            PortalClient school = new PortalClient(system.portalUri());
            DemoPortal.DemoAccount signedIn = DemoFilings.signIn(school, account);
            updated.add(signedIn);
            String plan = "/organization/plans/" + campaign;
            String page = school.get(plan).body();
            if (!page.contains("id=\"state\">черновик<")) {
                continue; // an earlier demo made this one
            }
            school.post(plan, completed(page), plan);
            String review = "/operator/organizations/" + account.login() + "/plans/" + campaign;
            if (account.login().equals(APPROVED)) {
                operator.post(review + "/approve", Map.of(), review);
                Matcher measure = TAKEN.matcher(school.get(plan).body());
                if (measure.find()) {
                    String id = measure.group(1);
                    school.post(
                            plan + "/progress",
                            Map.of(
                                    "taken-" + id,
                                    "Информация на стенде и сайте обновлена, назначен ответственный",
                                    "actual-" + id,
                                    "2025-06-20"),
                            plan);
                }
            } else if (account.login().equals(RETURNED)) {
                operator.post(
                        review + "/return",
                        Map.of("comment", "Укажите реальные сроки: мероприятия по К3 требуют закупки оборудования."),
                        review);
            }
        }
        return updated;
    }

    /** The first three proposed rows, completed (done, overdue and in progress once approved), and submitted. */
    private static Map<String, String> completed(String page) {
        Map<String, String> form = new LinkedHashMap<>();
        Matcher row = ROW.matcher(page);
        List<String> dates =
                List.of("2025-06-30", "2025-09-01", LocalDate.now().plusDays(90).toString());
        int n = 0;
        while (row.find() && n < dates.size()) {
            n++;
            form.put("criterion#" + n, row.group(1));
            form.put("source#" + n, row.group(2));
            form.put("deficiency#" + n, unescape(row.group(3)));
            form.put("measure#" + n, "Устранить: " + unescape(row.group(3)));
            form.put("plannedDate#" + n, dates.get(n - 1));
            form.put("responsibleName#" + n, "Иванова Мария Петровна");
            form.put("responsiblePosition#" + n, "заместитель директора");
        }
        form.put("submit", "");
        return form;
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}

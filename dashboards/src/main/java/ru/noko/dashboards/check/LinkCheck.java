package ru.noko.dashboards.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import ru.noko.dashboards.grafana.Catalog;
import ru.noko.dashboards.grafana.Dashboard;
import ru.noko.dashboards.grafana.Link;
import ru.noko.dashboards.grafana.Panel;
import ru.noko.dashboards.grafana.VariableSyntax;

/**
 * Every link to a dashboard reaches one that exists, and the variables it sets are variables of that dashboard: a
 * link to {@code /d/<uid>} with no such uid is a "dashboard not found" page, and {@code var-x=…} for a variable the
 * target lacks is silently ignored, so the target opens unfiltered. Links to dashboards by tag must find one.
 */
final class LinkCheck implements Check {

    /** The uid in a dashboard URL, {@code /d/<uid>}, {@code /d/<uid>/<slug>} or {@code /d-solo/<uid>/…}. */
    private static final Pattern DASHBOARD_URL = Pattern.compile("(?:^|/)d(?:-solo)?/([^/?#]+)");

    private static final Pattern SETS_VARIABLE = Pattern.compile("var-([^=&]+)(?:=.*)?");

    @Override
    public String name() {
        return "every link to an existing dashboard and its variables";
    }

    @Override
    public List<Finding> check(Catalog catalog) {
        List<Finding> findings = new ArrayList<>();
        for (Dashboard dashboard : catalog.dashboards()) {
            List<Link> links = new ArrayList<>(dashboard.links());
            for (Panel panel : dashboard.panels()) {
                links.addAll(panel.links());
            }
            for (Link link : links) {
                findings.addAll(
                        link.type().equals("dashboards")
                                ? byTags(catalog, dashboard, link)
                                : byUrl(catalog, dashboard, link));
            }
        }
        return findings;
    }

    /** Grafana lists the other dashboards that carry every one of the link's tags. */
    private static List<Finding> byTags(Catalog catalog, Dashboard dashboard, Link link) {
        boolean found = catalog.dashboards().stream()
                .anyMatch(other -> other != dashboard && other.tags().containsAll(link.tags()));
        return found
                ? List.of()
                : List.of(new Finding(
                        dashboard.file(), link.label(), "no other dashboard carries all the tags " + link.tags()));
    }

    private static List<Finding> byUrl(Catalog catalog, Dashboard dashboard, Link link) {
        String url = link.url();
        if (url.isBlank()) {
            return List.of(new Finding(dashboard.file(), link.label(), "has no url"));
        }
        String withoutFragment = url.split("#", 2)[0];
        String[] pathAndQuery = withoutFragment.split("\\?", 2);
        Matcher matcher = DASHBOARD_URL.matcher(pathAndQuery[0]);
        if (!matcher.find()) {
            return List.of();
        }
        String uid = matcher.group(1);
        Optional<Dashboard> target = catalog.dashboard(uid);
        if (target.isEmpty()) {
            return List.of(new Finding(
                    dashboard.file(),
                    link.label(),
                    "links to " + url + ": no dashboard has the uid '" + uid + "' (uids: " + uids(catalog) + ")"));
        }
        List<Finding> findings = new ArrayList<>();
        String query = pathAndQuery.length > 1 ? pathAndQuery[1] : "";
        for (String parameter : query.split("&")) {
            for (String name : variablesSet(parameter)) {
                if (target.get().variable(name).isEmpty()) {
                    findings.add(new Finding(
                            dashboard.file(),
                            link.label(),
                            "sets var-" + name + " of " + uid + ", which has no variable '" + name + "' (it has: "
                                    + variables(target.get()) + ")"));
                }
            }
        }
        return findings;
    }

    /** {@code var-x=…} sets x; so does {@code ${x:queryparam}}, which Grafana turns into {@code var-x=<value>}. */
    private static List<String> variablesSet(String parameter) {
        Matcher matcher = SETS_VARIABLE.matcher(parameter);
        if (matcher.matches()) {
            return List.of(matcher.group(1));
        }
        return VariableSyntax.references(parameter).stream()
                .filter(reference -> reference.format().equals("queryparam"))
                .map(VariableSyntax.Reference::name)
                .toList();
    }

    private static String uids(Catalog catalog) {
        return catalog.dashboards().stream().map(Dashboard::uid).collect(Collectors.joining(", "));
    }

    private static String variables(Dashboard dashboard) {
        String names =
                dashboard.variables().stream().map(variable -> variable.name()).collect(Collectors.joining(", "));
        return names.isEmpty() ? "none" : names;
    }
}

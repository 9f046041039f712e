package ru.noko.dashboards.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import ru.noko.dashboards.grafana.Catalog;
import ru.noko.dashboards.grafana.Dashboard;
import ru.noko.dashboards.grafana.Panel;

/**
 * Every dashboard has its own uid and a title, every panel an id of its own within its dashboard and a title. Links
 * find dashboards by uid and Grafana keeps one dashboard per uid, so a copied file would silently replace another; a
 * duplicate panel id breaks links to a panel and Grafana's panel-by-panel state.
 */
final class IdentityCheck implements Check {

    /** Grafana's rule for a uid: at most 40 letters, digits, '-' and '_'. */
    private static final Pattern UID = Pattern.compile("[A-Za-z0-9_-]{1,40}");

    @Override
    public String name() {
        return "uids unique, panel ids unique, titles non-empty";
    }

    @Override
    public List<Finding> check(Catalog catalog) {
        List<Finding> findings = new ArrayList<>();
        Map<String, String> fileByUid = new HashMap<>();
        for (Dashboard dashboard : catalog.dashboards()) {
            String uid = dashboard.uid();
            if (!UID.matcher(uid).matches()) {
                findings.add(new Finding(
                        dashboard.file(),
                        "dashboard",
                        uid.isEmpty() ? "has no uid" : "uid '" + uid + "' is not 1–40 of A-Z a-z 0-9 - _"));
            } else if (fileByUid.containsKey(uid)) {
                findings.add(new Finding(
                        dashboard.file(), "dashboard", "uid '" + uid + "' is also the uid of " + fileByUid.get(uid)));
            } else {
                fileByUid.put(uid, dashboard.file());
            }
            if (dashboard.title().isBlank()) {
                findings.add(new Finding(dashboard.file(), "dashboard", "has no title"));
            }
            findings.addAll(panels(dashboard));
        }
        return findings;
    }

    private static List<Finding> panels(Dashboard dashboard) {
        List<Finding> findings = new ArrayList<>();
        Map<Integer, Panel> byId = new HashMap<>();
        for (Panel panel : dashboard.panels()) {
            if (panel.id().isEmpty()) {
                findings.add(new Finding(dashboard.file(), panel.label(), "has no id"));
            } else {
                Panel first = byId.putIfAbsent(panel.id().getAsInt(), panel);
                if (first != null) {
                    findings.add(new Finding(
                            dashboard.file(),
                            panel.label(),
                            "id " + panel.id().getAsInt() + " is also the id of " + first.label()));
                }
            }
            if (panel.title().isBlank()) {
                findings.add(new Finding(dashboard.file(), panel.label(), "has no title"));
            }
        }
        return findings;
    }
}

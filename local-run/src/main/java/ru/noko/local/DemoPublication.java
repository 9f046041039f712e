package ru.noko.local;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

/**
 * The demo's published results: once the pipeline has judged last year's campaign, the operator publishes it through
 * the portal, at a cut-off after its last response, so its public pages, badges and open data are there to look at.
 */
final class DemoPublication {

    /** After every response of last year's demo campaign (all received on 3 February 2025). */
    static final String CUT_OFF = "2025-12-31T00:00";

    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final Duration SETTLED = Duration.ofSeconds(5);

    private DemoPublication() {}

    /**
     * Waits until the job has judged every response of the campaign (the count of verdicts stops growing), then
     * publishes it as the operator. Returns the portal's notice.
     */
    static String publish(LocalSystem system, String campaign) throws Exception {
        awaitVerdicts(system, campaign);
        PortalClient operator = new PortalClient(system.portalUri())
                .login(
                        system.operatorLogin(),
                        Files.readString(system.operatorPasswordFile()).strip());
        HttpResponse<String> answer =
                operator.post("/operator/publication/" + campaign, Map.of("cutOff", CUT_OFF), "/operator/publication");
        // The client follows the portal's redirect to the list, which shows the notice.
        String page = PortalClient.textOf(answer.body());
        if (answer.statusCode() != 200 || !page.contains("опубликованы")) {
            throw new IOException("the portal answered " + answer.statusCode() + ": " + page.strip());
        }
        return page;
    }

    private static void awaitVerdicts(LocalSystem system, String campaign) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        long seen = -1;
        long steadySince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long now = verdicts(system, campaign);
            if (now != seen) {
                seen = now;
                steadySince = System.nanoTime();
            } else if (now > 0 && System.nanoTime() - steadySince > SETTLED.toNanos()) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new IOException("the job judged " + seen + " responses of " + campaign + " in " + PATIENCE.toMinutes()
                + " minutes and is still going");
    }

    private static long verdicts(LocalSystem system, String campaign) throws Exception {
        try (Connection connection = system.clickHouseTarget().connect();
                Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery(
                        "SELECT count() FROM response_verdicts WHERE campaign_id = '" + campaign + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}

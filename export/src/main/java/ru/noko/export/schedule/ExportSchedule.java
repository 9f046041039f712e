package ru.noko.export.schedule;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.scheduling.support.CronExpression;
import ru.noko.export.inputs.CampaignInputs;
import ru.noko.export.ranking.Exporter;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.Campaigns;

/**
 * Writes each campaign's export when its schedule ({@code exportSchedule}, a cron expression in UTC) comes due. The
 * cut-off of a scheduled export is the moment it fell due, so it names the same folder whenever it is written: a
 * restart, or a second instance, finds the export in its store (the folder, or the bucket) and writes nothing twice.
 * A due time missed while the platform was down is caught up once, for the latest one; the clock is given, so tests
 * move time themselves.
 */
public final class ExportSchedule {

    /** Reads a campaign's inputs as of a cut-off. */
    @FunctionalInterface
    public interface Source {
        CampaignInputs read(Campaign campaign, Instant cutOff) throws Exception;
    }

    private final Clock clock;
    private final Exporter exporter;
    private final Source source;
    private final Map<Campaign, CronExpression> schedules = new LinkedHashMap<>();
    private final Map<String, Instant> checkedUpTo = new LinkedHashMap<>();

    /**
     * Each scheduled campaign is checked from its newest stored export's cut-off (so a due time missed while the
     * platform was down is written after the restart), or from now for a campaign never exported (no back-filling of
     * past quarters).
     *
     * @throws IllegalArgumentException naming the campaign whose schedule is not a cron expression
     * @throws java.io.IOException when the store cannot be listed
     */
    public ExportSchedule(Clock clock, Campaigns campaigns, Exporter exporter, Source source)
            throws java.io.IOException {
        this.clock = clock;
        this.exporter = exporter;
        this.source = source;
        for (Campaign campaign : campaigns.all()) {
            String schedule = campaign.definition().exportSchedule();
            if (!schedule.isEmpty()) {
                try {
                    schedules.put(campaign, CronExpression.parse(schedule));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            "campaign " + campaign.id() + ": exportSchedule '" + schedule
                                    + "' is not a cron expression (second minute hour day-of-month month day-of-week): "
                                    + e.getMessage(),
                            e);
                }
                checkedUpTo.put(campaign.id(), clock.instant());
            }
        }
        Map<String, Instant> newest = new LinkedHashMap<>();
        for (var stored : exporter.list()) {
            newest.merge(stored.campaignId(), stored.cutOff(), (a, b) -> a.isAfter(b) ? a : b);
        }
        newest.forEach((campaignId, cutOff) -> {
            if (checkedUpTo.containsKey(campaignId) && cutOff.isBefore(checkedUpTo.get(campaignId))) {
                checkedUpTo.put(campaignId, cutOff);
            }
        });
    }

    /** The campaigns with a schedule, by id. */
    public List<String> scheduled() {
        return schedules.keySet().stream().map(Campaign::id).toList();
    }

    /**
     * Writes the export of every campaign whose schedule fell due since the last call (the first call: since this
     * schedule was made), for the latest due time; returns the folders written.
     *
     * @throws ScheduledExportException for the first export that failed, naming its campaign and cut-off
     */
    public List<java.nio.file.Path> runDue() throws Exception {
        Instant now = clock.instant();
        List<java.nio.file.Path> written = new ArrayList<>();
        for (Map.Entry<Campaign, CronExpression> entry : schedules.entrySet()) {
            Campaign campaign = entry.getKey();
            Instant latest = null;
            ZonedDateTime next =
                    entry.getValue().next(checkedUpTo.get(campaign.id()).atZone(ZoneOffset.UTC));
            while (next != null && !next.toInstant().isAfter(now)) {
                latest = next.toInstant();
                next = entry.getValue().next(next);
            }
            checkedUpTo.put(campaign.id(), now);
            if (latest != null && !exporter.exported(campaign, latest)) {
                try {
                    written.add(exporter.export(campaign, source.read(campaign, latest), latest));
                } catch (Exception e) {
                    // Said in one line by whoever runs the schedule: which export failed, and why.
                    throw new ScheduledExportException(campaign.id(), latest, e);
                }
            }
        }
        return written;
    }
}

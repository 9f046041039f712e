package ru.noko.methodology.campaign;

import java.util.List;
import ru.noko.methodology.model.Coverage;
import ru.noko.methodology.model.NokoModel;

/**
 * A survey campaign as data ({@code campaigns/<id>.yaml}): which questionnaire respondents answer, which model scores
 * it, and the campaign's own choices.
 *
 * @param id the {@code campaignId} responses carry
 * @param title for analysts, in Russian
 * @param instrument id of the questionnaire
 * @param model id of the scoring model
 * @param edition НОКО edition, for a noko model; the model's default when absent
 * @param coverage representativeness target; the model's default when absent
 * @param antiFraud rules against cheating; defaults for whatever is absent
 * @param previous the id of the same survey's previous campaign, which analysts compare against; absent for the first
 * @param exportSchedule when the ministry's ranking export is written, as a cron expression (second, minute, hour, day
 *     of month, month, day of week; e.g. {@code 0 0 6 1 1,4,7,10 *} quarterly); absent for none
 * @param timeZone the region's time zone, in which the windows' days begin and end (default Europe/Moscow)
 * @param windows when organizations of each type take part; a type without a window takes part at any time
 */
public record CampaignDefinition(
        String id,
        String title,
        String instrument,
        String model,
        NokoModel.Edition edition,
        Coverage coverage,
        AntiFraudSettings antiFraud,
        String previous,
        String exportSchedule,
        String timeZone,
        List<CampaignWindow> windows) {

    static final String DEFAULT_TIME_ZONE = "Europe/Moscow";

    public CampaignDefinition {
        antiFraud = antiFraud == null ? AntiFraudSettings.DEFAULTS : antiFraud;
        previous = previous == null ? "" : previous;
        exportSchedule = exportSchedule == null ? "" : exportSchedule.strip();
        timeZone = timeZone == null || timeZone.isBlank() ? DEFAULT_TIME_ZONE : timeZone.strip();
        windows = windows == null ? List.of() : List.copyOf(windows);
    }
}

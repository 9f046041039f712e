package ru.noko.portal.plan;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import ru.noko.publication.ResultsPublisher;
import ru.noko.publication.site.Publication;

/**
 * A measure becomes overdue when its planned date passes, not when someone saves the plan: every night the public
 * pages of the campaigns with approved plans are rendered again, so «просрочено» appears the day after the date.
 */
@Component
class PlanStatusRefresh {

    private static final Logger LOG = LoggerFactory.getLogger(PlanStatusRefresh.class);

    private final ResultsPublisher publisher;
    private final PlanStore plans;

    PlanStatusRefresh(ResultsPublisher publisher, PlanStore plans) {
        this.publisher = publisher;
        this.plans = plans;
    }

    @Scheduled(cron = "${noko.publication.refresh:0 15 0 * * *}", zone = "UTC")
    void renderAgain() {
        try {
            for (Publication publication : publisher.site().publications()) {
                if (!plans.plans(publication.campaignId(), List.of(PlanState.APPROVED))
                        .isEmpty()) {
                    publisher.republish(publication.campaignId());
                }
            }
        } catch (Exception e) {
            LOG.warn("the public pages were not rendered again tonight: {}", e.getMessage());
        }
    }
}

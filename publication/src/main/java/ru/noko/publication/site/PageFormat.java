package ru.noko.publication.site;

import java.math.BigDecimal;
import java.time.Instant;
import ru.noko.export.ranking.RankingWorkbook;
import ru.noko.publication.figures.PublicOrganization;

/** What the page templates call to write values ({@code fmt}): {@link Numbers} and a few names. */
public final class PageFormat {

    public String number(BigDecimal value) {
        return Numbers.format(value);
    }

    public String change(BigDecimal value) {
        return Numbers.change(value);
    }

    public String percent(BigDecimal share) {
        return Numbers.percent(share);
    }

    public String plain(BigDecimal value) {
        return Numbers.plain(value);
    }

    public String type(PublicOrganization organization) {
        return RankingWorkbook.typeName(organization.organization().type());
    }

    public String instant(Instant instant) {
        return instant.toString().replace('T', ' ').replace("Z", "");
    }
}

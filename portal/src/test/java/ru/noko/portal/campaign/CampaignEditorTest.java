package ru.noko.portal.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import ru.noko.methodology.campaign.CampaignDefinition;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.portal.PortalBrowser;
import ru.noko.portal.PortalStack;

/**
 * The operator's campaign editor: every problem in Russian next to its field and nothing saved; a good campaign saved
 * and published to the campaigns topic as a campaign file's text; a campaign that has opened keeps its questionnaire,
 * model and edition.
 */
class CampaignEditorTest extends PortalStack {

    @Autowired
    JdbcClient db;

    @Test
    void aCampaignWithBadFieldsComesBackWithEachProblemAndNothingIsSaved() throws Exception {
        PortalBrowser operator = operator();
        Map<String, String> form = goodForm("bad campaign");
        form.put("title", "");
        form.put("from[general]", "2027-03-10");
        form.put("to[general]", "2027-03-01");
        form.put("coverageTarget", "140");
        form.put("exportSchedule", "every monday");
        form.put("confirmEmail", "true");
        form.put("onePerEmail", "false");

        HttpResponse<String> answer = operator.post("/operator/campaigns", form);

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body())
                .contains(
                        "Идентификатор: от 1 до 64",
                        "Укажите название кампании",
                        "Окно заканчивается раньше, чем начинается",
                        "Цель охвата: процент от 1 до 100",
                        "Расписание: шесть полей cron",
                        "Подтверждение адреса требует правила");
        assertThat(db.sql("SELECT count(*) FROM campaigns").query(Long.class).single())
                .isZero();
    }

    @Test
    void aGoodCampaignIsSavedAndPublishedAsACampaignFilesText() throws Exception {
        PortalBrowser operator = operator();
        String id = "irk-" + System.nanoTime();

        HttpResponse<String> answer = operator.follow(operator.post("/operator/campaigns", goodForm(id)));

        assertThat(answer.body()).contains("сохранена и опубликована", id);
        ConsumerRecord<String, String> published = published(id);
        CampaignDefinition definition = Campaigns.parse(published.value());
        assertThat(definition.title()).isEqualTo("Удовлетворённость 2027");
        assertThat(definition.windows()).singleElement().satisfies(window -> {
            assertThat(window.types()).containsExactly("general");
            assertThat(window.from()).hasToString("2027-03-01");
        });
        assertThat(definition.coverage().target()).isEqualByComparingTo("0.45");
        assertThat(definition.antiFraud().confirmEmail()).isTrue();
        assertThat(operator.get("/operator/campaigns/" + id).body()).contains("value=\"Удовлетворённость 2027\"");
    }

    @Test
    void anOpenedCampaignKeepsItsQuestionnaireAndModel() throws Exception {
        PortalBrowser operator = operator();
        operator.get("/operator/campaigns/demo-2026-noko");
        Map<String, String> form = goodForm("demo-2026-noko");
        form.remove("from[general]");
        form.remove("to[general]");
        form.put("method", "regional-satisfaction");

        HttpResponse<String> answer = operator.post("/operator/campaigns", form);

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).contains("Кампания уже открыта: менять анкету, модель и редакцию нельзя");
    }

    private PortalBrowser operator() throws Exception {
        PortalBrowser operator = browser();
        operator.login(OPERATOR, OPERATOR_PASSWORD);
        operator.get("/operator/campaigns/new");
        return operator;
    }

    private static Map<String, String> goodForm(String id) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("isNew", String.valueOf(!id.startsWith("demo-")));
        form.put("id", id);
        form.put("title", "Удовлетворённость 2027");
        form.put("method", "regional-satisfaction");
        form.put("edition", "");
        form.put("from[general]", "2027-03-01");
        form.put("to[general]", "2027-03-20");
        form.put("timeZone", "Asia/Irkutsk");
        form.put("coverageTarget", "45");
        form.put("maxRespondents", "600");
        form.put("minFillSeconds", "60");
        form.put("onePerEmail", "true");
        form.put("_onePerEmail", "on");
        form.put("onePerDevice", "true");
        form.put("_onePerDevice", "on");
        form.put("confirmEmail", "true");
        form.put("_confirmEmail", "on");
        form.put("ipWindowMinutes", "60");
        form.put("ipLimitPerOrganization", "20");
        form.put("ipLimitAcrossOrganizations", "60");
        form.put("ipOverLimit", "reject");
        form.put("previous", "");
        form.put("exportSchedule", "0 0 6 1 * *");
        return form;
    }

    private static ConsumerRecord<String, String> published(String id) {
        return published(CAMPAIGNS, id, 1).get(0);
    }
}

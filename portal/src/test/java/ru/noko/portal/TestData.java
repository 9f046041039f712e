package ru.noko.portal;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import ru.noko.methodology.checklist.Checklist;
import ru.noko.portal.account.Role;
import ru.noko.portal.campaign.CampaignCatalog;
import ru.noko.portal.files.FileStore;
import ru.noko.portal.files.StoredFiles;
import ru.noko.portal.security.LoginThrottle;
import ru.noko.portal.selfassessment.Checklists;
import ru.noko.portal.selfassessment.SelfAssessments;

/**
 * The portal's data as every test starts with it: the operator, two schools in one municipality and one in another,
 * their accounts, an analyst of each municipality and the ministry, each with a known password and no password to
 * change (tests that need a first password make their own account).
 */
@TestComponent
public class TestData {

    public static final String PASSWORD = "known-password-1";
    public static final String SCHOOL_A = "school-a";
    public static final String SCHOOL_B = "school-b";
    public static final String SCHOOL_ELSEWHERE = "school-c";
    public static final String CITY = "г. Иркутск";
    public static final String TOWN = "г. Ангарск";

    private final JdbcClient db;
    private final PasswordEncoder encoder;
    private final LoginThrottle throttle;
    private final CampaignCatalog campaigns;
    private final SelfAssessments selfAssessments;
    private final Checklists checklists;
    private final FileStore files;

    TestData(
            JdbcClient db,
            PasswordEncoder encoder,
            LoginThrottle throttle,
            CampaignCatalog campaigns,
            SelfAssessments selfAssessments,
            Checklists checklists,
            FileStore files) {
        this.db = db;
        this.encoder = encoder;
        this.throttle = throttle;
        this.campaigns = campaigns;
        this.selfAssessments = selfAssessments;
        this.checklists = checklists;
        this.files = files;
    }

    /** The campaign every form and session of the tests belongs to: open to schools all year. */
    public static final String CAMPAIGN = "demo-2026-noko";

    /** A photo of the organization's first stand item in {@link #CAMPAIGN}; its id. */
    public String photo(String organization) throws Exception {
        Checklist checklist =
                checklists.of(campaigns.find(CAMPAIGN).orElseThrow()).orElseThrow();
        return selfAssessments
                .addPhoto(checklist, CAMPAIGN, organization, "stand-general", TestFiles.jpeg(64, 48), organization)
                .id();
    }

    /** A registered session of the organization in {@link #CAMPAIGN} tomorrow, with a one-page order; its id. */
    public String session(String organization) throws Exception {
        String id = java.util.UUID.randomUUID().toString();
        String order = StoredFiles.newKey("orders", "pdf");
        files.put(order, TestFiles.pdf(1, null));
        java.time.Instant start = java.time.Instant.now().plus(java.time.Duration.ofDays(1));
        db.sql("INSERT INTO organized_sessions (id, campaign_id, organization_id, starts_at, ends_at, address, "
                        + "participants, order_key, order_pages, state, registered_by) VALUES (?, ?, ?, ?, ?, "
                        + "'203.0.113.7', 25, ?, 1, 'REGISTERED', ?)")
                .params(
                        id,
                        CAMPAIGN,
                        organization,
                        java.sql.Timestamp.from(start),
                        java.sql.Timestamp.from(start.plus(java.time.Duration.ofHours(1))),
                        order,
                        organization)
                .update();
        return id;
    }

    public void reset() {
        throttle.forgetAll();
        db.sql("DELETE FROM password_resets").update();
        db.sql("DELETE FROM registry_drafts").update();
        db.sql("DELETE FROM improvement_measures").update();
        db.sql("DELETE FROM improvement_plans").update();
        db.sql("DELETE FROM plan_thresholds").update();
        db.sql("DELETE FROM self_assessment_photos").update();
        db.sql("DELETE FROM organized_sessions").update();
        db.sql("DELETE FROM self_assessment_versions").update();
        db.sql("DELETE FROM self_assessments").update();
        db.sql("DELETE FROM campaigns").update();
        campaigns.reload();
        db.sql("DELETE FROM accounts WHERE login <> 'operator'").update();
        db.sql(
                        "UPDATE accounts SET blocked = false, must_change_password = false, password_hash = ? WHERE login = 'operator'")
                .param(encoder.encode(PortalStack.OPERATOR_PASSWORD))
                .update();
        db.sql("DELETE FROM organizations").update();
        organization(SCHOOL_A, "МБОУ СОШ № 1", "3808012348", CITY);
        organization(SCHOOL_B, "МБОУ СОШ № 2", "3808012355", CITY);
        organization(SCHOOL_ELSEWHERE, "МБОУ СОШ № 3", "5001007329", TOWN);
        account(SCHOOL_A, Role.ORGANIZATION, SCHOOL_A, null);
        account(SCHOOL_B, Role.ORGANIZATION, SCHOOL_B, null);
        account(SCHOOL_ELSEWHERE, Role.ORGANIZATION, SCHOOL_ELSEWHERE, null);
        account("analyst-city", Role.MUNICIPALITY, null, CITY);
        account("analyst-town", Role.MUNICIPALITY, null, TOWN);
        account("ministry", Role.MINISTRY, null, null);
    }

    private void organization(String id, String name, String inn, String municipality) {
        db.sql("INSERT INTO organizations (id, name, inn, type, municipality, region, contingent) VALUES (?, ?, ?, "
                        + "'general', ?, 'Иркутская область', '{\"parent\": 100, \"student\": 50}'::jsonb)")
                .params(id, name, inn, municipality)
                .update();
    }

    private void account(String login, Role role, String organization, String municipality) {
        db.sql("INSERT INTO accounts (login, password_hash, role, organization_id, municipality, must_change_password) "
                        + "VALUES (?, ?, ?, ?, ?, false)")
                .params(login, encoder.encode(PASSWORD), role.name(), organization, municipality)
                .update();
    }
}

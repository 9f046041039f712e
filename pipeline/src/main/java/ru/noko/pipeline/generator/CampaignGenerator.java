package ru.noko.pipeline.generator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import ru.noko.schemas.avro.ClientMetadata;
import ru.noko.schemas.avro.SurveyResponse;

/**
 * A seeded НОКО campaign ({@code demo-2026-noko}) over organizations in several municipalities of two regions:
 * honest respondents, and the fraud patterns the anti-fraud checks exist for — repeated e-mails, repeated devices,
 * IP bursts, a computer-class session with more respondents than the IP limit allows, too-fast answers — with the
 * verdict each response must get under the campaign's rules (10 per IP and organization, 30 per IP, within an hour;
 * 60 s minimum). The same seed gives the same campaign.
 */
public final class CampaignGenerator {

    public static final String CAMPAIGN = "demo-2026-noko";
    static final int IP_LIMIT_PER_ORGANIZATION = 10;
    static final Instant START = Instant.parse("2026-02-02T06:00:00Z");
    private static final String[][] TERRITORIES = {
        {"Иркутская область", "г. Иркутск"}, {"Иркутская область", "Ангарский городской округ"},
        {"Пермский край", "г. Пермь"}, {"Пермский край", "Березниковский городской округ"}
    };
    private static final String[] TYPES = {"general", "general", "preschool", "additional"};

    private final Random random;
    private final int organizations;
    private final int honestPerOrganization;
    private final List<SurveyResponse> responses = new ArrayList<>();
    private final Map<String, String> expected = new LinkedHashMap<>();
    private int next;

    public CampaignGenerator(long seed, int organizations, int honestPerOrganization) {
        this.random = new Random(seed);
        this.organizations = organizations;
        this.honestPerOrganization = honestPerOrganization;
    }

    public GeneratedCampaign generate() {
        List<String> registry = new ArrayList<>();
        List<String> selfAssessments = new ArrayList<>();
        for (int o = 0; o < organizations; o++) {
            registry.add(registryEntry(o));
            if (o % 5 != 4) {
                selfAssessments.add(selfAssessment(o));
            }
            for (int i = 0; i < honestPerOrganization; i++) {
                honest(o);
            }
        }
        duplicateEmails();
        duplicateDevices();
        ipBurst();
        tooFast();
        String session = computerClass();
        List<SurveyResponse> sendOrder = new ArrayList<>(responses);
        // Kafka delivers in no useful order: neither may the verdicts depend on it.
        Collections.shuffle(sendOrder, random);
        return new GeneratedCampaign(sendOrder, expected, registry, selfAssessments, List.of(session));
    }

    public static String organizationId(int organization) {
        return "gen-org-" + organization;
    }

    private void honest(int organization) {
        add(
                organization,
                Duration.ofMinutes(random.nextInt(8 * 60)),
                Duration.ofSeconds(120 + random.nextInt(600)),
                uniqueIp(),
                "dev-" + seededUuid(),
                random.nextInt(3) == 0 ? hmac() : null,
                "accepted");
    }

    /** A parent answers three times with one e-mail from three devices: the earliest counts. */
    private void duplicateEmails() {
        for (int person = 0; person < 5; person++) {
            int organization = random.nextInt(organizations);
            String email = hmac();
            String role = randomRole();
            int first = 30 + random.nextInt(300);
            for (int attempt = 0; attempt < 3; attempt++) {
                add(
                        organization,
                        role,
                        Duration.ofMinutes(first + attempt * 20L),
                        Duration.ofSeconds(200),
                        uniqueIp(),
                        "dev-" + seededUuid(),
                        email,
                        attempt == 0 ? "accepted" : "rejected:DUPLICATE_EMAIL");
            }
        }
    }

    /** One phone answers four times for one organization: the earliest counts. */
    private void duplicateDevices() {
        for (int phone = 0; phone < 5; phone++) {
            int organization = random.nextInt(organizations);
            String device = "dev-shared-" + seededUuid();
            String role = randomRole();
            int first = 30 + random.nextInt(300);
            for (int attempt = 0; attempt < 4; attempt++) {
                add(
                        organization,
                        role,
                        Duration.ofMinutes(first + attempt * 7L),
                        Duration.ofSeconds(200),
                        uniqueIp(),
                        device,
                        null,
                        attempt == 0 ? "accepted" : "rejected:DUPLICATE_DEVICE");
            }
        }
    }

    /** One address sends 15 responses to one organization within half an hour: 10 count. */
    private void ipBurst() {
        int organization = random.nextInt(organizations);
        String ip = "203.0.113.250";
        for (int i = 0; i < 15; i++) {
            add(
                    organization,
                    Duration.ofMinutes(200).plusMinutes(2L * i),
                    Duration.ofSeconds(90),
                    ip,
                    "dev-" + seededUuid(),
                    null,
                    i < IP_LIMIT_PER_ORGANIZATION ? "accepted" : "rejected:IP_LIMIT_ORGANIZATION");
        }
    }

    private void tooFast() {
        for (int i = 0; i < 6; i++) {
            add(
                    random.nextInt(organizations),
                    Duration.ofMinutes(random.nextInt(8 * 60)),
                    Duration.ofSeconds(15 + i * 5),
                    uniqueIp(),
                    "dev-" + seededUuid(),
                    null,
                    "rejected:TOO_FAST");
        }
    }

    /**
     * A class of 25 answers in a computer room registered for 25 participants: all 25 count although the IP limit is
     * 10; two latecomers from the same room within the hour are over the limit.
     */
    private String computerClass() {
        int organization = 0;
        String ip = "198.51.100.77";
        Instant from = START.plus(Duration.ofMinutes(300));
        for (int pupil = 0; pupil < 25; pupil++) {
            add(
                    organization,
                    Duration.ofMinutes(305).plusSeconds(pupil * 20L),
                    Duration.ofSeconds(400),
                    ip,
                    "dev-class-" + pupil,
                    null,
                    "accepted");
        }
        for (int late = 0; late < 2; late++) {
            add(
                    organization,
                    Duration.ofMinutes(350 + late),
                    Duration.ofSeconds(300),
                    ip,
                    "dev-late-" + late,
                    null,
                    "rejected:IP_LIMIT_ORGANIZATION");
        }
        return "{\"sessionId\": \"class-7a\", \"campaignId\": \"" + CAMPAIGN + "\", \"organizationId\": \""
                + organizationId(organization) + "\", \"ipAddress\": \"" + ip + "\", \"from\": \"" + from
                + "\", \"to\": \"" + from.plus(Duration.ofMinutes(45)) + "\", \"participants\": 25}";
    }

    private void add(
            int organization,
            Duration submittedAfterStart,
            Duration fillTime,
            String ip,
            String device,
            String emailHmac,
            String verdict) {
        add(organization, randomRole(), submittedAfterStart, fillTime, ip, device, emailHmac, verdict);
    }

    /** One person keeps one role: "one response per person" is per organization and role. */
    private void add(
            int organization,
            String role,
            Duration submittedAfterStart,
            Duration fillTime,
            String ip,
            String device,
            String emailHmac,
            String verdict) {
        Instant submitted = START.plus(submittedAfterStart).plusMillis(next % 1000);
        String id = UUID.nameUUIDFromBytes(("generated-" + next++).getBytes()).toString();
        responses.add(SurveyResponse.newBuilder()
                .setResponseId(id)
                .setCampaignId(CAMPAIGN)
                .setOrganizationId(organizationId(organization))
                .setRespondentRole(role)
                .setAnswers(answers())
                .setStartedAt(submitted.minus(fillTime))
                .setSubmittedAt(submitted)
                .setReceivedAt(submitted.plusMillis(200))
                .setClient(ClientMetadata.newBuilder()
                        .setIpAddress(ip)
                        .setUserAgent("generator")
                        .setDeviceToken(device)
                        .setEmailHmac(emailHmac)
                        .build())
                .build());
        expected.put(id, verdict);
    }

    /** A valid НОКО questionnaire, mostly satisfied, honouring the skip logic. */
    private Map<String, Object> answers() {
        Map<String, Object> answers = new LinkedHashMap<>();
        double satisfied = 0.6 + random.nextDouble() * 0.35;
        for (int q = 1; q <= 14; q++) {
            answers.put("q" + q, random.nextDouble() < satisfied);
        }
        answers.put("q6", random.nextInt(12) == 0);
        for (int[] filter : new int[][] {{1, 2}, {3, 4}, {6, 7}, {10, 11}}) {
            if (!(Boolean) answers.get("q" + filter[0])) {
                answers.remove("q" + filter[1]);
            }
        }
        return answers;
    }

    private String randomRole() {
        return random.nextInt(3) == 0 ? "student" : "parent";
    }

    private UUID seededUuid() {
        return new UUID(random.nextLong(), random.nextLong());
    }

    private String uniqueIp() {
        int n = next + 1;
        return "10." + (n / 65536 % 256) + "." + (n / 256 % 256) + "." + (n % 256);
    }

    private String hmac() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private String registryEntry(int organization) {
        String[] territory = TERRITORIES[organization % TERRITORIES.length];
        return "{\"organizationId\": \"" + organizationId(organization) + "\", \"name\": \"Организация № "
                + organization
                + "\", \"inn\": \"7707083893\", \"type\": \"" + TYPES[organization % TYPES.length]
                + "\", \"municipality\": \"" + territory[1] + "\", \"region\": \"" + territory[0]
                + "\", \"contingent\": {\"parent\": " + (honestPerOrganization * 2) + ", \"student\": "
                + honestPerOrganization + "}}";
    }

    private String selfAssessment(int organization) {
        return "{\"campaignId\": \"" + CAMPAIGN + "\", \"organizationId\": \"" + organizationId(organization)
                + "\", \"inputs\": {\"standItems\": " + (6 + organization % 5) + ", \"standItemsRequired\": 10,"
                + " \"siteItems\": " + (30 + organization % 11) + ", \"siteItemsRequired\": 40, \"remoteChannels\": "
                + (1 + organization % 5) + ", \"comfortConditions\": " + (organization % 6)
                + ", \"accessibleEquipment\": "
                + (organization % 6) + ", \"accessibleServices\": " + (organization % 7) + "}}";
    }
}

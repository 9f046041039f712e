package ru.noko.gateway.response;

/** Request bodies for tests: a valid one, and ways to spoil it. */
final class Submissions {

    static final String VALID = """
            {
              "campaignId": "irk-2026-general",
              "organizationId": "3808012345-school-7",
              "respondentRole": "parent",
              "answers": {"q1": true, "q2": 4, "q3": "opt-b", "q4": ["opt-a", "opt-c"], "q5": 2.5, "q6": "Всё хорошо"},
              "startedAt": "2026-02-01T10:00:00Z",
              "submittedAt": "2026-02-01T10:06:30Z",
              "deviceToken": "dev-0123456789abcdef",
              "email": "Parent.Ivanova@example.ru"
            }
            """;

    private Submissions() {}

    /** The valid body with one top-level field's JSON value replaced ({@code null} removes the field). */
    static String validWith(String field, String json) {
        String body = VALID.replaceAll("(?m)^\\s*\"" + field + "\": .*?,?\\n", "");
        body = body.replaceAll(",\\s*\n}", "\n}");
        if (json == null) {
            return body;
        }
        return body.replaceFirst("\\{", "{\n  \"" + field + "\": " + json + ",");
    }
}

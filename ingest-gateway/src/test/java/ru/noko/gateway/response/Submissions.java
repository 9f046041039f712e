package ru.noko.gateway.response;

/** Request bodies for tests: a valid one (the bundled НОКО demo campaign), and ways to spoil it. */
final class Submissions {

    static final String VALID = """
            {
              "campaignId": "demo-2026-noko",
              "organizationId": "3808012345-school-7",
              "respondentRole": "parent",
              "answers": {"q1": true, "q2": true, "q3": true, "q4": false, "q5": true, "q6": false, "q8": true, "q9": true, "q10": false, "q12": true, "q13": true, "q14": true, "q15": "Больше кружков", "q16": "female", "q17": 38},
              "startedAt": "2026-02-01T10:00:00Z",
              "submittedAt": "2026-02-01T10:06:30Z",
              "deviceToken": "dev-0123456789abcdef",
              "email": "Parent.Ivanova@example.ru"
            }
            """;

    private Submissions() {}

    /** The valid body with one answer replaced ({@code null} removes it). */
    static String validWithAnswer(String question, String json) {
        String body = VALID.replaceFirst("\"" + question + "\": [^,}]+(, )?", "");
        body = body.replace(", }", "}");
        return json == null
                ? body
                : body.replace("\"answers\": {", "\"answers\": {\"" + question + "\": " + json + ", ");
    }

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

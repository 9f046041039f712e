package ru.noko.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The commands the README shows, read from the README itself so the test breaks when the README does: the
 * questionnaire's address (its token), the response's curl, and the clickhouse-client query.
 */
record ReadmeExamples(String questionnaireUrl, String curlUrl, String curlBody, String clickHouseQuery) {

    /** Where the README's body takes the questionnaire's token from the shell. */
    static final String TOKEN = "'\"$token\"'";

    static ReadmeExamples read() throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("noko.projectRoot", ".."), "README.md"));
        int questionnaire = readme.indexOf("token=$(curl -s '");
        assertThat(questionnaire).as("README takes the questionnaire's token").isNotNegative();
        int questionnaireUrl = questionnaire + "token=$(curl -s '".length();
        int curl = readme.indexOf("curl -s -X POST ", questionnaire);
        assertThat(curl).as("README has the curl example").isNotNegative();
        String url = readme.substring(
                curl + "curl -s -X POST ".length(), readme.indexOf(' ', curl + "curl -s -X POST ".length()));
        int body = readme.indexOf("-d '", curl) + 4;
        int bodyEnd = readme.indexOf("}'\n", body) + 1;
        int client = readme.indexOf("clickhouse-client --config-file");
        assertThat(client).as("README has the clickhouse-client example").isNotNegative();
        int query = readme.indexOf("-q \"", client) + 4;
        return new ReadmeExamples(
                readme.substring(questionnaireUrl, readme.indexOf('\'', questionnaireUrl)),
                url,
                readme.substring(body, bodyEnd),
                readme.substring(query, readme.indexOf('"', query)));
    }

    /** The response's body with the token the shell would have put in. */
    String curlBody(String token) {
        assertThat(curlBody).contains(TOKEN);
        return curlBody.replace(TOKEN, token);
    }
}

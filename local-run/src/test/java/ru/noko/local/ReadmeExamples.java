package ru.noko.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/** The commands the README shows, read from the README itself so the test breaks when the README does. */
record ReadmeExamples(String curlUrl, String curlBody, String clickHouseQuery) {

    static ReadmeExamples read() throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("noko.projectRoot", ".."), "README.md"));
        int curl = readme.indexOf("curl -s -X POST ");
        assertThat(curl).as("README has the curl example").isNotNegative();
        String url = readme.substring(
                curl + "curl -s -X POST ".length(), readme.indexOf(' ', curl + "curl -s -X POST ".length()));
        int body = readme.indexOf("-d '", curl) + 4;
        int client = readme.indexOf("clickhouse-client --port");
        assertThat(client).as("README has the clickhouse-client example").isNotNegative();
        int query = readme.indexOf("-q \"", client) + 4;
        return new ReadmeExamples(
                url,
                readme.substring(body, readme.indexOf('\'', body)),
                readme.substring(query, readme.indexOf('"', query)));
    }
}

package ru.noko.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/** The gateway's own counters from its Prometheus endpoint, by metric name (the untagged ones). */
final class GatewayCounters {

    private GatewayCounters() {}

    static Map<String, Double> read(String url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String text = http.send(
                        HttpRequest.newBuilder(URI.create(url + "/actuator/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Map<String, Double> counters = new HashMap<>();
        for (String metric : text.split("\n")) {
            String[] parts = metric.split(" ");
            if (!metric.startsWith("#") && parts.length == 2 && !parts[0].contains("{")) {
                counters.put(parts[0], Double.parseDouble(parts[1]));
            }
        }
        return counters;
    }
}

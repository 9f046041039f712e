package ru.noko.export.ranking;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The parameters the manifest records: enough to tell two exports apart and to reproduce one. */
public final class ExportParameters {

    private ExportParameters() {}

    public static Map<String, Object> of(ExportContext context) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("campaign", context.campaign().id());
        parameters.put("model", context.campaign().model().id());
        parameters.put(
                "instrument",
                context.campaign().instrument().id() + " v"
                        + context.campaign().instrument().version());
        parameters.put("cutOff", context.cutOff().toString());
        parameters.put(
                "recheckedAt",
                context.recheckedAt() == null ? "" : context.recheckedAt().toString());
        parameters.put("software", context.softwareVersion());
        parameters.put("organizations", context.result().organizations().size());
        parameters.put("excluded", new TreeMap<>(context.rejectedByReason()));
        return parameters;
    }
}

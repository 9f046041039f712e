package ru.noko.export.inputs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.data.ResponseFile;
import ru.noko.methodology.data.SelfAssessmentFile;
import ru.noko.methodology.registry.OrganizationRegistry;
import ru.noko.methodology.registry.RegistryCsv;
import ru.noko.methodology.registry.RegistryImportException;

/** A campaign's inputs from the files {@code ./noko score} reads, read the way it reads them. */
public final class FileInputs {

    private FileInputs() {}

    public static CampaignInputs read(Campaign campaign, Path registry, Path responses, Path selfAssessment)
            throws IOException, RegistryImportException {
        OrganizationRegistry organizations = RegistryCsv.read(registry);
        ResponseFile.Read read = ResponseFile.read(responses, campaign.instrument(), campaign.model(), organizations);
        Map<String, Map<String, Integer>> inputs = selfAssessment == null
                ? Map.of()
                : SelfAssessmentFile.read(selfAssessment, campaign.model(), organizations);
        Map<String, Long> excluded = new LinkedHashMap<>();
        if (!read.rejected().isEmpty()) {
            excluded.put("строка не прошла проверку анкеты или реестра", (long)
                    read.rejected().size());
        }
        return new CampaignInputs(organizations, read.counters(), inputs, read.accepted(), excluded, null);
    }
}

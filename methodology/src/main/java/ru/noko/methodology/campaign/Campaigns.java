package ru.noko.methodology.campaign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import ru.noko.methodology.data.DataFiles;
import ru.noko.methodology.data.DataFormatException;
import ru.noko.methodology.instrument.Instrument;
import ru.noko.methodology.instrument.InstrumentLoader;
import ru.noko.methodology.model.Coverage;
import ru.noko.methodology.model.ModelLoader;
import ru.noko.methodology.model.NokoModel;
import ru.noko.methodology.model.ScoringModel;
import ru.noko.schemas.Identifiers;
import ru.noko.schemas.resources.ClasspathFolder;

/**
 * The campaigns a deployment knows: those shipped in {@code campaigns/} of the schemas jar, plus any in a folder of
 * the deployment's own. Each is checked when loaded — its questionnaire and model must load and fit each other — so
 * a broken campaign stops the start-up instead of a respondent's submission.
 */
public final class Campaigns {

    public static final String FOLDER = "campaigns/";

    private final Map<String, Campaign> byId;

    private Campaigns(Map<String, Campaign> byId) {
        this.byId = Map.copyOf(byId);
    }

    /** The bundled campaigns and, when {@code folder} is given, every {@code *.yaml} in it. */
    public static Campaigns load(Optional<Path> folder) throws IOException {
        List<CampaignDefinition> definitions = new ArrayList<>();
        for (String file : ClasspathFolder.fileNames(FOLDER)) {
            if (file.endsWith(".yaml")) {
                definitions.add(DataFiles.readYamlResource(FOLDER + file, CampaignDefinition.class));
            }
        }
        if (folder.isPresent()) {
            try (Stream<Path> files = Files.list(folder.get())) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml"))
                        .sorted()
                        .toList()) {
                    definitions.add(DataFiles.readYaml(file, CampaignDefinition.class));
                }
            }
        }
        return of(definitions);
    }

    /** As {@link #load(Optional)}, with the folder as a path string, empty for none (for serializable settings). */
    public static Campaigns load(String folder) throws IOException {
        return load(folder == null || folder.isEmpty() ? Optional.empty() : Optional.of(Path.of(folder)));
    }

    /**
     * The bundled campaigns' and the folder's files as their text, by campaign id: what a deployment publishes to
     * the campaigns topic, where campaigns made in the portal join them.
     */
    public static Map<String, String> texts(Optional<Path> folder) throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String file : ClasspathFolder.fileNames(FOLDER)) {
            if (file.endsWith(".yaml")) {
                try (var in = Campaigns.class.getClassLoader().getResourceAsStream(FOLDER + file)) {
                    String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                    texts.put(parse(text).id(), text);
                }
            }
        }
        if (folder.isPresent()) {
            try (Stream<Path> files = Files.list(folder.get())) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml"))
                        .sorted()
                        .toList()) {
                    String text = Files.readString(file);
                    texts.put(parse(text).id(), text);
                }
            }
        }
        return texts;
    }

    /** One campaign file's text read as a definition (not yet checked against the others: {@link #of}). */
    public static CampaignDefinition parse(String yaml) throws IOException {
        return DataFiles.yaml().readValue(yaml, CampaignDefinition.class);
    }

    /** A definition as the text of a campaign file, which {@link #parse} reads back as the same definition. */
    public static String text(CampaignDefinition definition) throws IOException {
        return DataFiles.yaml().writeValueAsString(definition);
    }

    /**
     * These campaigns with {@code updates} laid over them (a campaign of the same id replaced, a new one added),
     * checked together: an update that does not fit (an unknown questionnaire, a window ending before it starts, an
     * unknown previous campaign) fails the whole set, and the caller keeps what it had.
     */
    public Campaigns with(List<CampaignDefinition> updates) throws IOException {
        Map<String, CampaignDefinition> definitions = new LinkedHashMap<>();
        byId.values().forEach(campaign -> definitions.put(campaign.id(), campaign.definition()));
        updates.forEach(definition -> definitions.put(definition.id(), definition));
        return of(List.copyOf(definitions.values()));
    }

    /** Checks definitions as a set and builds their campaigns (the loader's own checks). */
    public static Campaigns of(List<CampaignDefinition> definitions) throws IOException {
        Map<String, Campaign> byId = new LinkedHashMap<>();
        Map<String, Instrument> instruments = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (CampaignDefinition definition : definitions) {
            if (definition.id() == null
                    || !Identifiers.ID_PATTERN.matcher(definition.id()).matches()) {
                problems.add("campaign id '" + definition.id() + "' must match " + Identifiers.ID);
                continue;
            }
            if (byId.containsKey(definition.id())) {
                problems.add("campaign '" + definition.id() + "' is defined twice");
                continue;
            }
            Instrument instrument = instruments.get(definition.instrument());
            if (instrument == null) {
                instrument = InstrumentLoader.bundled(definition.instrument());
                instruments.put(instrument.id(), instrument);
            }
            ScoringModel model = ModelLoader.bundled(definition.model(), instrument);
            if (definition.edition() != null) {
                if (!(model instanceof NokoModel noko)) {
                    problems.add("campaign '" + definition.id() + "' sets an edition, but its model is not НОКО");
                    continue;
                }
                model = noko.withEdition(definition.edition());
            }
            Coverage coverage = definition.coverage() != null ? definition.coverage() : model.coverage();
            byId.put(definition.id(), new Campaign(definition, instrument, model, coverage));
        }
        for (Campaign campaign : byId.values()) {
            problems.addAll(windowProblems(campaign.definition()));
            String previous = campaign.definition().previous();
            if (!previous.isEmpty() && !byId.containsKey(previous)) {
                problems.add("campaign '" + campaign.id() + "' names an unknown previous campaign '" + previous + "'");
            } else if (!previous.isEmpty()
                    && !byId.get(previous)
                            .definition()
                            .instrument()
                            .equals(campaign.definition().instrument())) {
                problems.add("campaign '" + campaign.id() + "' and its previous campaign '" + previous
                        + "' use different questionnaires: their figures cannot be compared");
            }
        }
        if (!problems.isEmpty()) {
            throw new DataFormatException("campaigns", problems);
        }
        return new Campaigns(byId);
    }

    /** A valid time zone, known type codes, each type in one window at most, and no window ending before it starts. */
    private static List<String> windowProblems(CampaignDefinition definition) {
        List<String> problems = new ArrayList<>();
        try {
            java.time.ZoneId.of(definition.timeZone());
        } catch (java.time.DateTimeException e) {
            problems.add(
                    "campaign '" + definition.id() + "': timeZone '" + definition.timeZone() + "' is not a time zone");
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (CampaignWindow window : definition.windows()) {
            if (window.from() == null || window.to() == null || window.to().isBefore(window.from())) {
                problems.add("campaign '" + definition.id() + "': a window needs from and to, to not before from");
            }
            if (window.types().isEmpty()) {
                problems.add("campaign '" + definition.id() + "': a window names no organization types");
            }
            for (String type : window.types()) {
                if (ru.noko.methodology.registry.OrganizationType.fromCode(type).isEmpty()) {
                    problems.add("campaign '" + definition.id() + "': window type '" + type
                            + "' is not preschool, general or additional");
                } else if (!seen.add(type)) {
                    problems.add("campaign '" + definition.id() + "': type '" + type + "' has two windows");
                }
            }
        }
        return problems;
    }

    public Optional<Campaign> find(String campaignId) {
        return Optional.ofNullable(byId.get(campaignId));
    }

    public List<Campaign> all() {
        return List.copyOf(byId.values());
    }
}

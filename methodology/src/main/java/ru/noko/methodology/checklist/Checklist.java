package ru.noko.methodology.checklist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The self-assessment of one scoring model as data: its sections (one per indicator, two for 1.1), each a list of
 * items in the methodology's wording. The model's expert inputs are derived from the items an organization ticks
 * ({@link #inputs}), so the figure and the checklist can never disagree.
 *
 * @param model the scoring model whose expert inputs it fills
 */
public record Checklist(String model, String title, List<Section> sections) {

    /**
     * @param present the expert input that counts the section's items present
     * @param required the expert input that counts the items that apply (ratio indicators: 1.1), or null
     */
    public record Section(
            String id, String indicator, String title, String present, String required, List<Item> items) {

        public Section {
            items = List.copyOf(items);
        }
    }

    public record Item(String id, String text, Evidence evidence) {}

    public Checklist {
        sections = List.copyOf(sections);
    }

    public Optional<Item> item(String id) {
        return sections.stream()
                .flatMap(section -> section.items().stream())
                .filter(item -> item.id().equals(id))
                .findFirst();
    }

    /**
     * The model's expert inputs from the answers: per section, the items present (and not marked not applicable),
     * and where the section has one, the items that apply. Items without an answer are absent.
     */
    public Map<String, Integer> inputs(Map<String, ItemAnswer> answers) {
        Map<String, Integer> inputs = new LinkedHashMap<>();
        for (Section section : sections) {
            int present = 0;
            int apply = 0;
            for (Item item : section.items()) {
                ItemAnswer answer = answers.getOrDefault(item.id(), ItemAnswer.absent());
                boolean applies = section.required() == null || !answer.notApplicable();
                if (applies) {
                    apply++;
                    if (answer.present()) {
                        present++;
                    }
                }
            }
            inputs.put(section.present(), present);
            if (section.required() != null) {
                inputs.put(section.required(), apply);
            }
        }
        return inputs;
    }

    /**
     * What keeps the answers from being submitted, in Russian, each naming its item: an item that is not on the
     * checklist, an item marked present without the evidence it needs, an item marked not applicable without a
     * comment or outside 1.1, a section of 1.1 where nothing applies. A draft may have all of these.
     */
    public List<String> problems(Map<String, ItemAnswer> answers) {
        List<String> problems = new ArrayList<>();
        answers.keySet().stream()
                .filter(id -> item(id).isEmpty())
                .sorted()
                .forEach(id -> problems.add("Пункта «" + id + "» нет в форме самообследования"));
        for (Section section : sections) {
            int apply = 0;
            for (Item item : section.items()) {
                ItemAnswer answer = answers.getOrDefault(item.id(), ItemAnswer.absent());
                String named = "Показатель " + section.indicator() + ", «" + item.text() + "»";
                if (answer.notApplicable()) {
                    if (section.required() == null) {
                        problems.add(named + ": этот пункт нельзя отметить как неприменимый");
                    } else if (!answer.hasComment()) {
                        problems.add(named + ": объясните в комментарии, почему пункт неприменим");
                    }
                    continue;
                }
                apply++;
                if (!answer.present()) {
                    continue;
                }
                switch (item.evidence()) {
                    case PHOTO -> {
                        if (answer.photos() < 1) {
                            problems.add(named + ": приложите фотографию");
                        }
                    }
                    case LINK -> {
                        if (!answer.hasLink()) {
                            problems.add(named
                                    + ": укажите ссылку на страницу официального сайта (адрес, начинающийся с https://"
                                    + " или http://)");
                        }
                    }
                    case COMMENT -> {
                        if (!answer.hasComment()) {
                            problems.add(named + ": опишите в комментарии, как выполнено условие");
                        }
                    }
                    case NONE -> {
                        // nothing more
                    }
                }
            }
            if (section.required() != null && apply == 0) {
                problems.add("Показатель " + section.indicator() + ", «" + section.title()
                        + "»: хотя бы один пункт должен быть применим");
            }
        }
        return problems;
    }
}

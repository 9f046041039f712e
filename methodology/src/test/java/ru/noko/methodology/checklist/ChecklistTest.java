package ru.noko.methodology.checklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.noko.methodology.data.DataFiles;
import ru.noko.methodology.data.DataFormatException;
import ru.noko.methodology.instrument.InstrumentLoader;
import ru.noko.methodology.model.ModelLoader;
import ru.noko.methodology.model.NokoModel;

/**
 * The self-assessment as data: the bundled checklist fills every expert input of its model, the inputs are counted
 * from the items ticked (so the figure and the checklist agree), and what keeps a form from being submitted is said
 * in Russian by its item.
 */
class ChecklistTest {

    private static NokoModel model;
    private static Checklist checklist;

    @BeforeAll
    static void bundled() throws Exception {
        model = (NokoModel) ModelLoader.bundled("noko-education", InstrumentLoader.bundled("noko-education"));
        checklist = ChecklistLoader.bundled(model);
    }

    @Test
    void theBundledChecklistFillsEveryExpertInputOfItsModel() {
        Map<String, Integer> nothingTicked = checklist.inputs(Map.of());

        assertThat(nothingTicked.keySet())
                .containsExactlyInAnyOrderElementsOf(model.expertInputs().stream()
                        .map(NokoModel.ExpertInput::id)
                        .toList());
        assertThat(nothingTicked)
                .containsEntry("standItems", 0)
                .containsEntry("standItemsRequired", 14)
                .containsEntry("siteItemsRequired", 14)
                .containsEntry("remoteChannels", 0);
        assertThat(model.checkExpertInputs(nothingTicked)).isEmpty();
    }

    @Test
    void theInputsAreTheItemsTickedAndAnItemThatDoesNotApplyLeavesTheRequiredCount() {
        Map<String, ItemAnswer> answers = new HashMap<>();
        answers.put("stand-general", present(1, null, null));
        answers.put("stand-contacts", present(2, null, null));
        answers.put("stand-accreditation", new ItemAnswer(false, true, 0, null, "Аккредитации нет: детский сад"));
        answers.put("stand-paid-services", new ItemAnswer(false, true, 0, null, "Платных услуг нет"));
        answers.put("site-general", present(0, "https://school1.example.ru/sveden/common", null));
        answers.put("remote-phone", present(0, null, "+7 3952 00-00-00"));
        answers.put("remote-email", present(0, null, "school1@example.ru"));
        answers.put("remote-form", present(0, "https://school1.example.ru/feedback", null));
        answers.put("comfort-water", present(1, null, null));
        answers.put("services-remote", present(0, null, "Дистанционное обучение по программам ДО"));

        Map<String, Integer> inputs = checklist.inputs(answers);

        assertThat(inputs)
                .containsEntry("standItems", 2)
                .containsEntry("standItemsRequired", 12)
                .containsEntry("siteItems", 1)
                .containsEntry("siteItemsRequired", 14)
                .containsEntry("remoteChannels", 3)
                .containsEntry("comfortConditions", 1)
                .containsEntry("accessibleEquipment", 0)
                .containsEntry("accessibleServices", 1);
        assertThat(model.checkExpertInputs(inputs)).isEmpty();
        assertThat(checklist.problems(answers)).isEmpty();
    }

    @Test
    void anItemMarkedPresentNeedsItsEvidenceAndEachProblemNamesItsItem() {
        Map<String, ItemAnswer> answers = new HashMap<>();
        answers.put("stand-general", present(0, null, null));
        answers.put("site-documents", present(0, "school1.example.ru/docs", null));
        answers.put("services-duplication", present(0, null, " "));
        answers.put("comfort-water", new ItemAnswer(false, true, 0, null, "нет кулера"));
        answers.put("stand-rules", new ItemAnswer(false, true, 0, null, null));
        answers.put("stand-unknown", present(1, null, null));

        assertThat(checklist.problems(answers))
                .containsExactlyInAnyOrder(
                        "Пункта «stand-unknown» нет в форме самообследования",
                        "Показатель 1.1, «Полное и сокращённое наименование, дата создания, учредитель (учредители)»:"
                                + " приложите фотографию",
                        "Показатель 1.1, «Документы»: укажите ссылку на страницу официального сайта (адрес,"
                                + " начинающийся с https:// или http://)",
                        "Показатель 3.2, «Дублирование для инвалидов по слуху и зрению звуковой и зрительной"
                                + " информации»: опишите в комментарии, как выполнено условие",
                        "Показатель 2.1, «Наличие и доступность питьевой воды»: этот пункт нельзя отметить как"
                                + " неприменимый",
                        "Показатель 1.1, «Правила внутреннего распорядка обучающихся, правила приёма обучающихся»:"
                                + " объясните в комментарии, почему пункт неприменим");
    }

    @Test
    void aChecklistThatDoesNotFitItsModelIsRefusedWithEveryProblem() throws Exception {
        String yaml = """
                model: noko-education
                sections:
                  - id: stands
                    indicator: "1.1"
                    present: standItems
                    required: noSuchInput
                    evidence: photo
                    items:
                      - {id: a, text: "А"}
                      - {id: a, text: "Б", evidence: video}
                  - id: comfort
                    indicator: "2.1"
                    present: comfortConditions
                    items: [{id: c1, text: "1"}, {id: c2, text: "2"}, {id: c3, text: "3"}, {id: c4, text: "4"},
                            {id: c5, text: "5"}, {id: c6, text: "6"}]
                """;

        assertThatThrownBy(() -> ChecklistLoader.parse(DataFiles.yaml().readTree(yaml), model, "test.yaml"))
                .isInstanceOf(DataFormatException.class)
                .satisfies(e -> assertThat(((DataFormatException) e).problems())
                        .contains(
                                "stands: item id 'a' is empty or used twice",
                                "stands/a: evidence must be photo, link, comment or none, not 'video'",
                                "stands: the model has no expert input 'noSuchInput'",
                                "comfort: 6 items, but 'comfortConditions' counts at most 5",
                                "no section fills the model's expert input 'siteItems'"));
    }

    private static ItemAnswer present(int photos, String link, String comment) {
        return new ItemAnswer(true, false, photos, link, comment);
    }
}

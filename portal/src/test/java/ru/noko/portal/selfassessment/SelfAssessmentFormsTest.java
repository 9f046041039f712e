package ru.noko.portal.selfassessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import ru.noko.methodology.checklist.ItemAnswer;
import ru.noko.portal.PortalStack;
import ru.noko.portal.TestData;

/**
 * A self-assessment's life in PostgreSQL: a draft found again as it was saved; submitting locks it and keeps the
 * version; the operator returns it with a comment; changed and submitted again, it is a second version, the first
 * kept as it was.
 */
class SelfAssessmentFormsTest extends PortalStack {

    private static final String CAMPAIGN = "demo-2026-noko";
    private static final ItemAnswer WITH_PHOTO = new ItemAnswer(true, false, 1, null, null);

    @Autowired
    SelfAssessmentForms forms;

    @Test
    void aDraftIsFoundAgainAsItWasSaved() {
        forms.saveDraft(CAMPAIGN, TestData.SCHOOL_A, Map.of("stand-general", WITH_PHOTO), "school-a");
        forms.saveDraft(
                CAMPAIGN,
                TestData.SCHOOL_A,
                Map.of(
                        "stand-general",
                        WITH_PHOTO,
                        "site-general",
                        new ItemAnswer(true, false, 0, "https://a.ru/s", null)),
                "school-a");

        SelfAssessmentForms.Form form = forms.find(CAMPAIGN, TestData.SCHOOL_A).orElseThrow();

        assertThat(form.state()).isEqualTo(SelfAssessmentForms.State.DRAFT);
        assertThat(form.answers())
                .containsEntry("stand-general", WITH_PHOTO)
                .containsEntry("site-general", new ItemAnswer(true, false, 0, "https://a.ru/s", null));
        assertThat(forms.find(CAMPAIGN, TestData.SCHOOL_B))
                .as("another organization's")
                .isEmpty();
    }

    @Test
    void submittingLocksTheFormUntilTheOperatorReturnsItAndEveryVersionIsKept() {
        forms.saveDraft(CAMPAIGN, TestData.SCHOOL_A, Map.of("stand-general", WITH_PHOTO), "school-a");

        int first = forms.submit(CAMPAIGN, TestData.SCHOOL_A, Map.of("standItems", 1), "school-a");

        assertThat(first).isEqualTo(1);
        assertThatThrownBy(() -> forms.saveDraft(CAMPAIGN, TestData.SCHOOL_A, Map.of(), "school-a"))
                .isInstanceOf(SelfAssessmentForms.Locked.class)
                .hasMessageContaining("не может быть изменено");
        assertThatThrownBy(() -> forms.submit(CAMPAIGN, TestData.SCHOOL_A, Map.of(), "school-a"))
                .as("not twice")
                .isInstanceOf(SelfAssessmentForms.Locked.class);

        assertThat(forms.returnForm(CAMPAIGN, TestData.SCHOOL_A, "Нет фото стенда с лицензией", "operator"))
                .isTrue();
        SelfAssessmentForms.Form returned =
                forms.find(CAMPAIGN, TestData.SCHOOL_A).orElseThrow();
        assertThat(returned.state()).isEqualTo(SelfAssessmentForms.State.RETURNED);
        assertThat(returned.returnComment()).isEqualTo("Нет фото стенда с лицензией");
        assertThat(forms.returnForm(CAMPAIGN, TestData.SCHOOL_A, "ещё раз", "operator"))
                .as("only a submitted form goes back")
                .isFalse();

        forms.saveDraft(CAMPAIGN, TestData.SCHOOL_A, Map.of(), "school-a");
        assertThat(forms.find(CAMPAIGN, TestData.SCHOOL_A).orElseThrow().state())
                .as("changed, it stays returned with its comment until submitted")
                .isEqualTo(SelfAssessmentForms.State.RETURNED);
        int second = forms.submit(CAMPAIGN, TestData.SCHOOL_A, Map.of("standItems", 0), "school-a");

        assertThat(second).isEqualTo(2);
        assertThat(forms.find(CAMPAIGN, TestData.SCHOOL_A).orElseThrow().returnComment())
                .isNull();
        assertThat(forms.versions(CAMPAIGN, TestData.SCHOOL_A))
                .extracting(
                        SelfAssessmentForms.Version::version, v -> v.answers().size(), v -> v.inputs())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, 1, Map.of("standItems", 1)),
                        org.assertj.core.groups.Tuple.tuple(2, 0, Map.of("standItems", 0)));
    }

    @Test
    void aFormNeverSavedCannotBeSubmitted() {
        assertThatThrownBy(() -> forms.submit(CAMPAIGN, TestData.SCHOOL_B, Map.of(), "school-b"))
                .isInstanceOf(SelfAssessmentForms.Locked.class);
    }
}

package ru.noko.gateway.page;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import ru.noko.gateway.system.InvalidField;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.instrument.Condition;
import ru.noko.methodology.instrument.Instrument;
import ru.noko.methodology.instrument.Question;
import ru.noko.methodology.instrument.QuestionType;

/**
 * What the survey template shows: the organization, the campaign, the role choice and every question with its
 * controls, the respondent's earlier input and the problems with it. Built fresh per page view; the template only
 * lays it out.
 *
 * @param email the optional e-mail field, or null when the campaign does not ask for one or confirmed it before
 * @param confirmed the confirmed address and its proof, or null
 * @param problems every problem, for the summary at the top
 * @param notice a message above the form, e.g. that the answers were not stored and should be sent again
 */
record SurveyPage(
        String action,
        String organizationName,
        String campaignTitle,
        String title,
        String description,
        Choices roles,
        List<QuestionView> questions,
        EmailField email,
        ConfirmedEmail confirmed,
        String idempotencyKey,
        String startedAt,
        String submissionToken,
        List<Problem> problems,
        String notice) {

    /** The address confirmed before the questionnaire, where the campaign asks for confirmation; sent along hidden. */
    record ConfirmedEmail(String email, String proof) {}

    /** The optional e-mail, asked for only where the campaign counts one response per address. */
    record EmailField(String value, String error) {}

    /** One control of a radio or checkbox group. */
    record Choice(String inputId, String value, String label, boolean checked) {}

    /** The role question, separate from the instrument's questions. */
    record Choices(List<Choice> choices, String error, boolean single) {}

    /** A problem in the summary, linking to where it is. */
    record Problem(String anchor, String message) {}

    /**
     * One question.
     *
     * @param kind yes_no, single_choice, multiple_choice, likert5, number or text: which controls to draw
     * @param showIfQuestion the question whose answer shows this one (skip logic), or null
     * @param showIfValues the answers that show it, as the form's values, separated by spaces
     * @param roles the roles it is for, separated by spaces; empty for all
     */
    record QuestionView(
            String id,
            String name,
            String anchor,
            String text,
            String kind,
            boolean required,
            List<Choice> choices,
            String value,
            String hint,
            Integer maxLength,
            String showIfQuestion,
            String showIfValues,
            String roles,
            String audience,
            String error) {

        public boolean hasError() {
            return error != null;
        }
    }

    static final List<String> LIKERT_WORDS = List.of(
            "совсем не удовлетворен(а)",
            "скорее не удовлетворен(а)",
            "удовлетворен(а) отчасти",
            "скорее удовлетворен(а)",
            "полностью удовлетворен(а)");

    /**
     * @param form the posted form, or an empty map for a fresh page
     * @param errors the problems by form field ({@code respondentRole}, {@code answers.<id>}, others)
     */
    static SurveyPage of(
            Campaign campaign,
            String organizationId,
            String organizationName,
            Map<String, List<String>> form,
            List<InvalidField> errors,
            String idempotencyKey,
            String startedAt,
            String submissionToken,
            String notice) {
        Instrument instrument = campaign.instrument();
        Map<String, String> byQuestion = new java.util.LinkedHashMap<>();
        List<Problem> summary = new ArrayList<>();
        String roleError = null;
        String emailError = null;
        for (InvalidField error : errors) {
            String field = error.field().replaceAll("\\[\\d+]$", "");
            if (field.startsWith(FormAnswers.PREFIX)
                    && instrument
                            .question(field.substring(FormAnswers.PREFIX.length()))
                            .isPresent()) {
                String id = field.substring(FormAnswers.PREFIX.length());
                byQuestion.putIfAbsent(id, error.message());
                summary.add(new Problem(
                        "q-" + id,
                        "Вопрос "
                                + (instrument
                                                .questions()
                                                .indexOf(instrument.question(id).get())
                                        + 1) + ": " + error.message()));
            } else if (field.equals("respondentRole")) {
                roleError =
                        error.field().equals("respondentRole") && error.rule().equals("required")
                                ? "Выберите, кто Вы"
                                : error.message();
                summary.add(new Problem("role", roleError));
            } else if (field.equals("email")) {
                emailError = error.message();
                summary.add(new Problem("email", emailError));
            } else if (field.equals("answers")) {
                summary.add(new Problem("questions", "Ответьте на вопросы анкеты"));
            } else {
                summary.add(new Problem("form-top", error.message()));
            }
        }
        boolean confirmation = campaign.definition().antiFraud().confirmEmail();
        List<String> chosenRole = form.getOrDefault("respondentRole", List.of());
        boolean single = instrument.roles().size() == 1;
        List<Choice> roles = instrument.roles().stream()
                .map(role ->
                        new Choice("role-" + role, role, RoleNames.choice(role), single || chosenRole.contains(role)))
                .toList();
        List<QuestionView> questions = new ArrayList<>();
        for (Question question : instrument.questions()) {
            questions.add(view(
                    question,
                    form.getOrDefault(FormAnswers.PREFIX + question.id(), List.of()),
                    byQuestion.get(question.id())));
        }
        return new SurveyPage(
                "/s/" + campaign.id() + "/" + organizationId,
                organizationName,
                campaign.definition().title(),
                instrument.title(),
                instrument.description(),
                new Choices(roles, roleError, single),
                questions,
                campaign.definition().antiFraud().onePerEmail() && !confirmation
                        ? new EmailField(form.getOrDefault("email", List.of("")).get(0), emailError)
                        : null,
                confirmation
                        ? new ConfirmedEmail(
                                form.getOrDefault("email", List.of("")).get(0),
                                form.getOrDefault("emailProof", List.of("")).get(0))
                        : null,
                idempotencyKey,
                startedAt,
                submissionToken,
                summary,
                notice);
    }

    private static QuestionView view(Question question, List<String> given, String error) {
        String id = question.id();
        String name = FormAnswers.PREFIX + id;
        List<Choice> choices = switch (question.type()) {
            case YES_NO -> List.of(choice(id, "true", "Да", given), choice(id, "false", "Нет", given));
            case SINGLE_CHOICE, MULTIPLE_CHOICE ->
                question.options().stream()
                        .map(option -> choice(id, option.id(), option.text(), given))
                        .toList();
            case LIKERT_5 -> likert(id, given);
            case NUMBER, TEXT -> List.of();
        };
        String value = given.isEmpty() ? "" : given.get(0);
        String hint = switch (question.type()) {
            case MULTIPLE_CHOICE -> "Можно выбрать несколько вариантов.";
            case NUMBER -> range(question);
            default -> null;
        };
        Condition condition = question.showIf();
        String showIfValues = condition == null
                ? null
                : (condition.equals() != null ? List.of(condition.equals()) : condition.in())
                        .stream().map(SurveyPage::formValue).collect(Collectors.joining(" "));
        String audience = question.roles().isEmpty()
                ? null
                : "Только для "
                        + question.roles().stream().map(RoleNames::audience).collect(Collectors.joining(" и "));
        return new QuestionView(
                id,
                name,
                "q-" + id,
                question.text(),
                kind(question),
                question.required(),
                choices,
                value,
                hint,
                question.type() == QuestionType.TEXT ? textLimit(question) : null,
                condition == null ? null : condition.question(),
                showIfValues,
                String.join(" ", question.roles()),
                audience,
                error);
    }

    private static List<Choice> likert(String id, List<String> given) {
        List<Choice> choices = new ArrayList<>();
        for (int score = 1; score <= 5; score++) {
            choices.add(choice(id, String.valueOf(score), score + " — " + LIKERT_WORDS.get(score - 1), given));
        }
        return choices;
    }

    private static Choice choice(String questionId, String value, String label, List<String> given) {
        return new Choice("a-" + questionId + "-" + value, value, label, given.contains(value));
    }

    /** A condition's value as the form posts it: true/false, an option id, a number without a needless ".0". */
    static String formValue(Object value) {
        if (value instanceof Number number) {
            return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }

    /** The validator's own default when the instrument sets none. */
    private static int textLimit(Question question) {
        return question.maxLength() == null ? 2000 : question.maxLength();
    }

    private static String kind(Question question) {
        return switch (question.type()) {
            case YES_NO -> "yes_no";
            case SINGLE_CHOICE -> "single_choice";
            case MULTIPLE_CHOICE -> "multiple_choice";
            case LIKERT_5 -> "likert5";
            case NUMBER -> "number";
            case TEXT -> "text";
        };
    }

    private static String range(Question question) {
        if (question.min() == null && question.max() == null) {
            return "Введите число.";
        }
        if (question.min() == null) {
            return "Число не больше " + formValue(question.max()) + ".";
        }
        if (question.max() == null) {
            return "Число не меньше " + formValue(question.min()) + ".";
        }
        return "Число от " + formValue(question.min()) + " до " + formValue(question.max()) + ".";
    }
}

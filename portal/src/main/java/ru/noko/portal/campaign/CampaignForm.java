package ru.noko.portal.campaign;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.scheduling.support.CronExpression;
import ru.noko.methodology.campaign.AntiFraudSettings;
import ru.noko.methodology.campaign.CampaignDefinition;
import ru.noko.methodology.campaign.CampaignWindow;
import ru.noko.methodology.model.Coverage;
import ru.noko.methodology.model.NokoModel;
import ru.noko.schemas.Identifiers;

/**
 * The operator's campaign form as it was posted (text, so a wrong value comes back as typed), its problems in Russian
 * by field, and the campaign definition it makes once it has none. The same definition a campaign file makes; the
 * loader's own check runs on it after these.
 *
 * <p>Why one class of this size: it mirrors the campaign file field by field, each field with its own check and
 * message; split, the form and its checks would drift apart.
 */
public final class CampaignForm {

    /** The questionnaire and the scoring model that go together, as the bundled methods pair them. */
    public static final Map<String, String> METHODS = Map.of(
            "noko-education", "НОКО: условия образовательной деятельности (анкета и модель НОКО)",
            "regional-satisfaction", "Удовлетворённость системой образования (региональная анкета)",
            "municipal-mechanisms", "Муниципальные механизмы управления качеством образования");

    /** The organization types a window can be set for, with their Russian names. */
    public static final Map<String, String> TYPES = new LinkedHashMap<>(Map.of());

    static {
        TYPES.put("preschool", "дошкольные организации");
        TYPES.put("general", "общеобразовательные организации");
        TYPES.put("additional", "организации дополнительного образования");
    }

    private String id = "";
    private String title = "";
    private String method = "noko-education";
    private String edition = "";
    private String timeZone = "Europe/Moscow";
    private String previous = "";
    private String exportSchedule = "";
    private String coverageTarget = "40";
    private String maxRespondents = "600";
    private Map<String, String> from = new LinkedHashMap<>();
    private Map<String, String> to = new LinkedHashMap<>();
    private String minFillSeconds = "60";
    private boolean onePerEmail = true;
    private boolean onePerDevice = true;
    private String ipWindowMinutes = "60";
    private String ipLimitPerOrganization = "20";
    private String ipLimitAcrossOrganizations = "60";
    private String ipOverLimit = "reject";
    private boolean confirmEmail = false;

    /** The form filled with a campaign's definition, for editing it. */
    public static CampaignForm of(CampaignDefinition definition) {
        CampaignForm form = new CampaignForm();
        form.id = definition.id();
        form.title = definition.title() == null ? "" : definition.title();
        form.method = definition.model();
        form.edition = definition.edition() == null ? "" : definition.edition().name();
        form.timeZone = definition.timeZone();
        form.previous = definition.previous();
        form.exportSchedule = definition.exportSchedule();
        if (definition.coverage() != null) {
            form.coverageTarget = definition
                    .coverage()
                    .target()
                    .movePointRight(2)
                    .stripTrailingZeros()
                    .toPlainString();
            form.maxRespondents = String.valueOf(definition.coverage().maxRespondents());
        }
        for (CampaignWindow window : definition.windows()) {
            for (String type : window.types()) {
                form.from.put(type, window.from().toString());
                form.to.put(type, window.to().toString());
            }
        }
        AntiFraudSettings rules = definition.antiFraud();
        form.minFillSeconds = String.valueOf(rules.minFillSeconds());
        form.onePerEmail = rules.onePerEmail();
        form.onePerDevice = rules.onePerDevice();
        form.ipWindowMinutes = String.valueOf(rules.ipWindowMinutes());
        form.ipLimitPerOrganization = String.valueOf(rules.ipLimitPerOrganization());
        form.ipLimitAcrossOrganizations = String.valueOf(rules.ipLimitAcrossOrganizations());
        form.ipOverLimit = rules.ipOverLimit();
        form.confirmEmail = rules.confirmEmail();
        return form;
    }

    /** Every problem of the form, by field; empty when it makes a campaign. */
    public Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        if (!Identifiers.ID_PATTERN.matcher(id.strip()).matches()) {
            problems.put(
                    "id", "Идентификатор: от 1 до 64 латинских букв, цифр, '.', '-' и '_', начиная с буквы или цифры");
        }
        if (title.isBlank()) {
            problems.put("title", "Укажите название кампании");
        } else if (title.length() > 300) {
            problems.put("title", "Название длиннее 300 символов");
        }
        if (!METHODS.containsKey(method)) {
            problems.put("method", "Выберите методику из списка");
        }
        if (!edition.isBlank() && !method.equals("noko-education")) {
            problems.put("edition", "Редакция выбирается только для методики НОКО");
        } else if (!edition.isBlank() && !edition.equals("A") && !edition.equals("B")) {
            problems.put("edition", "Редакция: A или B");
        }
        try {
            ZoneId.of(timeZone.strip());
        } catch (DateTimeException e) {
            problems.put("timeZone", "Часовой пояс не распознан: например, Europe/Moscow или Asia/Irkutsk");
        }
        if (!exportSchedule.isBlank()) {
            try {
                CronExpression.parse(exportSchedule.strip());
            } catch (IllegalArgumentException e) {
                problems.put(
                        "exportSchedule",
                        "Расписание: шесть полей cron — секунда, минута, час, день, месяц, день недели (например, 0 0 6 1 * *)");
            }
        }
        BigDecimal target = decimal(coverageTarget);
        if (target == null || target.signum() <= 0 || target.compareTo(BigDecimal.valueOf(100)) > 0) {
            problems.put("coverageTarget", "Цель охвата: процент от 1 до 100");
        }
        integer(maxRespondents, 1, 1_000_000, "maxRespondents", "Не больше респондентов: целое число от 1", problems);
        for (String type : TYPES.keySet()) {
            String first = from.getOrDefault(type, "").strip();
            String last = to.getOrDefault(type, "").strip();
            if (first.isEmpty() && last.isEmpty()) {
                continue;
            }
            LocalDate start = date(first);
            LocalDate end = date(last);
            if (start == null || end == null) {
                problems.put("window-" + type, "Укажите обе даты окна в формате ГГГГ-ММ-ДД, или ни одной");
            } else if (end.isBefore(start)) {
                problems.put("window-" + type, "Окно заканчивается раньше, чем начинается");
            }
        }
        integer(
                minFillSeconds,
                0,
                86_400,
                "minFillSeconds",
                "Минимальное время заполнения: от 0 до 86 400 секунд",
                problems);
        integer(ipWindowMinutes, 1, 10_080, "ipWindowMinutes", "Окно подсчёта по IP: от 1 до 10 080 минут", problems);
        integer(
                ipLimitPerOrganization,
                1,
                100_000,
                "ipLimitPerOrganization",
                "Лимит на организацию: целое число от 1",
                problems);
        integer(
                ipLimitAcrossOrganizations,
                1,
                100_000,
                "ipLimitAcrossOrganizations",
                "Лимит на все организации: целое число от 1",
                problems);
        if (!ipOverLimit.equals("reject") && !ipOverLimit.equals("review")) {
            problems.put("ipOverLimit", "Выберите: отклонять или отмечать для проверки");
        }
        if (confirmEmail && !onePerEmail) {
            problems.put("confirmEmail", "Подтверждение адреса требует правила «один ответ с одного адреса»");
        }
        return problems;
    }

    /** The definition the form makes; call once {@link #problems()} is empty. */
    public CampaignDefinition definition() {
        List<CampaignWindow> windows = new ArrayList<>();
        for (String type : TYPES.keySet()) {
            String first = from.getOrDefault(type, "").strip();
            if (!first.isEmpty()) {
                windows.add(new CampaignWindow(
                        List.of(type),
                        LocalDate.parse(first),
                        LocalDate.parse(to.get(type).strip())));
            }
        }
        return new CampaignDefinition(
                id.strip(),
                title.strip(),
                method,
                method,
                edition.isBlank() ? null : NokoModel.Edition.valueOf(edition),
                new Coverage(decimal(coverageTarget).movePointLeft(2), Integer.parseInt(maxRespondents.strip())),
                new AntiFraudSettings(
                        Integer.parseInt(minFillSeconds.strip()),
                        onePerEmail,
                        onePerDevice,
                        Integer.parseInt(ipWindowMinutes.strip()),
                        Integer.parseInt(ipLimitPerOrganization.strip()),
                        Integer.parseInt(ipLimitAcrossOrganizations.strip()),
                        ipOverLimit,
                        confirmEmail),
                previous.strip(),
                exportSchedule.strip(),
                timeZone.strip(),
                windows);
    }

    private static BigDecimal decimal(String text) {
        try {
            return new BigDecimal(text.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static LocalDate date(String text) {
        try {
            return text.isEmpty() ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void integer(
            String text, int min, int max, String field, String message, Map<String, String> problems) {
        try {
            int value = Integer.parseInt(text.strip());
            if (value < min || value > max) {
                problems.put(field, message);
            }
        } catch (NumberFormatException e) {
            problems.put(field, message);
        }
    }

    // Getters for the template and the binder.
    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id == null ? "" : id;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title == null ? "" : title;
    }

    public String getMethod() {
        return method;
    }

    public void setMethod(String method) {
        this.method = method == null ? "" : method;
    }

    public String getEdition() {
        return edition;
    }

    public void setEdition(String edition) {
        this.edition = edition == null ? "" : edition;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone == null ? "" : timeZone;
    }

    public String getPrevious() {
        return previous;
    }

    public void setPrevious(String previous) {
        this.previous = previous == null ? "" : previous;
    }

    public String getExportSchedule() {
        return exportSchedule;
    }

    public void setExportSchedule(String exportSchedule) {
        this.exportSchedule = exportSchedule == null ? "" : exportSchedule;
    }

    public String getCoverageTarget() {
        return coverageTarget;
    }

    public void setCoverageTarget(String coverageTarget) {
        this.coverageTarget = coverageTarget == null ? "" : coverageTarget;
    }

    public String getMaxRespondents() {
        return maxRespondents;
    }

    public void setMaxRespondents(String maxRespondents) {
        this.maxRespondents = maxRespondents == null ? "" : maxRespondents;
    }

    public Map<String, String> getFrom() {
        return from;
    }

    public void setFrom(Map<String, String> from) {
        this.from = from;
    }

    public Map<String, String> getTo() {
        return to;
    }

    public void setTo(Map<String, String> to) {
        this.to = to;
    }

    public String getMinFillSeconds() {
        return minFillSeconds;
    }

    public void setMinFillSeconds(String value) {
        this.minFillSeconds = value == null ? "" : value;
    }

    public boolean isOnePerEmail() {
        return onePerEmail;
    }

    public void setOnePerEmail(boolean onePerEmail) {
        this.onePerEmail = onePerEmail;
    }

    public boolean isOnePerDevice() {
        return onePerDevice;
    }

    public void setOnePerDevice(boolean onePerDevice) {
        this.onePerDevice = onePerDevice;
    }

    public String getIpWindowMinutes() {
        return ipWindowMinutes;
    }

    public void setIpWindowMinutes(String value) {
        this.ipWindowMinutes = value == null ? "" : value;
    }

    public String getIpLimitPerOrganization() {
        return ipLimitPerOrganization;
    }

    public void setIpLimitPerOrganization(String value) {
        this.ipLimitPerOrganization = value == null ? "" : value;
    }

    public String getIpLimitAcrossOrganizations() {
        return ipLimitAcrossOrganizations;
    }

    public void setIpLimitAcrossOrganizations(String value) {
        this.ipLimitAcrossOrganizations = value == null ? "" : value;
    }

    public String getIpOverLimit() {
        return ipOverLimit;
    }

    public void setIpOverLimit(String ipOverLimit) {
        this.ipOverLimit = ipOverLimit == null ? "" : ipOverLimit;
    }

    public boolean isConfirmEmail() {
        return confirmEmail;
    }

    public void setConfirmEmail(boolean confirmEmail) {
        this.confirmEmail = confirmEmail;
    }
}

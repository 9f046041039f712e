package ru.noko.gateway.page;

import java.util.Map;

/** The instruments' respondent roles as a respondent reads them; a role without a name here shows its id. */
final class RoleNames {

    private static final Map<String, String> CHOICE = Map.of(
            "parent", "Родитель (законный представитель)",
            "student", "Обучающийся",
            "director", "Руководитель организации",
            "deputy", "Заместитель руководителя",
            "teacher", "Педагогический работник");

    /** For «Только для …» next to a question meant for some roles only. */
    private static final Map<String, String> AUDIENCE = Map.of(
            "parent", "родителей (законных представителей)",
            "student", "обучающихся",
            "director", "руководителей",
            "deputy", "заместителей руководителя",
            "teacher", "педагогических работников");

    private RoleNames() {}

    static String choice(String role) {
        return CHOICE.getOrDefault(role, role);
    }

    static String audience(String role) {
        return AUDIENCE.getOrDefault(role, role);
    }
}

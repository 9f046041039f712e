package ru.noko.portal.account;

/** What an account may see and do; each route names the roles it lets in (SecurityConfiguration). */
public enum Role {
    /** The regional operator: the registry, campaigns, accounts, everything of the region. */
    REGION("Оператор региона"),
    /** A municipal analyst: reads its own municipality's organizations. */
    MUNICIPALITY("Аналитик муниципалитета"),
    /** An organization: its own data only. */
    ORGANIZATION("Организация"),
    /** The ministry: reads the whole region and the exports. */
    MINISTRY("Министерство");

    private final String title;

    Role(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** The authority Spring Security checks: {@code ROLE_REGION}, … */
    public String authority() {
        return "ROLE_" + name();
    }
}

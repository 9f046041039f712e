package ru.noko.deploy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** .env.example: each documented setting, set (a secret to fill in) or commented out with its default. */
record EnvExample(Map<String, Entry> entries) {

    static final String PATH = ".env.example";
    private static final Pattern SETTING = Pattern.compile("^(#\\s*)?([A-Z][A-Z0-9_]*)=(.*)$");

    record Entry(String value, boolean commented) {}

    static EnvExample load() {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (String line : Repository.text(PATH).split("\n")) {
            Matcher matcher = SETTING.matcher(line.strip());
            if (matcher.matches()) {
                entries.put(matcher.group(2), new Entry(matcher.group(3), matcher.group(1) != null));
            }
        }
        return new EnvExample(entries);
    }
}

package ru.noko.schemas.clickhouse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ru.noko.schemas.resources.ClasspathFolder;

/** The numbered DDL files under {@code clickhouse/migrations/} on the classpath (in this jar or a build folder). */
public final class MigrationCatalog {

    static final String FOLDER = "clickhouse/migrations/";
    static final String MIGRATIONS_TABLE_DDL = "clickhouse/schema_migrations.sql";
    private static final Pattern FILE_NAME = Pattern.compile("V(\\d{3,})__([a-z0-9_]+)\\.sql");

    private MigrationCatalog() {}

    /** All migrations, by version; fails on a badly named file or two files with one version. */
    public static List<Migration> load() {
        List<Migration> migrations = new ArrayList<>();
        for (String fileName : ClasspathFolder.fileNames(FOLDER)) {
            Matcher matcher = FILE_NAME.matcher(fileName);
            if (!matcher.matches()) {
                throw new IllegalStateException("migration file name must look like V001__name.sql: " + fileName);
            }
            String sql = ClasspathFolder.read(FOLDER + fileName);
            migrations.add(new Migration(Integer.parseInt(matcher.group(1)), matcher.group(2), sql, sha256(sql)));
        }
        migrations.sort(Comparator.comparingInt(Migration::version));
        for (int i = 1; i < migrations.size(); i++) {
            if (migrations.get(i).version() == migrations.get(i - 1).version()) {
                throw new IllegalStateException(
                        "two migrations have version " + migrations.get(i).version());
            }
        }
        return List.copyOf(migrations);
    }

    static String migrationsTableDdl() {
        return ClasspathFolder.read(MIGRATIONS_TABLE_DDL);
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

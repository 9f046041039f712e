package ru.noko.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import ru.noko.local.LocalSystem;

/** The portal's PostgreSQL through psql: between new-registry rounds, the registry emptied. */
final class PortalDatabase {
    private final LocalSystem system;

    PortalDatabase(LocalSystem system) {
        this.system = system;
    }

    String connection() {
        return "psql -h 127.0.0.1 -p " + system.postgres().port() + " -U "
                + system.postgres().user() + " "
                + URI.create(system.postgres().jdbcUrl().substring(5)).getPath().substring(1);
    }

    /** The organizations and their accounts deleted (the audit log keeps its rows), then vacuumed. */
    void emptyRegistry() throws Exception {
        psql("DELETE FROM registry_drafts; DELETE FROM password_resets WHERE account_id IN (SELECT id FROM accounts"
                + " WHERE role = 'ORGANIZATION'); DELETE FROM accounts WHERE role = 'ORGANIZATION';"
                + " DELETE FROM organizations;");
        psql("VACUUM ANALYZE organizations, accounts, registry_drafts;");
    }

    private void psql(String sql) throws Exception {
        ProcessBuilder command = new ProcessBuilder(List.of(
                        "psql",
                        "-X",
                        "-q",
                        "-v",
                        "ON_ERROR_STOP=1",
                        "-h",
                        "127.0.0.1",
                        "-p",
                        String.valueOf(system.postgres().port()),
                        "-U",
                        system.postgres().user(),
                        "-d",
                        URI.create(system.postgres().jdbcUrl().substring(5))
                                .getPath()
                                .substring(1),
                        "-c",
                        sql))
                .redirectErrorStream(true);
        command.environment().put("PGPASSWORD", system.postgres().password());
        Process process = command.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("psql failed: " + output);
        }
    }
}

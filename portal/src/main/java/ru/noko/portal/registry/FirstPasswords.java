package ru.noko.portal.registry;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;
import ru.noko.portal.account.Passwords;

/**
 * The first passwords of the accounts an import made, as the CSV the operator downloads once. Kept in this
 * process's memory only (the database has the hashes alone), for half an hour at most, and forgotten as it is read.
 */
@Component
public class FirstPasswords {

    static final Duration KEPT = Duration.ofMinutes(30);

    private final Cache<String, Download> waiting =
            Caffeine.newBuilder().expireAfterWrite(KEPT).maximumSize(1_000).build();

    /** A CSV for one operator to take. */
    public record Download(String operator, byte[] csv, int accounts) {}

    public String keep(Download download) {
        String id = Passwords.token();
        waiting.put(id, download);
        return id;
    }

    /** The CSV, once, for the operator it was made for. */
    public Optional<Download> take(String id, String operator) {
        Download download = waiting.getIfPresent(id);
        if (download == null || !download.operator().equals(operator)) {
            return Optional.empty();
        }
        waiting.invalidate(id);
        return Optional.of(download);
    }
}

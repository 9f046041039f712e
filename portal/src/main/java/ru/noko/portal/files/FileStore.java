package ru.noko.portal.files;

import java.util.Optional;

/**
 * Where the portal keeps the files people upload (photo reports, session orders): a folder of the local run, or an
 * S3 bucket of the server. Keys are the portal's own ({@link StoredFiles#newKey}), never a name a person typed, and
 * files leave only through routes that check who asks.
 */
public interface FileStore {

    void put(String key, byte[] content);

    Optional<byte[]> get(String key);

    void delete(String key);
}

package ru.noko.export.store;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Where finished exports are kept and listed: the local exports folder itself, or S3-compatible storage beside it. An
 * export is always written into the local folder first (atomically, by {@code ExportWriter}); the store then keeps
 * that folder. No store ever overwrites an export it holds.
 */
public interface ExportStore {

    /** Whether the store holds a complete export of this campaign and cut-off. */
    boolean holds(String campaignId, Instant cutOff) throws IOException;

    /**
     * Keeps a written export folder.
     *
     * @throws java.nio.file.FileAlreadyExistsException if the store holds this export, or something else under its
     *     name; nothing it holds is changed then
     */
    void keep(String campaignId, Instant cutOff, Path folder) throws IOException;

    /** Every complete export held, by campaign, oldest first. */
    List<StoredExport> list() throws IOException;

    /** Where this campaign's export of this cut-off is (or would be) kept, for people to read. */
    String location(String campaignId, Instant cutOff);
}

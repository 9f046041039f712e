package ru.noko.export.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import ru.noko.export.files.Manifest;

/**
 * The exports folder as the store ({@code <exports>/<campaign>/<cut-off>/}), as in the local run: the export is
 * already where it belongs once written, so keeping it is nothing more.
 */
public final class LocalExportStore implements ExportStore {

    private final Path exports;

    public LocalExportStore(Path exports) {
        this.exports = exports;
    }

    public Path folder(String campaignId, Instant cutOff) {
        return exports.resolve(campaignId).resolve(CutOffName.of(cutOff));
    }

    @Override
    public boolean holds(String campaignId, Instant cutOff) {
        return Files.exists(folder(campaignId, cutOff));
    }

    @Override
    public void keep(String campaignId, Instant cutOff, Path folder) {
        // ExportWriter has put it in place already, atomically and refusing an existing one.
    }

    @Override
    public List<StoredExport> list() throws IOException {
        List<StoredExport> listed = new ArrayList<>();
        if (!Files.isDirectory(exports)) {
            return listed;
        }
        try (Stream<Path> campaigns = Files.list(exports)) {
            for (Path campaign : campaigns.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> cuts = Files.list(campaign)) {
                    for (Path folder : cuts.filter(f -> Files.isRegularFile(f.resolve(Manifest.FILE_NAME)))
                            .sorted()
                            .toList()) {
                        Optional<Instant> cutOff =
                                CutOffName.parse(folder.getFileName().toString());
                        cutOff.ifPresent(cut -> listed.add(
                                new StoredExport(campaign.getFileName().toString(), cut, folder.toString())));
                    }
                }
            }
        }
        return listed;
    }

    @Override
    public String location(String campaignId, Instant cutOff) {
        return folder(campaignId, cutOff).toString();
    }
}

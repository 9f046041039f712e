package ru.noko.dashboards.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A panel's place on Grafana's grid: 24 columns wide, rows of one unit (30 px plus an 8 px gap) downwards.
 */
public record GridPos(int x, int y, int w, int h) {

    public static final int COLUMNS = 24;

    /** Empty unless all four coordinates are integers. */
    static Optional<GridPos> of(JsonNode node) {
        for (String field : new String[] {"x", "y", "w", "h"}) {
            if (!node.path(field).isIntegralNumber()) {
                return Optional.empty();
            }
        }
        return Optional.of(new GridPos(
                node.get("x").asInt(),
                node.get("y").asInt(),
                node.get("w").asInt(),
                node.get("h").asInt()));
    }

    public int right() {
        return x + w;
    }

    public int bottom() {
        return y + h;
    }

    public boolean overlaps(GridPos other) {
        return x < other.right() && other.x < right() && y < other.bottom() && other.y < bottom();
    }
}

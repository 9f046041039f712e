package ru.noko.dashboards.picture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import ru.noko.dashboards.Fixtures;
import ru.noko.dashboards.grafana.Dashboard;

class LayoutPictureTest {

    private final Dashboard overview = Dashboard.read(Fixtures.path("valid/overview.json"));

    @Test
    void the_picture_shows_the_title_the_time_range_the_variables_and_the_links() {
        String svg = LayoutPicture.render(overview);

        assertThat(svg)
                .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .contains(">Обзор кампании (фикстура)</text>", ">now-30d → now · ⟳ 1m</text>")
                .contains(">Кампания</text>", ">demo-2026-noko ▾</text>", ">Муниципалитет</text>", ">… ▾</text>")
                .contains(">☰ Все дашборды ▾</text>", ">↗ Организация</text>")
                // A hidden variable is not in the bar.
                .doesNotContain(">Источник</text>");
    }

    @Test
    void each_panel_is_a_box_at_its_grid_place_with_its_title_and_type() {
        String svg = LayoutPicture.render(overview);

        // The table at x 6, y 1, w 18, h 10: 50 px a column, 38 px a grid unit, 8 px between panels.
        assertThat(svg)
                .contains("<rect x=\"316\" y=\"132\" width=\"892\" height=\"372\" rx=\"4\" fill=\"#ffffff\"")
                .contains(
                        ">Охват по организациям</text>",
                        ">table · #3</text>",
                        ">Принято ответов</text>",
                        ">stat · #2</text>");
    }

    @Test
    void rows_are_headers_and_a_collapsed_row_hides_its_panels() {
        String svg = LayoutPicture.render(overview);

        assertThat(svg)
                .contains(">▾ Охват</text>", ">▸ Работа системы</text>", ">collapsed, 2 panels</text>")
                .doesNotContain("Запросы к шлюзу");
    }

    @Test
    void text_is_escaped_and_long_titles_are_wrapped_to_fit_their_box() {
        String svg = LayoutPicture.render(Dashboard.read(Fixtures.path("picture/long-titles.json")));

        assertThat(svg)
                .contains(">Доля организаций с</text>", ">полными ответами по</text>")
                .contains("&lt;и&gt; &amp;")
                .contains(">Оченьдлинноес…</text>");
    }

    @Test
    void the_same_json_gives_the_same_picture() {
        assertThat(LayoutPicture.render(overview))
                .isEqualTo(LayoutPicture.render(Dashboard.read(Fixtures.path("valid/overview.json"))));
    }
}

package ru.noko.publication.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import ru.noko.publication.figures.PublicOrganization;
import ru.noko.publication.figures.PublicTerritory;

/** The report's charts, drawn by JFreeChart in DejaVu Sans (its Cyrillic), flat bars on white, at twice print size. */
final class Charts {

    static final int WIDTH = 1000;
    private static final Color BAR = new Color(0x1d, 0x4f, 0x91);

    static {
        StandardChartTheme theme = (StandardChartTheme) StandardChartTheme.createJFreeTheme();
        theme.setExtraLargeFont(new Font("DejaVu Sans", Font.BOLD, 26));
        theme.setLargeFont(new Font("DejaVu Sans", Font.BOLD, 20));
        theme.setRegularFont(new Font("DejaVu Sans", Font.PLAIN, 18));
        theme.setSmallFont(new Font("DejaVu Sans", Font.PLAIN, 16));
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setRangeGridlinePaint(new Color(0xBB, 0xBB, 0xBB));
        theme.setBarPainter(new StandardBarPainter());
        theme.setShadowVisible(false);
        ChartFactory.setChartTheme(theme);
    }

    private Charts() {}

    /** How many organizations score in each band of five points. */
    static BufferedImage distribution(List<PublicOrganization> scored, String figure) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        int lowest = scored.stream()
                .mapToInt(o -> o.score().intValue() / 5 * 5)
                .min()
                .orElse(0);
        for (int band = lowest; band < 100; band += 5) {
            int from = band;
            long count = scored.stream()
                    .filter(o -> o.score().compareTo(BigDecimal.valueOf(from)) >= 0
                            && (o.score().compareTo(BigDecimal.valueOf(from + 5)) < 0
                                    || (from == 95 && o.score().compareTo(BigDecimal.valueOf(100)) <= 0)))
                    .count();
            data.addValue(count, "Организаций", from + "–" + (from + 5));
        }
        JFreeChart chart = ChartFactory.createBarChart(
                "Распределение " + figure + " по организациям",
                figure + ", баллы",
                "Организаций",
                data,
                PlotOrientation.VERTICAL,
                false,
                false,
                false);
        return draw(chart, 520);
    }

    /** The main figure of every municipality. */
    static BufferedImage municipalities(List<PublicTerritory> municipalities, String figure) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (PublicTerritory m : municipalities) {
            BigDecimal value = m.figure(figure);
            if (value != null) {
                data.addValue(value, figure, m.municipality());
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(
                figure + " по муниципалитетам",
                null,
                figure + ", баллы",
                data,
                PlotOrientation.HORIZONTAL,
                false,
                false,
                false);
        return draw(chart, Math.max(300, 80 + 44 * municipalities.size()));
    }

    /** Organizations per level within each type. */
    static BufferedImage levelsByType(Map<String, Map<String, Long>> levels) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        levels.forEach((type, counts) -> counts.forEach((level, count) -> data.addValue(count, level, type)));
        JFreeChart chart = ChartFactory.createStackedBarChart(
                "Уровни по типам организаций", null, "Организаций", data, PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        Color[] colors = {
            new Color(0x1d, 0x4f, 0x91),
            new Color(0x4a, 0x86, 0xc8),
            new Color(0x9c, 0xc3, 0xe6),
            new Color(0xf0, 0xa2, 0x02),
            new Color(0xb0, 0x00, 0x20)
        };
        for (int i = 0; i < data.getRowCount(); i++) {
            plot.getRenderer().setSeriesPaint(i, colors[i % colors.length]);
        }
        counts(chart);
        return draw(chart, 520);
    }

    /** Organizations are counted in whole numbers: the axis says so. */
    private static void counts(JFreeChart chart) {
        ((NumberAxis) chart.getCategoryPlot().getRangeAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    }

    private static BufferedImage draw(JFreeChart chart, int height) {
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setOutlineVisible(false);
        if (plot.getRenderer() instanceof BarRenderer bars && chart.getLegend() == null) {
            bars.setSeriesPaint(0, BAR);
            bars.setMaximumBarWidth(0.08);
        }
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        plot.getDomainAxis().setMaximumCategoryLabelLines(2);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        return chart.createBufferedImage(WIDTH, height);
    }
}

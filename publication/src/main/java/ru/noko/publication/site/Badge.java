package ru.noko.publication.site;

import ru.noko.publication.figures.PublicOrganization;

/**
 * The badge a school puts on its site: a small SVG naming the campaign's main figure and its level, drawn from the
 * published values only (the same file for everyone, so any cache may keep it). Written by hand: it is two boxes and
 * two lines of text, and the text must be exactly the page's.
 */
public final class Badge {

    static final int WIDTH = 220;
    static final int HEIGHT = 44;

    private Badge() {}

    public static String svg(PublicOrganization organization, String mainFigure, String campaignTitle) {
        String score = organization.score() == null ? "нет оценки" : Numbers.format(organization.score());
        String level = organization.level().isEmpty() ? "уровень не определён" : organization.level();
        String label =
                "Независимая оценка качества, " + campaignTitle + ": " + mainFigure + " = " + score + ", " + level;
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + HEIGHT
                + "\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT + "\" role=\"img\" aria-labelledby=\"t\">\n"
                + "<title id=\"t\">" + Html.escape(label) + "</title>\n"
                + "<rect width=\"" + WIDTH + "\" height=\"" + HEIGHT + "\" rx=\"6\" fill=\"#1d4f91\"/>\n"
                + "<rect x=\"64\" y=\"3\" width=\"" + (WIDTH - 67) + "\" height=\"" + (HEIGHT - 6)
                + "\" rx=\"4\" fill=\"#ffffff\"/>\n"
                + "<text x=\"32\" y=\"27\" text-anchor=\"middle\" font-family=\"DejaVu Sans, Arial, sans-serif\""
                + " font-size=\"15\" font-weight=\"bold\" fill=\"#ffffff\">НОКО</text>\n"
                + "<text x=\"74\" y=\"20\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"14\""
                + " font-weight=\"bold\" fill=\"#1a1a1a\">" + Html.escape(mainFigure + " = " + score) + "</text>\n"
                + "<text x=\"74\" y=\"36\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"12\""
                + " fill=\"#1a1a1a\">" + Html.escape(level) + "</text>\n"
                + "</svg>\n";
    }

    /** The text a screen reader and a search engine read for the badge. */
    public static String alt(PublicOrganization organization, String mainFigure) {
        return "Результаты независимой оценки качества: " + mainFigure + " = "
                + (organization.score() == null ? "нет оценки" : Numbers.format(organization.score()))
                + (organization.level().isEmpty() ? "" : ", уровень «" + organization.level() + "»");
    }
}

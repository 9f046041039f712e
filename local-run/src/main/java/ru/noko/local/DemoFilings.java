package ru.noko.local;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.methodology.checklist.Checklist;
import ru.noko.methodology.checklist.ChecklistLoader;
import ru.noko.methodology.model.NokoModel;

/**
 * What the demo's organizations file through the portal, as their staff would: three submit their self-assessments
 * of demo-2026-noko with photos (small generated images), a fourth leaves a draft, and the first registers a
 * computer-class session tomorrow with its director's order (a generated PDF). Each logs in with its first password
 * and sets a new one, which replaces the first in the demo's accounts file. A second demo finds them filed and files
 * nothing again.
 */
final class DemoFilings {

    static final String CAMPAIGN = "demo-2026-noko";
    static final List<String> SUBMITTING = List.of("gen-org-5", "gen-org-6", "gen-org-7");
    static final String DRAFTING = "gen-org-8";

    private static final SecureRandom RANDOM = new SecureRandom();

    private DemoFilings() {}

    /** Files them; the accounts, with the new passwords of those that filed. */
    static List<DemoPortal.DemoAccount> file(LocalSystem system, List<DemoPortal.DemoAccount> accounts)
            throws IOException {
        Campaign campaign =
                Campaigns.load("").find(CAMPAIGN).orElseThrow(() -> new IOException("no bundled campaign " + CAMPAIGN));
        Checklist checklist = ChecklistLoader.bundled((NokoModel) campaign.model());
        List<DemoPortal.DemoAccount> updated = new ArrayList<>();
        for (DemoPortal.DemoAccount account : accounts) {
            int filer = SUBMITTING.indexOf(account.login());
            if (filer < 0 && !account.login().equals(DRAFTING)) {
                updated.add(account);
                continue;
            }
            PortalClient portal = new PortalClient(system.portalUri());
            DemoPortal.DemoAccount signedIn = signIn(portal, account);
            updated.add(signedIn);
            String form = "/organization/self-assessments/" + CAMPAIGN;
            if (portal.get(form).body().contains("id=\"checklist\"")) {
                fill(portal, checklist, form, filer < 0 ? 3 : filer, filer >= 0);
            }
            if (filer == 0 && !portal.get("/organization/sessions").body().contains("data-session=")) {
                registerSession(portal, ZoneId.of(campaign.definition().timeZone()));
            }
        }
        return updated;
    }

    /** Logs in; at the first login sets a new password, as the portal asks. */
    static DemoPortal.DemoAccount signIn(PortalClient portal, DemoPortal.DemoAccount account) throws IOException {
        portal.login(account.login(), account.password());
        if (!portal.get("/organization").uri().getPath().equals("/account/password")) {
            return account;
        }
        String next = "Демо-" + HexFormat.of().formatHex(RANDOM.generateSeed(6));
        portal.changePassword(account.password(), next);
        return new DemoPortal.DemoAccount(account.login(), next, account.role(), account.of());
    }

    /**
     * Ticks about four items in five (which ones depends on the organization), each with the evidence it needs;
     * submits unless it is the draft.
     */
    private static void fill(PortalClient portal, Checklist checklist, String form, int which, boolean submit)
            throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        List<Map.Entry<String, PortalClient.Attached>> photos = new ArrayList<>();
        int n = 0;
        for (Checklist.Section section : checklist.sections()) {
            for (Checklist.Item item : section.items()) {
                n++;
                if ((n * 7 + which * 3) % 5 == 0 || (!submit && n > 6)) {
                    continue;
                }
                fields.put("present:" + item.id(), "on");
                switch (item.evidence()) {
                    case PHOTO ->
                        photos.add(Map.entry(
                                "photo:" + item.id(),
                                new PortalClient.Attached(item.id() + ".jpg", "image/jpeg", photo(item.text(), n))));
                    case LINK ->
                        fields.put(
                                "link:" + item.id(),
                                "https://gen-org-" + (5 + which) + ".example.ru/sveden/" + item.id());
                    case COMMENT -> fields.put("comment:" + item.id(), "Работает ежедневно, ответственный назначен");
                    case NONE -> {}
                }
            }
        }
        if (submit) {
            // Paid services are not offered: the item does not apply, as the comment says.
            fields.remove("present:stand-paid-services");
            fields.put("na:stand-paid-services", "on");
            fields.put("comment:stand-paid-services", "Платные образовательные услуги не оказываются");
            photos.removeIf(photo -> photo.getKey().equals("photo:stand-paid-services"));
        }
        fields.put("action", submit ? "submit" : "save");
        HttpResponse<String> answer = portal.multipart(form, fields, photos, form);
        String page = answer.body();
        boolean done = submit ? page.contains("Самообследование отправлено") : page.contains("Черновик сохранён");
        if (!done) {
            throw new IOException("the portal did not take the demo's self-assessment: " + PortalClient.textOf(page));
        }
    }

    /** Tomorrow from 10:00 to 10:45 in the campaign's time zone, from this machine, for a class of 25. */
    private static void registerSession(PortalClient portal, ZoneId zone) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("campaign", CAMPAIGN);
        fields.put("date", LocalDate.now(zone).plusDays(1).toString());
        fields.put("start", "10:00");
        fields.put("end", "10:45");
        fields.put("address", "127.0.0.1");
        fields.put("participants", "25");
        HttpResponse<String> answer = portal.multipart(
                "/organization/sessions",
                fields,
                List.of(Map.entry("order", new PortalClient.Attached("prikaz.pdf", "application/pdf", order()))),
                "/organization/sessions");
        if (!answer.body().contains("Сессия зарегистрирована")) {
            throw new IOException(
                    "the portal did not register the demo's session: " + PortalClient.textOf(answer.body()));
        }
    }

    /** A small photo-like image: a coloured wall with the item's words on a white sheet. */
    private static byte[] photo(String text, int seed) throws IOException {
        BufferedImage image = new BufferedImage(480, 360, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        graphics.setColor(Color.getHSBColor((seed * 0.137f) % 1f, 0.35f, 0.85f));
        graphics.fillRect(0, 0, 480, 360);
        graphics.setColor(Color.WHITE);
        graphics.fillRect(60, 50, 360, 260);
        graphics.setColor(Color.DARK_GRAY);
        graphics.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
        int y = 90;
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() + word.length() > 34) {
                graphics.drawString(line.toString(), 80, y);
                y += 24;
                line.setLength(0);
            }
            line.append(word).append(' ');
        }
        graphics.drawString(line.toString(), 80, y);
        graphics.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", bytes);
        return bytes.toByteArray();
    }

    /** The director's order: one page, in Russian where the DejaVu font is installed. */
    private static byte[] order() throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            Path font = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
            if (Files.isRegularFile(font)) {
                try (PDPageContentStream text = new PDPageContentStream(document, page)) {
                    text.beginText();
                    text.setFont(PDType0Font.load(document, font.toFile()), 14);
                    text.newLineAtOffset(72, 700);
                    text.showText("Приказ № 15 (демонстрационный)");
                    text.newLineAtOffset(0, -24);
                    text.showText("Провести анкетирование 25 обучающихся в компьютерном классе.");
                    text.endText();
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            document.save(bytes);
            return bytes.toByteArray();
        }
    }
}

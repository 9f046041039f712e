package ru.noko.portal.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.Test;

/** The director's order: a real PDF that opens without a password, of at most 20 pages and 5 MB. */
class OrderCheckTest {

    @Test
    void aTwoPageOrderIsTakenAsSent() throws Exception {
        byte[] order = pdf(2, null);

        OrderCheck.Order taken = OrderCheck.accept(order);

        assertThat(taken.pages()).isEqualTo(2);
        assertThat(taken.content()).isEqualTo(order);
    }

    @Test
    void anOrderOfTwentyOnePagesIsRefused() throws Exception {
        assertThatThrownBy(() -> OrderCheck.accept(pdf(21, null)))
                .isInstanceOf(RefusedUpload.class)
                .hasMessageContaining("21 страниц")
                .hasMessageContaining("не более 20");
    }

    @Test
    void anEncryptedOrderIsRefused() throws Exception {
        assertThatThrownBy(() -> OrderCheck.accept(pdf(1, "secret")))
                .isInstanceOf(RefusedUpload.class)
                .hasMessageContaining("зашифрован");
    }

    @Test
    void aJpegNamedPdfIsRefused() throws Exception {
        byte[] photo = PhotoCheckTest.jpeg(20, 20);

        assertThatThrownBy(() -> OrderCheck.accept(photo))
                .isInstanceOf(RefusedUpload.class)
                .hasMessageContaining("не является документом PDF");
    }

    @Test
    void aTruncatedPdfIsRefused() throws Exception {
        byte[] whole = pdf(3, null);
        byte[] truncated = Arrays.copyOf(whole, 40);

        assertThatThrownBy(() -> OrderCheck.accept(truncated))
                .isInstanceOf(RefusedUpload.class)
                .hasMessageContaining("повреждён");
    }

    @Test
    void anOrderOverFiveMegabytesIsRefusedBeforeItIsRead() {
        byte[] large = new byte[OrderCheck.MAX_BYTES + 1];
        System.arraycopy("%PDF-1.7".getBytes(StandardCharsets.US_ASCII), 0, large, 0, 8);

        assertThatThrownBy(() -> OrderCheck.accept(large))
                .isInstanceOf(RefusedUpload.class)
                .hasMessageContaining("больше 5 МБ");
    }

    private static byte[] pdf(int pages, String userPassword) throws Exception {
        try (PDDocument document = new PDDocument()) {
            for (int i = 0; i < pages; i++) {
                document.addPage(new PDPage());
            }
            if (userPassword != null) {
                StandardProtectionPolicy policy =
                        new StandardProtectionPolicy("owner-" + userPassword, userPassword, new AccessPermission());
                policy.setEncryptionKeyLength(128);
                document.protect(policy);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            document.save(bytes);
            return bytes.toByteArray();
        }
    }
}

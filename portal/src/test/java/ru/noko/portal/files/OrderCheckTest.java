package ru.noko.portal.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import ru.noko.portal.TestFiles;

/** The director's order: a real PDF that opens without a password, of at most 20 pages and 5 MB. */
class OrderCheckTest {

    @Test
    void aTwoPageOrderIsTakenAsSent() throws Exception {
        byte[] order = TestFiles.pdf(2, null);

        OrderCheck.Order taken = OrderCheck.accept(order);

        assertThat(taken.pages()).isEqualTo(2);
        assertThat(taken.content()).isEqualTo(order);
    }

    @Test
    void anOrderOfTwentyOnePagesIsRefused() throws Exception {
        assertThatThrownBy(() -> OrderCheck.accept(TestFiles.pdf(21, null)))
                .isInstanceOf(RefusedUpload.class)
                .hasMessageContaining("21 страниц")
                .hasMessageContaining("не более 20");
    }

    @Test
    void anEncryptedOrderIsRefused() throws Exception {
        assertThatThrownBy(() -> OrderCheck.accept(TestFiles.pdf(1, "secret")))
                .isInstanceOf(RefusedUpload.class)
                .hasMessageContaining("зашифрован");
    }

    @Test
    void aJpegNamedPdfIsRefused() throws Exception {
        byte[] photo = TestFiles.jpeg(20, 20);

        assertThatThrownBy(() -> OrderCheck.accept(photo))
                .isInstanceOf(RefusedUpload.class)
                .hasMessageContaining("не является документом PDF");
    }

    @Test
    void aTruncatedPdfIsRefused() throws Exception {
        byte[] whole = TestFiles.pdf(3, null);
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
}

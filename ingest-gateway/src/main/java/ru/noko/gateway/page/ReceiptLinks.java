package ru.noko.gateway.page;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.stereotype.Component;
import ru.noko.schemas.privacy.Pseudonymizer;

/**
 * The thank-you page's address carries the receipt and a signature of it for the browser that sent the response, so
 * the page says «Ваш ответ принят» only there: anyone else who opens the address (a shared link, a made-up receipt)
 * gets a neutral page.
 */
@Component
class ReceiptLinks {

    static final String PARAMETER = "v";
    private static final int SIGNATURE_HEX = 32;

    private final Pseudonymizer keys;

    ReceiptLinks(Pseudonymizer keys) {
        this.keys = keys;
    }

    /** Where the form's post sends the browser that sent the response. */
    String location(Survey survey, String receipt, String device) {
        return survey.address() + "/thanks/" + receipt + "?" + PARAMETER + "=" + signature(receipt, device);
    }

    /** Whether {@code signature} shows that the browser with this device sent the response with this receipt. */
    boolean sentBy(String receipt, String device, String signature) {
        if (device == null || signature == null || signature.length() != SIGNATURE_HEX) {
            return false;
        }
        return MessageDigest.isEqual(
                signature.getBytes(StandardCharsets.US_ASCII),
                signature(receipt, device).getBytes(StandardCharsets.US_ASCII));
    }

    private String signature(String receipt, String device) {
        return keys.signature("receipt", receipt + "|" + device).substring(0, SIGNATURE_HEX);
    }
}

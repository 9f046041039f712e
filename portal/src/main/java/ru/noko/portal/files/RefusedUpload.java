package ru.noko.portal.files;

/** An uploaded file the portal does not take, with the reason in Russian for the person who sent it. */
public class RefusedUpload extends RuntimeException {

    public RefusedUpload(String reason) {
        super(reason, null, false, false);
    }
}

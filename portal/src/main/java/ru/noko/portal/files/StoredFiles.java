package ru.noko.portal.files;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/** The keys files are stored under: a kind, then 128 random bits, so a key cannot be guessed or chosen. */
public final class StoredFiles {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern KEY = Pattern.compile("[a-z]{2,20}/[A-Za-z0-9_-]{22}(\\.[a-z]{2,5})?");

    private StoredFiles() {}

    /**
     * @param kind what it is ({@code photos}, {@code thumbnails}, {@code orders})
     * @param extension the stored file's ({@code jpg}, {@code png}, {@code pdf})
     */
    public static String newKey(String kind, String extension) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String key = kind + "/" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "." + extension;
        return requireValid(key);
    }

    /** The key, if it is one this class makes: nothing else reaches a store (no {@code ..}, no absolute path). */
    public static String requireValid(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a stored file's key: " + key);
        }
        return key;
    }
}

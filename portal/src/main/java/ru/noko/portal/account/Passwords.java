package ru.noko.portal.account;

import java.security.SecureRandom;

/**
 * First passwords and one-time link tokens: random, from a cryptographic generator. A first password is twelve
 * characters of an alphabet without look-alikes (no 0/O, 1/l/I), so an organization can type it from a printed list.
 */
public final class Passwords {

    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The shortest password a person may choose. */
    public static final int MIN_LENGTH = 10;

    private Passwords() {}

    public static String first() {
        StringBuilder password = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    /** A token for a one-time link: 32 random bytes, URL-safe. */
    public static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Why a password a person chose is refused, or null when it is good. */
    public static String problem(String password, String login) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "Пароль должен быть не короче " + MIN_LENGTH + " символов";
        }
        if (password.length() > 128) {
            return "Пароль должен быть не длиннее 128 символов";
        }
        if (password.equalsIgnoreCase(login)) {
            return "Пароль не должен совпадать с логином";
        }
        if (password.chars().distinct().count() < 5) {
            return "Пароль слишком простой: в нём должно быть хотя бы 5 разных символов";
        }
        return null;
    }
}

package ru.noko.devstack.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.subethamail.smtp.helper.SimpleMessageListener;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The local run's mail server: an SMTP server on the loopback address that takes every letter and writes it to a
 * folder instead of delivering it, as {@code NNNN.eml} (the letter as sent) and {@code NNNN.txt} (recipient, subject
 * and text, decoded, to read with any editor). So the gateway sends its e-mail confirmation codes over real SMTP, and
 * a person running the system locally, or a test, reads them from the folder.
 */
public final class LocalOutbox implements AutoCloseable {

    /** A letter as the outbox took it. */
    public record Letter(String to, String subject, String text) {}

    private final Path folder;
    private final SMTPServer server;
    private final AtomicInteger count = new AtomicInteger();
    private final List<Letter> letters = new ArrayList<>();

    private LocalOutbox(Path folder, int port) {
        this.folder = folder;
        this.server = new SMTPServer.Builder()
                .bindAddress(InetAddress.getLoopbackAddress())
                .port(port)
                .hostName("localhost")
                .simpleMessageListener(new SimpleMessageListener() {
                    @Override
                    public boolean accept(String from, String recipient) {
                        return true;
                    }

                    @Override
                    public void deliver(String from, String recipient, InputStream data) throws IOException {
                        keep(recipient, data.readAllBytes());
                    }
                })
                .build();
    }

    /** Starts the server on {@code port} (0 for a free one), writing into {@code folder}, which it creates. */
    public static LocalOutbox start(Path folder, int port) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the outbox folder " + folder, e);
        }
        LocalOutbox outbox = new LocalOutbox(folder, port);
        // Numbers go on from the letters of an earlier run, which are kept.
        try (var files = Files.list(folder)) {
            outbox.count.set(files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("\\d+\\.eml"))
                    .mapToInt(name -> Integer.parseInt(name.substring(0, name.length() - 4)))
                    .max()
                    .orElse(0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the outbox folder " + folder, e);
        }
        outbox.server.start();
        return outbox;
    }

    public int port() {
        return server.getPortAllocated();
    }

    public Path folder() {
        return folder;
    }

    /** The newest letter to {@code address} taken within {@code timeout}, waiting for one if there is none yet. */
    public Optional<Letter> awaitLetterTo(String address, int after, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            synchronized (letters) {
                for (int i = letters.size() - 1; i >= after; i--) {
                    if (letters.get(i).to().equalsIgnoreCase(address)) {
                        return Optional.of(letters.get(i));
                    }
                }
            }
            if (Instant.now().isAfter(deadline)) {
                return Optional.empty();
            }
            Thread.sleep(20);
        }
    }

    /** How many letters the outbox took so far; pass it to {@link #awaitLetterTo} to wait for a newer one. */
    public int count() {
        synchronized (letters) {
            return letters.size();
        }
    }

    private void keep(String recipient, byte[] raw) throws IOException {
        String name = String.format("%04d", count.incrementAndGet());
        Files.write(folder.resolve(name + ".eml"), raw);
        Letter letter = read(recipient, raw);
        Files.writeString(
                folder.resolve(name + ".txt"),
                "Кому: " + letter.to() + "\nТема: " + letter.subject() + "\n\n" + letter.text(),
                StandardCharsets.UTF_8);
        synchronized (letters) {
            letters.add(letter);
        }
    }

    private static Letter read(String recipient, byte[] raw) throws IOException {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            Object content = message.getContent();
            return new Letter(
                    recipient, message.getSubject(), content instanceof String text ? text : String.valueOf(content));
        } catch (MessagingException e) {
            throw new IOException("the outbox cannot read a letter", e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}

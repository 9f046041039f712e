package ru.noko.gateway.email;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The letter with the code, sent over SMTP by Spring's mail support ({@code spring.mail.*}). Sending blocks, so it
 * runs off the event loop. The address is never logged.
 */
@Component
class CodeLetters {

    private static final Logger log = LoggerFactory.getLogger(CodeLetters.class);

    private final JavaMailSender mail;
    private final String from;

    CodeLetters(JavaMailSender mail, EmailSettings settings) {
        this.mail = mail;
        this.from = settings.from();
    }

    /** Completes with whether the SMTP server took the letter. */
    Mono<Boolean> send(String to, String code, Duration validity, String campaignTitle, String organizationName) {
        SimpleMailMessage letter = new SimpleMailMessage();
        letter.setFrom(from);
        letter.setTo(to);
        letter.setSubject("Код подтверждения для анкеты: " + code);
        letter.setText("""
                Здравствуйте!

                Ваш код подтверждения: %s

                Введите его на странице анкеты в течение %d мин. Анкета «%s», организация «%s».

                Опрос анонимный: адрес нужен только для того, чтобы от одного человека учитывался один ответ, \
                и не хранится вместе с ответами. Если Вы не запрашивали код, просто удалите это письмо.
                """.formatted(code, Math.max(1, validity.toMinutes()), campaignTitle, organizationName));
        return Mono.fromCallable(() -> {
                    mail.send(letter);
                    return true;
                })
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorResume(MailException.class, e -> {
                    // Only the kind of failure: the mail server's message may name the address.
                    log.warn(
                            "A confirmation code letter was not sent: {}",
                            e.getMostSpecificCause().getClass().getSimpleName());
                    return Mono.just(false);
                });
    }
}

package ru.noko.gateway.system;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An e-mail address at a public domain: one under a public suffix ({@code mail.ru}, {@code школа.рф},
 * {@code example.co.uk}), not an IP literal ({@code user@[127.0.0.1]}), a single label ({@code user@localhost}) or a
 * reserved name ({@code .local}, {@code .test}, …). A code letter is sent only to such an address, and an address
 * nobody can receive mail at cannot count as a respondent. Whether the rest is an address at all is {@code @Email}'s
 * to say: a value without exactly one {@code @} passes here.
 */
@Documented
@Constraint(validatedBy = PublicEmailValidator.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface PublicEmail {

    String message() default "Адрес электронной почты должен быть в публичном домене, например name@mail.ru";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}

package ru.noko.portal.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import ru.noko.portal.account.Accounts;
import ru.noko.portal.account.Role;
import ru.noko.portal.audit.AuditLog;
import ru.noko.portal.system.PortalSettings;

/**
 * The first regional operator, made at the first start from {@code NOKO_PORTAL_OPERATOR_LOGIN} and
 * {@code NOKO_PORTAL_OPERATOR_PASSWORD} (the deployment's secret): everything else, the operator makes in the
 * portal. Once an operator exists the variables are not read again.
 */
@Component
class OperatorBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(OperatorBootstrap.class);

    private final Accounts accounts;
    private final PasswordEncoder encoder;
    private final PortalSettings settings;
    private final AuditLog audit;

    OperatorBootstrap(Accounts accounts, PasswordEncoder encoder, PortalSettings settings, AuditLog audit) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.settings = settings;
        this.audit = audit;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        if (accounts.anyOperator()) {
            return;
        }
        if (settings.operatorPassword().length() < 10) {
            throw new IllegalStateException(
                    "NOKO_PORTAL_OPERATOR_PASSWORD must be set (at least 10 characters) for the first operator account");
        }
        accounts.add(
                settings.operatorLogin(),
                encoder.encode(settings.operatorPassword()),
                Role.REGION,
                null,
                null,
                "Оператор региона",
                false);
        audit.record("system", "SYSTEM", AuditLog.Action.ACCOUNT_CREATED, settings.operatorLogin(), null, "REGION");
        log.info("The first regional operator account, {}, was made", settings.operatorLogin());
    }
}

package ru.noko.portal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The personal accounts: the regional operator loads the registry, opens campaigns and manages accounts; each
 * organization sees its own survey links, posters, coverage and rejections; municipal analysts and the ministry read.
 * PostgreSQL holds the accounts, the registry as imported and the audit log; what the survey and the figures need
 * is published to Kafka.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PortalApplication {

    public static void main(String[] args) {
        SpringApplication.run(PortalApplication.class, args);
    }
}

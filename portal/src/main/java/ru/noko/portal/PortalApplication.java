package ru.noko.portal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The personal accounts: the regional operator loads the registry, opens campaigns and manages accounts; each
 * organization sees its own survey links, posters, coverage and rejections; municipal analysts and the ministry read.
 * PostgreSQL holds the accounts, the registry as imported and the audit log; what the survey and the figures need
 * is published to Kafka. Scheduled: the nightly rendering of the public pages with approved plans.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class PortalApplication {

    public static void main(String[] args) {
        SpringApplication.run(PortalApplication.class, args);
    }
}

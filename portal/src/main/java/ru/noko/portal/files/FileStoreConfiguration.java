package ru.noko.portal.files;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import ru.noko.portal.system.PortalSettings;

/**
 * The portal's file store: the server's S3 bucket when {@code NOKO_S3_ENDPOINT} names one, the folder of its settings
 * otherwise (the local run's {@code .noko/portal/files}).
 */
@Configuration(proxyBeanMethods = false)
class FileStoreConfiguration {

    @Bean
    FileStore fileStore(S3Settings s3, PortalSettings settings) {
        if (s3.service().isPresent()) {
            return new S3FileStore(s3);
        }
        return new FolderFileStore(settings.filesFolder());
    }
}

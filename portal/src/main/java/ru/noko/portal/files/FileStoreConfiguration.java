package ru.noko.portal.files;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import ru.noko.portal.system.PortalSettings;

/** The portal's file store: the folder of its settings (the local run's {@code .noko/portal/files}). */
@Configuration(proxyBeanMethods = false)
class FileStoreConfiguration {

    @Bean
    FileStore fileStore(PortalSettings settings) {
        return new FolderFileStore(settings.filesFolder());
    }
}

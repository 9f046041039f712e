package ru.noko.dashboards.grafana;

/**
 * A data source Grafana creates at start from {@code provisioning/datasources/*.yaml}.
 *
 * @param file the provisioning file, relative to the provisioning directory
 * @param type the plugin id, e.g. {@code grafana-clickhouse-datasource}
 */
public record ProvisionedDataSource(String file, String name, String type, String uid, boolean isDefault) {}

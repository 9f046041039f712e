package ru.noko.dashboards.grafana;

/**
 * A dashboard provider from {@code provisioning/dashboards/*.yaml}: where Grafana loads dashboard files from.
 *
 * @param file the provisioning file, relative to the provisioning directory
 * @param type {@code file} unless the file says otherwise
 * @param path {@code options.path}, the directory inside Grafana's container
 */
public record DashboardProvider(String file, String name, String type, String path) {}

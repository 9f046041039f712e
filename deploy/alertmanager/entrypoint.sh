#!/bin/sh
# Alertmanager's entrypoint in docker-compose.yml: renders alertmanager.yml.tmpl from the container's environment, then
# starts Alertmanager on the result (prom/alertmanager is busybox-based: sh and sed are all it needs).
#
#   ALERT_EMAIL_TO        the administrator's address(es), comma-separated; empty: alerts are not mailed
#   ALERT_EMAIL_FROM      the sender
#   ALERT_SMTP_HOST       the region's mail server; empty: alerts are not mailed
#   ALERT_SMTP_PORT       its port (587)
#   ALERT_SMTP_USERNAME   its account; empty: no authentication
#   ALERT_SMTP_PASSWORD   its password, written to a file of its own (smtp_auth_password_file), never into the config
#   ALERT_SMTP_STARTTLS   true (require STARTTLS) or false
#
# "entrypoint.sh --render-only" renders and stops: AlertRulesTest checks the result with amtool. ALERTMANAGER_TEMPLATE,
# ALERTMANAGER_CONFIG and ALERTMANAGER_SMTP_PASSWORD_FILE move the files (the test renders into a folder of its own).
set -eu

template=${ALERTMANAGER_TEMPLATE:-/etc/alertmanager/alertmanager.yml.tmpl}
config=${ALERTMANAGER_CONFIG:-/tmp/alertmanager/alertmanager.yml}
password_file=${ALERTMANAGER_SMTP_PASSWORD_FILE:-/tmp/alertmanager/smtp-password}

# One value for the template: inside a YAML single-quoted string (a quote doubled) and a sed replacement (\, & and
# the | delimiter escaped). A line break would end the YAML string, so it is refused.
value() {
    case $2 in
    *'
'*)
        echo "alertmanager: $1 must be a single line" >&2
        exit 1
        ;;
    esac
    printf '%s' "$2" | sed -e "s/'/''/g" -e 's/[\\&|]/\\&/g'
}

render() {
    to=$(value ALERT_EMAIL_TO "${ALERT_EMAIL_TO:-}")
    from=$(value ALERT_EMAIL_FROM "${ALERT_EMAIL_FROM:-noko@localhost}")
    host=$(value ALERT_SMTP_HOST "${ALERT_SMTP_HOST:-}")
    port=$(value ALERT_SMTP_PORT "${ALERT_SMTP_PORT:-587}")
    username=$(value ALERT_SMTP_USERNAME "${ALERT_SMTP_USERNAME:-}")
    secret=$(value ALERTMANAGER_SMTP_PASSWORD_FILE "$password_file")
    case ${ALERT_SMTP_STARTTLS:-true} in
    true | false) tls=${ALERT_SMTP_STARTTLS:-true} ;;
    *)
        echo "alertmanager: ALERT_SMTP_STARTTLS must be true or false" >&2
        exit 1
        ;;
    esac
    if [ -n "${ALERT_EMAIL_TO:-}" ] && [ -n "${ALERT_SMTP_HOST:-}" ]; then
        email='s/ # email$//'
    else
        echo "alertmanager: ALERT_EMAIL_TO or the mail server (NOKO_SMTP_HOST) is not set: alerts are not mailed," \
            "see them in Prometheus (/alerts)" >&2
        email='/ # email$/d'
    fi
    umask 077
    mkdir -p "$(dirname "$config")" "$(dirname "$password_file")"
    printf '%s' "${ALERT_SMTP_PASSWORD:-}" >"$password_file"
    sed -e "$email" \
        -e "s|@EMAIL_TO@|$to|g" \
        -e "s|@EMAIL_FROM@|$from|g" \
        -e "s|@SMTP_HOST@|$host|g" \
        -e "s|@SMTP_PORT@|$port|g" \
        -e "s|@SMTP_USERNAME@|$username|g" \
        -e "s|@SMTP_PASSWORD_FILE@|$secret|g" \
        -e "s|@SMTP_REQUIRE_TLS@|$tls|g" \
        "$template" >"$config"
}

render
if [ "${1:-}" = "--render-only" ]; then
    exit 0
fi
exec /bin/alertmanager --config.file="$config" --storage.path=/alertmanager "$@"

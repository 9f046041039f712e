#!/bin/sh
# Makes noko's buckets and the exporter's and the portal's accounts in the S3 server, the Versity S3 Gateway
# (docker-compose.yml, services s3 and s3-init; docs/server.md, "Run on a server", says why this server). Safe to run
# again: an account that exists gets the same secret and role again, a bucket is made only if missing.
#
# Each account has the role "user" and owns one bucket, and reaches no other:
#   - the exporter owns S3_BUCKET, where it writes the ministry's exports under EXPORTS_PREFIX and nothing else lives.
#     Overwriting is refused by the exporter itself (If-None-Match: * on every object, which the gateway honours).
#   - the portal owns PORTAL_BUCKET: photos of self-assessments and directors' orders. The bucket has no anonymous
#     access: files leave only through the portal.
# The root account (S3_ROOT_USER) is the administrator's; no service holds it.
set -eu

admin() {
  versitygw admin --access "$S3_ROOT_USER" --secret "$S3_ROOT_PASSWORD" --endpoint-url "$S3_ENDPOINT" "$@"
}

# An account, made or brought back to this secret and role.
account() {
  if ! admin create-user --access "$1" --secret "$2" --role user >/dev/null 2>&1; then
    admin update-user --access "$1" --secret "$2" --role user
  fi
  echo "s3-init: account $1 ready"
}

# A bucket owned by an account; an existing one is handed to it if another account owned it.
bucket() {
  if admin list-buckets | awk '{print $1}' | grep -qx "$1"; then
    admin change-bucket-owner --bucket "$1" --owner "$2"
  else
    admin create-bucket --bucket "$1" --owner "$2"
  fi
  echo "s3-init: bucket $1 owned by $2"
}

account "$EXPORTER_ACCESS_KEY" "$EXPORTER_SECRET_KEY"
bucket "$S3_BUCKET" "$EXPORTER_ACCESS_KEY"
account "$PORTAL_ACCESS_KEY" "$PORTAL_SECRET_KEY"
bucket "$PORTAL_BUCKET" "$PORTAL_ACCESS_KEY"

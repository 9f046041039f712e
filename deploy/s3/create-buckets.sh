#!/bin/sh
# Makes noko's buckets and the exporter's and the portal's accounts in MinIO (docker-compose.yml, service minio-init);
# safe to run again: a bucket is made only if missing, the policies and the accounts are replaced by the same ones.
#
# The exporter's account may list the keys under EXPORTS_PREFIX and read and create objects there, and nothing else:
# it cannot delete, and the rest of the bucket (uploads) is out of its reach. Overwriting is refused by the exporter
# itself (If-None-Match: * on every object), which a policy cannot express.
set -eu
mc alias set noko http://minio:9000 "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD"
mc mb --ignore-existing "noko/$MINIO_BUCKET"
printf '{"Version":"2012-10-17","Statement":[%s,%s]}\n' \
  "{\"Effect\":\"Allow\",\"Action\":[\"s3:ListBucket\"],\"Resource\":[\"arn:aws:s3:::$MINIO_BUCKET\"],\"Condition\":{\"StringLike\":{\"s3:prefix\":[\"$EXPORTS_PREFIX*\"]}}}" \
  "{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":[\"arn:aws:s3:::$MINIO_BUCKET/$EXPORTS_PREFIX*\"]}" \
  > /tmp/noko-exporter-policy.json
mc admin policy create noko noko-exporter /tmp/noko-exporter-policy.json
mc admin user add noko "$EXPORTER_ACCESS_KEY" "$EXPORTER_SECRET_KEY"
# Attaching a policy already attached is an error to mc: detach first (an error too if it was not attached).
mc admin policy detach noko noko-exporter --user "$EXPORTER_ACCESS_KEY" >/dev/null 2>&1 || true
mc admin policy attach noko noko-exporter --user "$EXPORTER_ACCESS_KEY"

# The portal's own bucket (photos of self-assessments, directors' orders) and account, which may read, create and
# delete objects there and nothing else. The bucket has no anonymous access: files leave only through the portal.
mc mb --ignore-existing "noko/$PORTAL_BUCKET"
printf '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject","s3:DeleteObject"],"Resource":["arn:aws:s3:::%s/*"]}]}\n' \
  "$PORTAL_BUCKET" > /tmp/noko-portal-policy.json
mc admin policy create noko noko-portal /tmp/noko-portal-policy.json
mc admin user add noko "$PORTAL_ACCESS_KEY" "$PORTAL_SECRET_KEY"
mc admin policy detach noko noko-portal --user "$PORTAL_ACCESS_KEY" >/dev/null 2>&1 || true
mc admin policy attach noko noko-portal --user "$PORTAL_ACCESS_KEY"

# Sourced by the benchmarks that drive wrk against nginx (gateway.sh, public-results.sh): installs the two from
# Debian's packages when this machine lacks them.
missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
[ -x /usr/sbin/nginx ] || missing+=(nginx-light)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then run_root() { "$@"; }; else run_root() { sudo "$@"; }; fi
  run_root apt-get update -qq
  run_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

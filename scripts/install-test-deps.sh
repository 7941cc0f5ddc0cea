#!/usr/bin/env bash
# Debian packages the tests need: BIND 9 (named) serves the test zone, dnsdist puts
# plain-HTTP DoH in front of it, Chromium runs the browser tests. Idempotent.
set -euo pipefail
need=()
command -v named >/dev/null 2>&1 || need+=(bind9 bind9-utils)
command -v dnsdist >/dev/null 2>&1 || need+=(dnsdist)
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${need[@]}"
fi
# named and dnsdist are started by the tests themselves on free ports; the packages'
# own system services are not needed.

#!/usr/bin/env bash
# Installs the Debian packages the repository needs beyond npm, only those that are missing, so
# running it again is cheap and changes nothing. Needs root (or sudo) only when something is
# missing.
#   chromium           headless browser for `npm run screenshot` and browser tests
#   fonts-dejavu-core  fonts-liberation: without fonts the Playground renders unreadable text
#   openssl            the telemetry test makes a short-lived certificate for its local ingestion endpoint
#   faketime           CI runs the tests and a bench again with the wall clock on New Year's Eve and on
#                      the night the clocks change (scripts/at-moment.sh)
#   libreoffice-writer-nogui  poppler-utils: Word → PDF → text and pictures, for `npm run roundtrip:pdf`
#                      (in CI) and `npm run render:chapter`
#   libreoffice-calc-nogui  the answers as a sheet (.xlsx) → PDF → picture, for `npm run screenshot`
set -euo pipefail

PACKAGES=(chromium fonts-dejavu-core fonts-liberation openssl faketime libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils)

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query --show --showformat='${db:Status-Status}' "$package" 2>/dev/null | grep -qx installed; then
    missing+=("$package")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "system packages present: ${PACKAGES[*]}"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null; then
  as_root=(sudo)
else
  echo "missing: ${missing[*]}; run as root: apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "installing: ${missing[*]}"
"${as_root[@]}" apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"

#!/usr/bin/env bash
# Runs a command with the wall clock moved to a given moment, which then runs on at the real
# pace; the monotonic clock stays real, so timeouts and rate limits are unaffected. Uses Debian's
# libfaketime, which every child process inherits (LD_PRELOAD).
#   scripts/at-moment.sh "2026-12-31 23:59:00 CET" npm test
set -euo pipefail
moment="$1"
shift
offset=$(($(date -d "$moment" +%s) - $(date +%s)))
echo "== at $moment (wall clock ${offset}s from now): $*"
FAKETIME_DONT_FAKE_MONOTONIC=1 exec faketime -f "+${offset}s" "$@"

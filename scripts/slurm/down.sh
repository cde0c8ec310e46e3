#!/usr/bin/env bash
# Stops the daemons scripts/slurm/up.sh started (listed in $state/started, by their PID files), newest first,
# and nothing else. Idempotent.
set -uo pipefail
state=${AUTOLR_SLURM_STATE:-/tmp/autolr-slurm}
[ -f "$state/started" ] || exit 0
for daemon in slurmd slurmctld munged; do
  grep -qx "$daemon" "$state/started" || continue
  pidfile="$state/$daemon.pid"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    pid=$(cat "$pidfile")
    kill "$pid"
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  sed -i "/^$daemon\$/d" "$state/started"
done

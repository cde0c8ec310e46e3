#!/usr/bin/env bash
# Brings up a single-node Slurm cluster on this machine (Debian 12, slurm-wlm 22.05, no systemd, no cgroup
# delegation) for the Slurm tests, and prints `export SLURM_CONF=...` on its last line. Idempotent: daemons it
# started and that still run are kept; daemons it did not start are never touched, and scripts/slurm/down.sh stops
# only the ones listed in $state/started. Must run as root (slurmd runs jobs as their users).
set -euo pipefail
state=${AUTOLR_SLURM_STATE:-/tmp/autolr-slurm}
mkdir -p "$state"/{spool,ctld,log} /run/munge /run/slurm
touch "$state/started"

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
mark() { grep -qx "$1" "$state/started" || echo "$1" >> "$state/started"; }

node=$(slurmd -C | head -1)
cpus=$(sed -E 's/.*CPUs=([0-9]+).*/\1/' <<<"$node")
mem=$(sed -E 's/.*RealMemory=([0-9]+).*/\1/' <<<"$node")
# The host name is not `localhost`, so the node is named explicitly and slurmd started with -N localhost.
# cred_expire=10 and 2 s scheduler intervals let a requeued task start again in seconds rather than minutes;
# partition_prio preemption with REQUEUE makes preemption testable with a job in the `urgent` partition.
cat > "$state/slurm.conf" <<CONF
ClusterName=autolr
SlurmctldHost=localhost
SlurmUser=root
AuthType=auth/munge
AuthInfo=cred_expire=10
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/spool
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/log/slurmctld.log
SlurmdLogFile=$state/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SwitchType=switch/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=2,bf_interval=2
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobCompType=jobcomp/filetxt
JobCompLoc=$state/log/jobcomp.txt
AccountingStorageType=accounting_storage/none
PreemptType=preempt/partition_prio
PreemptMode=REQUEUE
MinJobAge=300
KillWait=5
InactiveLimit=0
MessageTimeout=10
NodeName=localhost CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=batch Nodes=localhost Default=YES MaxTime=INFINITE State=UP PriorityTier=1 GraceTime=10 OverSubscribe=NO
PartitionName=urgent Nodes=localhost Default=NO MaxTime=INFINITE State=UP PriorityTier=10 PreemptMode=OFF
CONF
export SLURM_CONF=$state/slurm.conf

if ! pgrep -x munged >/dev/null; then
  chown munge:munge /run/munge
  chmod 755 /run/munge
  su -s /bin/sh munge -c /usr/sbin/munged
  # munged forks and writes /run/munge/munged.pid as the munge user; keep a copy beside the other PID files.
  for _ in $(seq 50); do [ -s /run/munge/munged.pid ] && break; sleep 0.1; done
  cp /run/munge/munged.pid "$state/munged.pid"
  mark munged
fi
if ! alive "$state/slurmctld.pid"; then
  slurmctld -f "$state/slurm.conf"
  mark slurmctld
fi
if ! alive "$state/slurmd.pid"; then
  slurmd -f "$state/slurm.conf" -N localhost
  mark slurmd
fi

for _ in $(seq 60); do
  sinfo -h -o %T 2>/dev/null | grep -q idle && break
  sleep 0.5
done
sinfo -h -o %T | grep -q idle || { echo "slurm: the node did not become idle; see $state/log/" >&2; exit 1; }
echo "export SLURM_CONF=$state/slurm.conf"

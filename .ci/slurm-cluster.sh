#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, for the cluster test.
#   .ci/slurm-cluster.sh start   install nothing; generate a munge key, write slurm.conf for this host,
#                                start munged, slurmctld and slurmd, wait until the node is idle
#   .ci/slurm-cluster.sh stop    stop exactly the processes 'start' started (by their recorded ids)
# Needs root and Debian's slurmctld, slurmd, slurm-client and munge (.ci/run installs them).
# It writes /etc/munge/munge.key and /etc/slurm/slurm.conf: meant for CI machines, not for a host
# that already belongs to a Slurm cluster.
set -euo pipefail
state="${SLURM_CI_STATE:-/var/tmp/consensussim-slurm}"
conf=/etc/slurm/slurm.conf

start() {
  mkdir -p "$state"/{ctld,slurmd,log} /run/munge /etc/slurm
  chown munge:munge /run/munge
  # A fresh key per cluster: nothing else on the machine should be able to talk to it.
  dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
  chown munge:munge /etc/munge/munge.key
  chmod 0400 /etc/munge/munge.key
  runuser -u munge -- /usr/sbin/munged --pid-file=/run/munge/munged.pid
  cp /run/munge/munged.pid "$state/munged.pid"

  host="$(hostname -s)"
  cpus="$(nproc)"
  mem="$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 512 ))"
  cat > "$conf" <<CONF
# One-node cluster for ConsensusSim's CI (written by .ci/slurm-cluster.sh).
ClusterName=consensussim-ci
SlurmctldHost=$host
AuthType=auth/munge
CryptoType=crypto/munge
SlurmUser=root
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
MpiDefault=none
SchedulerType=sched/backfill
ReturnToService=2
DefMemPerCPU=1024
JobRequeue=1
KillWait=30
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmdSpoolDir=$state/slurmd
StateSaveLocation=$state/ctld
SlurmctldLogFile=$state/log/slurmctld.log
SlurmdLogFile=$state/log/slurmd.log
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=ci Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
  slurmctld -c
  slurmd
  for _ in $(seq 1 60); do
    if sinfo -h -N -o '%T' 2>/dev/null | grep -qx idle; then
      echo "slurm: node $host idle ($cpus CPUs, ${mem} MB); state in $state"
      return 0
    fi
    sleep 1
  done
  echo "slurm: the node did not become idle; logs follow" >&2
  tail -n 30 "$state"/log/*.log >&2 || true
  return 1
}

stop() {
  for pidfile in "$state/slurmd.pid" "$state/slurmctld.pid" "$state/munged.pid"; do
    if [ -f "$pidfile" ]; then
      pid="$(cat "$pidfile")"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      rm -f "$pidfile"
    fi
  done
  echo "slurm: stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac

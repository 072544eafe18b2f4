#!/usr/bin/env bash
# A sharded batch on a real single-node Slurm cluster, started here and stopped again:
# installs Debian's slurm-wlm and munge when missing, starts munged, slurmctld and slurmd with
# a generated slurm.conf for this host (state and spool folders under a temporary folder; runs
# as root), submits the bundled batch (scenarios/portfolio) with deploy/slurm/submit.sh as a
# 4-task job array plus the dependent merge job, waits for them (bounded), and compares the
# merged output byte for byte with the single-process run. The daemons it started are always
# stopped, whatever happens.
#
#   Tests/slurm/run.sh            (as root; `make test` runs it)
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$(pwd)"

if [ "$(id -u)" -ne 0 ]; then
  echo "error: the Slurm test starts the cluster's daemons as root; run it as root" >&2
  exit 1
fi
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
  echo "installing slurm-wlm and munge for the Slurm test" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq slurm-wlm munge >/dev/null
fi

# DAMAGES_BIN: an executable already built (else the release build)
if [ -n "${DAMAGES_BIN:-}" ]; then
  bin="$DAMAGES_BIN"
else
  swift build -c release --product damages >/dev/null
  bin="$root/.build/release/damages"
fi

tmp="$(mktemp -d)"
pids=()
cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [ $status -ne 0 ]; then
    for log in "$tmp"/*.log "$tmp"/parts/*.log; do
      [ -f "$log" ] && { echo "--- $log" >&2; tail -20 "$log" >&2; }
    done
  fi
  rm -rf "$tmp"
  exit $status
}
trap cleanup EXIT

host="$(hostname -s)"
cpus="$(nproc)"
mkdir -p "$tmp/state" "$tmp/spool" "$tmp/munge" "$tmp/parts"
chmod 700 "$tmp/munge"

# munge: a fresh key, its own socket
dd if=/dev/urandom of="$tmp/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$tmp/munge/munge.key"
munged --force --key-file="$tmp/munge/munge.key" --socket="$tmp/munge/munge.sock" \
  --pid-file="$tmp/munge/munged.pid" --log-file="$tmp/munged.log" --seed-file="$tmp/munge/seed"
for _ in $(seq 50); do [ -s "$tmp/munge/munged.pid" ] && break; sleep 0.1; done
pids+=("$(cat "$tmp/munge/munged.pid")")

cat >"$tmp/slurm.conf" <<CONF
ClusterName=damageskit-test
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=16817
SlurmdPort=16818
AuthType=auth/munge
AuthInfo=socket=$tmp/munge/munge.sock
CredType=cred/munge
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/slurmctld.log
SlurmdLogFile=$tmp/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$tmp/slurm.conf"

slurmctld -i
for _ in $(seq 50); do [ -s "$tmp/slurmctld.pid" ] && break; sleep 0.1; done
pids+=("$(cat "$tmp/slurmctld.pid")")
slurmd -N "$host"
for _ in $(seq 50); do [ -s "$tmp/slurmd.pid" ] && break; sleep 0.1; done
pids+=("$(cat "$tmp/slurmd.pid")")

# the node must be up before anything is submitted (30 s at most)
for i in $(seq 60); do
  state="$(sinfo -h -n "$host" -o %t 2>/dev/null || true)"
  case "$state" in idle*|mix*|alloc*) break ;; esac
  [ "$i" -eq 60 ] && { echo "error: the Slurm node did not come up (state: ${state:-none})" >&2; exit 1; }
  sleep 0.5
done

claims="$root/scenarios/portfolio/claims.csv"
template="$root/scenarios/portfolio/template.yaml"
# each task uses one CPU, so two tasks run at once on a 2-core machine
ids="$(DAMAGES="$bin" THREADS=1 deploy/slurm/submit.sh "$claims" "$template" 4 "$tmp/parts" \
  "$tmp/merged.json" --cpus-per-task=1 --chdir="$tmp")"
echo "submitted: array and merge jobs $ids" >&2
merge_id="${ids##* }"

# wait for every job to leave the queue (10 minutes at most); a merge job whose dependency can
# no longer be met (a task failed) stays pending for ever, so that ends the wait too
for i in $(seq 1200); do
  if [ -z "$(squeue -h -o %i 2>/dev/null)" ]; then break; fi
  if squeue -h -o %r 2>/dev/null | grep -q DependencyNeverSatisfied; then
    echo "error: a task of the Slurm array failed, so the merge job can never start" >&2
    scancel "$merge_id" 2>/dev/null || true
    exit 1
  fi
  [ "$i" -eq 1200 ] && { echo "error: the Slurm jobs did not finish in 10 minutes" >&2; squeue >&2; exit 1; }
  sleep 0.5
done

if [ ! -f "$tmp/merged.json" ]; then
  echo "error: the merge job $merge_id wrote no output" >&2
  exit 1
fi
"$bin" batch "$claims" --template "$template" --out "$tmp/single.json"
if ! cmp "$tmp/merged.json" "$tmp/single.json"; then
  echo "error: the merged output of the Slurm array differs from the single-process run" >&2
  exit 1
fi
echo "Slurm: 4-task array and dependent merge give the single-process output byte for byte."

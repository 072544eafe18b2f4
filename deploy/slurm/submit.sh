#!/bin/bash
# Submits a sharded `damages batch` to Slurm: a job array of SHARDS tasks, then the merge job,
# which starts only when every task has succeeded (--dependency=afterok). Prints both job ids.
#
#   deploy/slurm/submit.sh CLAIMS TEMPLATE SHARDS PARTS OUT [extra sbatch options…]
#
# PARTS and OUT must be on a file system every node shares. DAMAGES may name the executable.
set -euo pipefail
if [ $# -lt 5 ]; then
  echo "usage: $0 CLAIMS TEMPLATE SHARDS PARTS OUT [sbatch options…]" >&2
  exit 64
fi
here="$(cd "$(dirname "$0")" && pwd)"
export CLAIMS="$1" TEMPLATE="$2" SHARDS="$3" PARTS="$4" OUT="$5"
export DAMAGES="${DAMAGES:-$(command -v damages || echo damages)}"
shift 5
mkdir -p "$PARTS"
array=$(sbatch --parsable --array="0-$((SHARDS - 1))" --export=ALL \
  --output="$PARTS/batch-%A_%a.log" "$@" "$here/batch.sbatch")
array="${array%%;*}"
merge=$(sbatch --parsable --dependency="afterok:$array" --export=ALL \
  --output="$PARTS/merge-%j.log" "$@" "$here/merge.sbatch")
echo "$array ${merge%%;*}"

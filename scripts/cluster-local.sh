#!/usr/bin/env bash
# The three-node cluster of docker/docker-compose.yml as plain processes on 127.0.0.1, then the same input on a
# single node, and a comparison of the alerts (sorted: batch timing may interleave sources' partitions differently).
# The nodes talk mutual TLS with certificates of a throwaway CA made by scripts/cluster-certs.sh (openssl) in OUT/certs.
#
#   scripts/cluster-local.sh [falco-actors options...]        e.g. -c falco.yaml -o engine_actors.partitions=12
#
# Environment: FALCO_ACTORS_BIN (default: the Release build of src/Falco.Actors.Cli, built if missing),
# BASE_PORT (ports BASE_PORT..BASE_PORT+2; default: three free ports), OUT (a folder for the nodes' output, default a temp folder),
# STARTUP_WAIT (seconds the evaluator nodes get to join before the source node starts; 5).
# Exit status: 0 when the cluster's alerts equal the single node's, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

# A port nothing listens on (so two runs, or a CI machine's other services, never collide).
free_port() {
  local port
  for port in $(shuf -i 20000-60999 -n 100); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "no free port found" >&2; exit 1
}
if [[ -n ${BASE_PORT:-} ]]; then
  PORTS=("$BASE_PORT" $((BASE_PORT + 1)) $((BASE_PORT + 2)))
else
  PORTS=("$(free_port)" "$(free_port)" "$(free_port)")
fi
STARTUP_WAIT=${STARTUP_WAIT:-5}
OUT=${OUT:-$(mktemp -d -t falco-actors-cluster.XXXXXX)}
mkdir -p "$OUT"
if [[ $# -eq 0 ]]; then set -- -c falco.yaml; fi

BIN=${FALCO_ACTORS_BIN:-src/Falco.Actors.Cli/bin/Release/net10.0/falco-actors}
if [[ -z ${FALCO_ACTORS_BIN:-} && ! -x $BIN ]]; then
  dotnet build -c Release --nologo -v quiet src/Falco.Actors.Cli/Falco.Actors.Cli.csproj >&2
fi

# A throwaway CA and one certificate per node (mutual TLS between the nodes: engine_actors.cluster.tls).
scripts/cluster-certs.sh "$OUT/certs" node1 node2 node3

pids=()
stop_nodes() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}
trap stop_nodes EXIT

# node <n> <roles> [options]: node n listens on PORTS[n-1]; node 1 is the seed.
node() {
  local n=$1 roles=$2
  env FALCO_ACTORS_CLUSTER=true \
      FALCO_ACTORS_HOSTNAME=127.0.0.1 \
      FALCO_ACTORS_PORT="${PORTS[n - 1]}" \
      FALCO_ACTORS_SEED_NODES="127.0.0.1:${PORTS[0]}" \
      FALCO_ACTORS_ROLES="$roles" \
      FALCO_ACTORS_TLS_CERTIFICATE="$OUT/certs/node$n.pem" \
      FALCO_ACTORS_TLS_KEY="$OUT/certs/node$n.key" \
      FALCO_ACTORS_TLS_CA="$OUT/certs/ca.pem" \
      "$BIN" "${@:3}" >"$OUT/node$n.out" 2>"$OUT/node$n.err"
}

echo "cluster: 3 nodes on 127.0.0.1 ports ${PORTS[*]}; output in $OUT" >&2
node 1 evaluator "$@" & pids+=($!)
node 2 evaluator "$@" & pids+=($!)
sleep "$STARTUP_WAIT"
start=$(date +%s.%N)
if ! node 3 source,evaluator "$@"; then
  echo "node 3 (the source node) failed; see $OUT/node3.err" >&2
  exit 1
fi
cluster_seconds=$(echo "$(date +%s.%N) - $start" | bc)
stop_nodes

start=$(date +%s.%N)
env -u FALCO_ACTORS_CLUSTER -u FALCO_ACTORS_SEED_NODES -u FALCO_ACTORS_ROLES "$BIN" "$@" >"$OUT/single.out" 2>"$OUT/single.err"
single_seconds=$(echo "$(date +%s.%N) - $start" | bc)

# The output router is a singleton on the oldest node: the cluster's alerts are what the three nodes wrote together.
cat "$OUT"/node[123].out | sort >"$OUT/cluster.sorted"
sort "$OUT/single.out" >"$OUT/single.sorted"
echo "alerts: cluster $(wc -l <"$OUT/cluster.sorted") in ${cluster_seconds}s, single node $(wc -l <"$OUT/single.sorted") in ${single_seconds}s" >&2
if diff -q "$OUT/single.sorted" "$OUT/cluster.sorted" >/dev/null; then
  echo "the cluster's alerts equal the single node's" >&2
else
  echo "the alerts differ:" >&2
  diff "$OUT/single.sorted" "$OUT/cluster.sorted" | head -20 >&2
  exit 1
fi

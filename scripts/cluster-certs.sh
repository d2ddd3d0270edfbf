#!/usr/bin/env bash
# A throwaway cluster CA and node certificates for mutual TLS between Falco.Actors nodes (engine_actors.cluster.tls).
#
#   scripts/cluster-certs.sh DIR [NODE...]      e.g. scripts/cluster-certs.sh /tmp/certs node1 node2 node3
#
# Writes DIR/ca.pem (the CA every node trusts: engine_actors.cluster.tls.ca / FALCO_ACTORS_TLS_CA), and for each NODE
# (default: "node") DIR/NODE.pem and DIR/NODE.key (certificate / key). ECDSA P-256, valid 30 days, for server and
# client authentication. The CA's key (DIR/ca.key) signs nothing else: delete it, or keep it to add nodes later.
# For testing and demos only: a production cluster's certificates come from your own PKI.
set -euo pipefail
dir=${1:?usage: $0 DIR [NODE...]}; shift
[[ $# -gt 0 ]] || set -- node
command -v openssl >/dev/null || { echo "openssl is needed to make the certificates" >&2; exit 1; }
mkdir -p "$dir"
umask 077
if [[ ! -f $dir/ca.pem ]]; then
  openssl req -x509 -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 -keyout "$dir/ca.key" -out "$dir/ca.pem" \
    -days 30 -subj "/CN=falco-actors cluster CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
fi
for node in "$@"; do
  openssl req -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 -keyout "$dir/$node.key" -out "$dir/$node.csr" \
    -subj "/CN=$node" 2>/dev/null
  openssl x509 -req -in "$dir/$node.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial -days 30 -out "$dir/$node.pem" \
    -extfile <(printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature,keyAgreement" \
      "extendedKeyUsage=serverAuth,clientAuth" "subjectAltName=DNS:$node,DNS:localhost,IP:127.0.0.1") 2>/dev/null
  rm -f "$dir/$node.csr"
done
chmod 644 "$dir"/*.pem

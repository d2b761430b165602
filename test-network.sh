#!/usr/bin/env bash
#
# test-network.sh: the sme-credit-chain Fabric network as native processes.
#
#   ./test-network.sh build [--check]    build the pinned Fabric binaries (cached);
#                                        --check: exit 0 when they are there, 1 when
#                                        `up` would build them
#   ./test-network.sh up [--orderers 3]  crypto, channel, orderer(s) and three peers
#   ./test-network.sh deploy             package, install, approve, commit and
#                                        start the chaincode as a service (upgrade
#                                        on a code change)
#   ./test-network.sh status             processes, channel heights, chaincode
#   ./test-network.sh logs NAME [-f]     show one process's log
#   ./test-network.sh down               stop every process this script started
#   ./test-network.sh clean              down, then remove generated state
#   ./test-network.sh env ORG            print shell exports for the peer CLI
#
# Every port and path is an environment variable; see network/README.md.

set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NET="$ROOT/network"
STATE="${SCC_NETWORK_DIR:-$NET/state}"
CHANNEL="${SCC_CHANNEL:-scf}"
CC_NAME="${SCC_CHAINCODE_NAME:-scc}"

ORDERER_PORT="${SCC_ORDERER_PORT:-7050}"
ORDERER_ADMIN_PORT="${SCC_ORDERER_ADMIN_PORT:-7053}"
ORDERER_OPS_PORT="${SCC_ORDERER_OPS_PORT:-9440}"
FACTORY_PEER_PORT="${SCC_FACTORY_PEER_PORT:-7051}"
CORE_PEER_PORT="${SCC_CORE_PEER_PORT:-8051}"
BANK_PEER_PORT="${SCC_BANK_PEER_PORT:-9051}"
PEER_OPS_PORT="${SCC_PEER_OPS_PORT:-9444}"
CHAINCODE_PORT="${SCC_CHAINCODE_PORT:-7060}"
BATCH_TIMEOUT="${SCC_BATCH_TIMEOUT:-250ms}"

FABRIC_RELEASE="3.1.1"
FABRIC_MODULE_DIR="$NET/fabric"
FABRIC_PIN="$(sed -n 's#^[[:space:]]*\(require[[:space:]]\{1,\}\)\{0,1\}github.com/hyperledger/fabric \(v[^[:space:]]*\).*#\2#p' "$FABRIC_MODULE_DIR/go.mod" | head -n 1)"
[[ -n "$FABRIC_PIN" ]] || { echo "[test-network] error: no github.com/hyperledger/fabric pin in network/fabric/go.mod" >&2; exit 1; }
PIN_KEY="v${FABRIC_RELEASE}-${FABRIC_PIN##*-}"
CACHE_ROOT="${SCC_FABRIC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/sme-credit-chain/fabric}"
CACHE_DIR="$CACHE_ROOT/$PIN_KEY"
FABRIC_COMMANDS=(peer orderer configtxgen configtxlator cryptogen osnadmin)
# Seconds this command spent building Fabric (reported apart from the start-up time).
FABRIC_BUILD_SECONDS=0

CRYPTO="$STATE/crypto"
LOGS="$STATE/logs"
PIDS="$STATE/pids"
PEER_ORGS=(factory core bank)

# Processes started by the current command; stopped again if it fails.
STARTED=()

log() { printf '[test-network] %s\n' "$*" >&2; }
die() {
  printf '[test-network] error: %s\n' "$*" >&2
  # A failed command leaves nothing half-started (subshells only report).
  if ((BASH_SUBSHELL == 0 && ${#STARTED[@]} > 0)); then
    log "stopping what this command started: ${STARTED[*]}"
    local name
    for name in "${STARTED[@]}"; do stop_process "$name"; done
  fi
  exit 1
}

on_error() {
  local code=$? failed="$BASH_COMMAND"
  # Retry loops probe in subshells; only the script's own failures are reported.
  ((BASH_SUBSHELL > 0)) && exit "$code"
  printf '[test-network] error: command failed (exit %d): %s\n' "$code" "$failed" >&2
  if ((${#STARTED[@]} > 0)); then
    log "stopping what this command started: ${STARTED[*]}"
    local name
    for name in "${STARTED[@]}"; do stop_process "$name"; done
  fi
  exit "$code"
}
trap on_error ERR
trap 'STARTED=(); die "interrupted"' INT TERM

usage() {
  sed -n '3,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

# ---------------------------------------------------------------- org facts

org_msp() {
  case "$1" in
    factory) echo FactoryOrgMSP ;; core) echo CoreOrgMSP ;; bank) echo BankOrgMSP ;;
    *) die "unknown organisation '$1' (expected factory, core or bank)" ;;
  esac
}
org_domain() { echo "$1.scc.example"; }
peer_port() {
  case "$1" in factory) echo "$FACTORY_PEER_PORT" ;; core) echo "$CORE_PEER_PORT" ;; bank) echo "$BANK_PEER_PORT" ;; esac
}
peer_ops_port() {
  case "$1" in factory) echo "$PEER_OPS_PORT" ;; core) echo $((PEER_OPS_PORT + 1)) ;; bank) echo $((PEER_OPS_PORT + 2)) ;; esac
}
peer_dir() { echo "$CRYPTO/peerOrganizations/$(org_domain "$1")/peers/peer0.$(org_domain "$1")"; }
peer_tls_ca() { echo "$(peer_dir "$1")/tls/ca.crt"; }
org_admin_msp() { echo "$CRYPTO/peerOrganizations/$(org_domain "$1")/users/Admin@$(org_domain "$1")/msp"; }
orderer_dir() { echo "$CRYPTO/ordererOrganizations/orderer.scc.example/orderers/orderer$1.orderer.scc.example"; }
orderer_tls_ca() { echo "$CRYPTO/ordererOrganizations/orderer.scc.example/tlsca/tlsca.orderer.scc.example-cert.pem"; }
orderer_admin_tls() { echo "$CRYPTO/ordererOrganizations/orderer.scc.example/users/Admin@orderer.scc.example/tls"; }
orderer_port() { echo $((ORDERER_PORT + 100 * $1)); }
orderer_admin_port() { echo $((ORDERER_ADMIN_PORT + 100 * $1)); }
orderer_ops_port() { echo $((ORDERER_OPS_PORT + $1)); }

orderer_count() {
  if [[ -f "$STATE/orderers" ]]; then cat "$STATE/orderers"; else echo 1; fi
}

# ---------------------------------------------------------------- processes

pid_of() {
  local f="$PIDS/$1.pid"
  [[ -f "$f" ]] && cat "$f"
}

is_running() {
  local pid
  pid="$(pid_of "$1" 2>/dev/null)" || return 1
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null
}

# start_process NAME COMMAND... : run detached, log to logs/NAME.log, record pid.
start_process() {
  local name="$1"
  shift
  mkdir -p "$LOGS" "$PIDS"
  # fd 9 is the command lock: long-running processes must not inherit it.
  (cd "${START_DIR:-$ROOT}" && exec 8>&- 9>&- && exec setsid "$@" >>"$LOGS/$name.log" 2>&1 </dev/null) &
  echo $! >"$PIDS/$name.pid"
  STARTED+=("$name")
}

stop_process() {
  local name="$1" pid i
  pid="$(pid_of "$name" 2>/dev/null)" || return 0
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
      log "$name (pid $pid) did not stop in 10s; killing it"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$PIDS/$name.pid"
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# The SCC_*_PORT settings are port numbers; checked before anything uses them.
check_port_settings() {
  local var value
  for var in SCC_ORDERER_PORT SCC_ORDERER_ADMIN_PORT SCC_ORDERER_OPS_PORT SCC_FACTORY_PEER_PORT \
    SCC_CORE_PEER_PORT SCC_BANK_PEER_PORT SCC_PEER_OPS_PORT SCC_CHAINCODE_PORT; do
    value="${!var-}"
    [[ -z "$value" ]] && continue # unset or empty: the default
    [[ "$value" =~ ^[1-9][0-9]{0,4}$ ]] && ((value <= 65535)) ||
      die "$var must be a port number from 1 to 65535, got '$value'"
  done
}

# check_ports_valid PORT...: every port of the layout is a port number and used once.
check_ports_valid() {
  local port seen=" "
  for port in "$@"; do
    ((port >= 1 && port <= 65535)) || die "port $port is out of range 1-65535 (move the SCC_*_PORT settings; see network/README.md)"
    [[ "$seen" == *" $port "* ]] && die "port $port is used twice by the network's layout (the SCC_*_PORT settings overlap; see network/README.md)"
    seen+="$port "
  done
}

check_ports_free() {
  local port
  for port in "$@"; do
    if port_in_use "$port"; then
      die "port $port on 127.0.0.1 is already taken (set SCC_*_PORT to move the network; see network/README.md)"
    fi
  done
}

# wait_for_port NAME PORT: wait until the process listens, or fail with its log.
wait_for_port() {
  local name="$1" port="$2" i
  for i in $(seq 1 150); do
    port_in_use "$port" && return 0
    if ! is_running "$name"; then
      tail -n 20 "$LOGS/$name.log" >&2 || true
      die "$name exited during start-up; see $LOGS/$name.log"
    fi
    sleep 0.2
  done
  tail -n 20 "$LOGS/$name.log" >&2 || true
  die "$name did not listen on port $port within 30s; see $LOGS/$name.log"
}

# True when the state folder is absent, empty, or was created by this script
# (`up` writes `orderers` first): the only folders `up` and `clean` delete.
is_network_state() {
  [[ ! -e "$STATE" ]] && return 0
  [[ -d "$STATE" ]] || return 1
  [[ -f "$STATE/orderers" || -f "$STATE/.ready" || -f "$STATE/network.json" ]] && return 0
  [[ -z "$(ls -A "$STATE")" ]]
}

require_network_state() {
  is_network_state ||
    die "$STATE is not a network state folder (no 'orderers' file) and is not empty; refusing to delete it (check SCC_NETWORK_DIR)"
}

# ---------------------------------------------------------------- binaries

fabric_version_ok() {
  local bin="$1"
  [[ -x "$bin/peer" && -x "$bin/orderer" ]] || return 1
  local c
  for c in "${FABRIC_COMMANDS[@]}"; do [[ -x "$bin/$c" ]] || return 1; done
  "$bin/peer" version 2>/dev/null | grep -Eq "Version: v?${FABRIC_RELEASE}\$" || return 1
  "$bin/orderer" version 2>/dev/null | grep -Eq "Version: v?${FABRIC_RELEASE}\$"
}

fabric_module_dir() {
  (cd "$FABRIC_MODULE_DIR" && go mod download -json "github.com/hyperledger/fabric@$FABRIC_PIN") |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p'
}

# Set FABRIC_BIN_DIR to binaries that need no build (FABRIC_BIN, the cache, PATH); 1 when there are none.
find_fabric() {
  if [[ -n "${FABRIC_BIN:-}" ]]; then
    fabric_version_ok "$FABRIC_BIN" || die "FABRIC_BIN=$FABRIC_BIN does not hold Fabric $FABRIC_RELEASE (${FABRIC_COMMANDS[*]})"
    FABRIC_BIN_DIR="$FABRIC_BIN"
  elif fabric_version_ok "$CACHE_DIR/bin"; then
    FABRIC_BIN_DIR="$CACHE_DIR/bin"
  elif command -v peer >/dev/null && fabric_version_ok "$(dirname "$(command -v peer)")"; then
    FABRIC_BIN_DIR="$(dirname "$(command -v peer)")"
  else
    return 1
  fi
}

# Resolve FABRIC_BIN_DIR and FABRIC_SAMPLECONFIG, building when nothing fits.
resolve_fabric() {
  if ! find_fabric; then
    build_fabric
    FABRIC_BIN_DIR="$CACHE_DIR/bin"
  fi
  if [[ -f "$CACHE_DIR/config/core.yaml" ]]; then
    FABRIC_SAMPLECONFIG="$CACHE_DIR/config"
  elif [[ -f "$FABRIC_BIN_DIR/../config/core.yaml" && -f "$FABRIC_BIN_DIR/../config/orderer.yaml" ]]; then
    FABRIC_SAMPLECONFIG="$(cd "$FABRIC_BIN_DIR/../config" && pwd)"
  else
    copy_sampleconfig
    FABRIC_SAMPLECONFIG="$CACHE_DIR/config"
  fi
  export PATH="$FABRIC_BIN_DIR:$PATH"
}

copy_sampleconfig() {
  command -v go >/dev/null || die "Go is needed to fetch Fabric's sample configuration (or set FABRIC_BIN to a release with ../config)"
  local dir
  dir="$(fabric_module_dir)"
  [[ -n "$dir" && -f "$dir/sampleconfig/core.yaml" ]] || die "could not download github.com/hyperledger/fabric@$FABRIC_PIN"
  mkdir -p "$CACHE_DIR/config"
  cp "$dir/sampleconfig/core.yaml" "$dir/sampleconfig/orderer.yaml" "$CACHE_DIR/config/"
  chmod -R u+w "$CACHE_DIR/config"
}

# Reads `go build -v` output: a dot per ten packages compiled, diagnostics in full.
build_progress() {
  local line n=0 failed=0
  while IFS= read -r line; do
    if [[ "$line" == "__build_failed__" ]]; then
      failed=1
    elif [[ "$line" == *": "* || "$line" == "#"* ]]; then
      printf '\n%s' "$line" >&2
    else
      n=$((n + 1))
      if ((n % 10 == 0)); then printf '.' >&2; fi
    fi
  done
  return "$failed"
}

build_fabric() {
  command -v go >/dev/null || die "Go is not installed: it is needed to build Fabric $FABRIC_RELEASE (or set FABRIC_BIN to Fabric $FABRIC_RELEASE binaries)"
  local start=$SECONDS tmp="$CACHE_DIR/bin.partial" i=0 c
  log "building Hyperledger Fabric $FABRIC_RELEASE ($FABRIC_PIN) into $CACHE_DIR"
  log "first build only: downloads modules and compiles for a few minutes; later runs reuse the cache"
  mkdir -p "$CACHE_DIR"
  # One build per cache folder at a time; a second caller waits and reuses it.
  exec 8>"$CACHE_DIR.lock"
  flock 8
  if fabric_version_ok "$CACHE_DIR/bin"; then
    exec 8>&-
    FABRIC_BUILD_SECONDS=$((SECONDS - start))
    return 0
  fi
  rm -rf "$tmp"
  mkdir -p "$tmp"
  (cd "$FABRIC_MODULE_DIR" && go mod download) || die "go mod download failed for network/fabric (is the Go module proxy reachable?)"
  local ldflags="-X github.com/hyperledger/fabric/common/metadata.Version=${FABRIC_RELEASE} -X github.com/hyperledger/fabric/common/metadata.CommitSHA=${FABRIC_PIN##*-}"
  for c in "${FABRIC_COMMANDS[@]}"; do
    i=$((i + 1))
    printf '[test-network] [%d/%d] %-14s' "$i" "${#FABRIC_COMMANDS[@]}" "$c" >&2
    if ! { (cd "$FABRIC_MODULE_DIR" && CGO_ENABLED=0 go build -v -trimpath -buildvcs=false -ldflags "$ldflags" \
      -o "$tmp/$c" "github.com/hyperledger/fabric/cmd/$c") 2>&1 || echo "__build_failed__"; } | build_progress; then
      die "go build of $c failed (output above)"
    fi
    printf ' done (%ds)\n' $((SECONDS - start)) >&2
  done
  rm -rf "$CACHE_DIR/bin"
  mv "$tmp" "$CACHE_DIR/bin"
  copy_sampleconfig
  exec 8>&-
  FABRIC_BUILD_SECONDS=$((SECONDS - start))
  log "Fabric $FABRIC_RELEASE built in ${FABRIC_BUILD_SECONDS}s: $CACHE_DIR/bin"
}

# ---------------------------------------------------------------- up

render() {
  perl -pe 's/\$\{(\w+)\}/defined $ENV{$1} ? $ENV{$1} : die "unset template variable $1\n"/ge' "$1" >"$2"
}

peer_env() {
  local org="$1" d
  d="$(peer_dir "$org")"
  export FABRIC_CFG_PATH="$STATE/config/peer"
  export CORE_PEER_TLS_ENABLED=true
  export CORE_PEER_LOCALMSPID="$(org_msp "$org")"
  export CORE_PEER_TLS_ROOTCERT_FILE="$d/tls/ca.crt"
  export CORE_PEER_MSPCONFIGPATH="$(org_admin_msp "$org")"
  export CORE_PEER_ADDRESS="127.0.0.1:$(peer_port "$org")"
}

prepare_config() {
  mkdir -p "$STATE/config/peer" "$STATE/config/orderer" "$STATE/channel"
  # The peer's sample core.yaml names a Docker-era builder path; point it at ours.
  sed "s#path: /opt/hyperledger/ccaas_builder#path: $NET/builders/ccaas#" \
    "$FABRIC_SAMPLECONFIG/core.yaml" >"$STATE/config/peer/core.yaml"
  grep -q "path: $NET/builders/ccaas" "$STATE/config/peer/core.yaml" ||
    die "could not set the chaincode-as-a-service builder in core.yaml"
  cp "$FABRIC_SAMPLECONFIG/orderer.yaml" "$STATE/config/orderer/orderer.yaml"
}

generate_artifacts() {
  local n="$1" i endpoints="" consenters=""
  log "generating crypto material (cryptogen)"
  cryptogen generate --config="$NET/config/crypto-config.yaml" --output="$CRYPTO" >/dev/null
  for ((i = 0; i < n; i++)); do
    endpoints+="      - 127.0.0.1:$(orderer_port "$i")"$'\n'
    consenters+="      - Host: 127.0.0.1"$'\n'
    consenters+="        Port: $(orderer_port "$i")"$'\n'
    consenters+="        ClientTLSCert: $(orderer_dir "$i")/tls/server.crt"$'\n'
    consenters+="        ServerTLSCert: $(orderer_dir "$i")/tls/server.crt"$'\n'
  done
  CRYPTO="$CRYPTO" ORDERER_ENDPOINTS="${endpoints%$'\n'}" CONSENTERS="${consenters%$'\n'}" \
    FACTORY_PEER_PORT="$FACTORY_PEER_PORT" CORE_PEER_PORT="$CORE_PEER_PORT" BANK_PEER_PORT="$BANK_PEER_PORT" \
    BATCH_TIMEOUT="$BATCH_TIMEOUT" render "$NET/config/configtx.yaml.tmpl" "$STATE/config/configtx.yaml"
  log "creating the genesis block of channel '$CHANNEL' (configtxgen)"
  configtxgen -configPath "$STATE/config" -profile SupplyChainFinanceChannel -channelID "$CHANNEL" \
    -outputBlock "$STATE/channel/$CHANNEL.block" 2>>"$LOGS/configtxgen.log"
}

start_orderer() {
  local i="$1" d name="orderer$1"
  d="$(orderer_dir "$i")"
  mkdir -p "$STATE/$name"
  log "starting $name on 127.0.0.1:$(orderer_port "$i") (admin $(orderer_admin_port "$i"), operations $(orderer_ops_port "$i"))"
  start_process "$name" env \
    FABRIC_CFG_PATH="$STATE/config/orderer" \
    FABRIC_LOGGING_SPEC="${SCC_ORDERER_LOGGING:-info}" \
    ORDERER_GENERAL_LISTENADDRESS=127.0.0.1 \
    ORDERER_GENERAL_LISTENPORT="$(orderer_port "$i")" \
    ORDERER_GENERAL_LOCALMSPID=OrdererMSP \
    ORDERER_GENERAL_LOCALMSPDIR="$d/msp" \
    ORDERER_GENERAL_BOOTSTRAPMETHOD=none \
    ORDERER_GENERAL_TLS_ENABLED=true \
    ORDERER_GENERAL_TLS_PRIVATEKEY="$d/tls/server.key" \
    ORDERER_GENERAL_TLS_CERTIFICATE="$d/tls/server.crt" \
    ORDERER_GENERAL_TLS_ROOTCAS="[$d/tls/ca.crt]" \
    ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE="$d/tls/server.crt" \
    ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY="$d/tls/server.key" \
    ORDERER_GENERAL_CLUSTER_ROOTCAS="[$d/tls/ca.crt]" \
    ORDERER_FILELEDGER_LOCATION="$STATE/$name/ledger" \
    ORDERER_CONSENSUS_WALDIR="$STATE/$name/etcdraft/wal" \
    ORDERER_CONSENSUS_SNAPDIR="$STATE/$name/etcdraft/snapshot" \
    ORDERER_CHANNELPARTICIPATION_ENABLED=true \
    ORDERER_ADMIN_LISTENADDRESS="127.0.0.1:$(orderer_admin_port "$i")" \
    ORDERER_ADMIN_TLS_ENABLED=true \
    ORDERER_ADMIN_TLS_PRIVATEKEY="$d/tls/server.key" \
    ORDERER_ADMIN_TLS_CERTIFICATE="$d/tls/server.crt" \
    ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED=true \
    ORDERER_ADMIN_TLS_CLIENTROOTCAS="[$d/tls/ca.crt]" \
    ORDERER_OPERATIONS_LISTENADDRESS="127.0.0.1:$(orderer_ops_port "$i")" \
    ORDERER_METRICS_PROVIDER=prometheus \
    orderer
}

start_peer() {
  local org="$1" d port name="peer-$1"
  d="$(peer_dir "$org")"
  port="$(peer_port "$org")"
  mkdir -p "$STATE/$name"
  log "starting $name ($(org_msp "$org")) on 127.0.0.1:$port (chaincode $((port + 1)), operations $(peer_ops_port "$org"))"
  start_process "$name" env \
    FABRIC_CFG_PATH="$STATE/config/peer" \
    FABRIC_LOGGING_SPEC="${SCC_PEER_LOGGING:-info}" \
    CORE_PEER_ID="peer0.$(org_domain "$org")" \
    CORE_PEER_ADDRESS="127.0.0.1:$port" \
    CORE_PEER_LISTENADDRESS="127.0.0.1:$port" \
    CORE_PEER_CHAINCODEADDRESS="127.0.0.1:$((port + 1))" \
    CORE_PEER_CHAINCODELISTENADDRESS="127.0.0.1:$((port + 1))" \
    CORE_PEER_GOSSIP_BOOTSTRAP="127.0.0.1:$port" \
    CORE_PEER_GOSSIP_EXTERNALENDPOINT="127.0.0.1:$port" \
    CORE_PEER_GOSSIP_USELEADERELECTION=false \
    CORE_PEER_GOSSIP_ORGLEADER=true \
    CORE_PEER_LOCALMSPID="$(org_msp "$org")" \
    CORE_PEER_MSPCONFIGPATH="$d/msp" \
    CORE_PEER_TLS_ENABLED=true \
    CORE_PEER_TLS_CERT_FILE="$d/tls/server.crt" \
    CORE_PEER_TLS_KEY_FILE="$d/tls/server.key" \
    CORE_PEER_TLS_ROOTCERT_FILE="$d/tls/ca.crt" \
    CORE_PEER_FILESYSTEMPATH="$STATE/$name/data" \
    CORE_LEDGER_STATE_STATEDATABASE=goleveldb \
    CORE_LEDGER_SNAPSHOTS_ROOTDIR="$STATE/$name/snapshots" \
    CORE_OPERATIONS_LISTENADDRESS="127.0.0.1:$(peer_ops_port "$org")" \
    CORE_METRICS_PROVIDER=prometheus \
    CORE_VM_ENDPOINT= \
    CORE_CHAINCODE_EXECUTETIMEOUT="${SCC_CHAINCODE_EXECUTE_TIMEOUT:-60s}" \
    CORE_CHAINCODE_STARTUPTIMEOUT="${SCC_CHAINCODE_STARTUP_TIMEOUT:-30s}" \
    peer node start
}

# Every orderer and every peer of the network runs.
network_running() {
  local name
  for name in $(network_processes); do is_running "$name" || return 1; done
}

network_processes() {
  local i n
  n="$(orderer_count)"
  for ((i = 0; i < n; i++)); do echo "orderer$i"; done
  echo peer-factory peer-core peer-bank
}

process_ports() {
  case "$1" in
    orderer*) echo "$(orderer_port "${1#orderer}") $(orderer_admin_port "${1#orderer}") $(orderer_ops_port "${1#orderer}")" ;;
    peer-*) echo "$(peer_port "${1#peer-}") $(($(peer_port "${1#peer-}") + 1)) $(peer_ops_port "${1#peer-}")" ;;
  esac
}

any_running() {
  local f
  for f in "$PIDS"/*.pid; do
    [[ -e "$f" ]] || continue
    is_running "$(basename "$f" .pid)" && return 0
  done
  return 1
}

channel_height() {
  (peer_env "$1" && peer channel getinfo -c "$CHANNEL" 2>/dev/null) |
    sed -n 's/.*"height":\([0-9]*\).*/\1/p'
}

write_network_json() {
  local n="$1" i org first=1
  {
    echo "{"
    echo "  \"channel\": \"$CHANNEL\","
    echo "  \"chaincode\": \"$CC_NAME\","
    echo "  \"stateDir\": \"$STATE\","
    echo "  \"orderers\": ["
    for ((i = 0; i < n; i++)); do
      ((i > 0)) && echo ","
      printf '    { "name": "orderer%d", "endpoint": "127.0.0.1:%d", "adminEndpoint": "127.0.0.1:%d", "tlsCaCert": "%s" }' \
        "$i" "$(orderer_port "$i")" "$(orderer_admin_port "$i")" "$(orderer_tls_ca)"
    done
    echo ""
    echo "  ],"
    echo "  \"orgs\": {"
    for org in "${PEER_ORGS[@]}"; do
      ((first)) || echo ","
      first=0
      local dom users
      dom="$(org_domain "$org")"
      users="$CRYPTO/peerOrganizations/$dom/users"
      printf '    "%s": {\n' "$org"
      printf '      "mspId": "%s",\n' "$(org_msp "$org")"
      printf '      "peerEndpoint": "127.0.0.1:%d",\n' "$(peer_port "$org")"
      printf '      "peerHostAlias": "peer0.%s",\n' "$dom"
      printf '      "tlsCaCert": "%s",\n' "$(peer_tls_ca "$org")"
      printf '      "usersDir": "%s",\n' "$users"
      printf '      "adminMsp": "%s"\n' "$(org_admin_msp "$org")"
      printf '    }'
    done
    echo ""
    echo "  }"
    echo "}"
  } >"$STATE/network.json"
}

# A restarted orderer accepts connections before Raft has elected a leader;
# transactions sent before that fail with "no Raft leader".
wait_for_raft_leader() {
  local n="$1" i t
  log "waiting for the ordering service to elect a Raft leader"
  for t in $(seq 1 120); do
    for ((i = 0; i < n; i++)); do
      is_running "orderer$i" || continue
      if curl -s --max-time 2 "http://127.0.0.1:$(orderer_ops_port "$i")/metrics" 2>/dev/null |
        grep -q "^consensus_etcdraft_is_leader{channel=\"$CHANNEL\"} 1"; then
        return 0
      fi
    done
    sleep 0.5
  done
  die "no Raft leader for channel '$CHANNEL' after 60s; see $LOGS/orderer0.log"
}

cmd_up() {
  local n=1
  while (($# > 0)); do
    case "$1" in
      --orderers)
        [[ "${2:-}" =~ ^(1|3)$ ]] || die "--orderers takes 1 or 3, got '${2:-}'"
        n="$2"
        shift 2
        ;;
      *) die "unknown option for up: '$1' (expected --orderers 1|3)" ;;
    esac
  done
  local start=$SECONDS fresh=1 name
  if [[ -f "$STATE/.ready" ]]; then
    fresh=0
    n="$(orderer_count)"
    if network_running; then
      # A deployed chaincode whose server stopped comes back, as after a restart of the network.
      if [[ -f "$STATE/chaincode.env" ]] && ! is_running chaincode; then
        log "network already running (channel '$CHANNEL', $n orderer(s)); its chaincode server is not: starting it"
        start_chaincode_server
      else
        log "network already running (channel '$CHANNEL', $n orderer(s)); nothing to do"
      fi
      return 0
    fi
    log "starting the stopped processes of the network in $STATE (ledgers kept)"
  else
    any_running && die "processes of an unfinished network are running; run ./test-network.sh down first"
    require_network_state
    rm -rf "$STATE"
    mkdir -p "$STATE"
    echo "$n" >"$STATE/orderers"
  fi
  local ports=()
  for name in $(network_processes); do
    is_running "$name" || read -ra ports <<<"${ports[*]} $(process_ports "$name")"
  done
  local all=()
  for name in $(network_processes); do read -ra all <<<"${all[*]} $(process_ports "$name")"; done
  all+=("$CHAINCODE_PORT")
  check_ports_valid "${all[@]}"
  check_ports_free "${ports[@]}"
  resolve_fabric
  mkdir -p "$STATE" "$LOGS" "$PIDS"
  if ((fresh)); then
    prepare_config
    generate_artifacts "$n"
  fi

  local i org
  for ((i = 0; i < n; i++)); do is_running "orderer$i" || start_orderer "$i"; done
  for ((i = 0; i < n; i++)); do wait_for_port "orderer$i" "$(orderer_admin_port "$i")"; done
  if ((fresh)); then
    local admin
    admin="$(orderer_admin_tls)"
    for ((i = 0; i < n; i++)); do
      log "orderer$i joins channel '$CHANNEL' (osnadmin)"
      osnadmin channel join --channelID "$CHANNEL" --config-block "$STATE/channel/$CHANNEL.block" \
        -o "127.0.0.1:$(orderer_admin_port "$i")" --ca-file "$(orderer_tls_ca)" \
        --client-cert "$admin/client.crt" --client-key "$admin/client.key" >>"$LOGS/osnadmin.log" 2>&1 ||
        die "orderer$i could not join channel '$CHANNEL'; see $LOGS/osnadmin.log"
    done
  fi

  for org in "${PEER_ORGS[@]}"; do is_running "peer-$org" || start_peer "$org"; done
  for org in "${PEER_ORGS[@]}"; do wait_for_port "peer-$org" "$(peer_port "$org")"; done
  if ((fresh)); then
    for org in "${PEER_ORGS[@]}"; do
      log "peer-$org joins channel '$CHANNEL'"
      local tries
      for tries in $(seq 1 30); do
        if (peer_env "$org" && peer channel join -b "$STATE/channel/$CHANNEL.block") >>"$LOGS/peer-cli.log" 2>&1; then
          break
        fi
        ((tries == 30)) && die "peer-$org could not join channel '$CHANNEL'; see $LOGS/peer-cli.log"
        sleep 1
      done
    done
  fi

  wait_for_raft_leader "$n"
  log "waiting for every peer to hold the channel"
  for org in "${PEER_ORGS[@]}"; do
    local h=""
    for i in $(seq 1 60); do
      h="$(channel_height "$org")"
      [[ -n "$h" && "$h" -ge 1 ]] && break
      sleep 0.5
    done
    [[ -n "$h" && "$h" -ge 1 ]] || die "peer-$org does not report channel '$CHANNEL'; see $LOGS/peer-$org.log"
  done
  write_network_json "$n"
  touch "$STATE/.ready"
  STARTED=()
  # A chaincode that was deployed before a restart comes back with the network.
  if [[ -f "$STATE/chaincode.env" ]] && ! is_running chaincode; then
    start_chaincode_server
  fi
  local built=""
  ((FABRIC_BUILD_SECONDS == 0)) || built=" (after ${FABRIC_BUILD_SECONDS}s building Fabric)"
  log "network up in $((SECONDS - start - FABRIC_BUILD_SECONDS))s$built: channel '$CHANNEL', $n orderer(s), peers FactoryOrg:$FACTORY_PEER_PORT CoreOrg:$CORE_PEER_PORT BankOrg:$BANK_PEER_PORT"
  log "connection details: $STATE/network.json"
}

# ---------------------------------------------------------------- deploy

orderer_args() {
  echo -o "127.0.0.1:$(orderer_port 0)" --tls --cafile "$(orderer_tls_ca)"
}

all_peer_args() {
  local org
  for org in "${PEER_ORGS[@]}"; do
    echo --peerAddresses "127.0.0.1:$(peer_port "$org")" --tlsRootCertFiles "$(peer_tls_ca "$org")"
  done
}

chaincode_hash() {
  (
    cd "$ROOT/chaincode"
    find dist -type f -name '*.js' | LC_ALL=C sort | xargs cat package.json | sha256sum | cut -c1-12
  )
}

start_chaincode_server() {
  # shellcheck disable=SC1091
  source "$STATE/chaincode.env"
  stop_process chaincode
  check_ports_free "$CHAINCODE_PORT"
  log "starting chaincode server $CC_PACKAGE_ID on 127.0.0.1:$CHAINCODE_PORT"
  START_DIR="$ROOT/chaincode" start_process chaincode env \
    CORE_CHAINCODE_LOGGING_LEVEL="${SCC_CHAINCODE_LOGGING:-info}" \
    node "$FABRIC_SHIM_CLI" server \
    --chaincode-address "127.0.0.1:$CHAINCODE_PORT" \
    --chaincode-id "$CC_PACKAGE_ID" \
    --module-path "$ROOT/chaincode"
  wait_for_port chaincode "$CHAINCODE_PORT"
}

deterministic_tgz() {
  local dir="$1" out="$2"
  shift 2
  tar -C "$dir" --sort=name --mtime='2000-01-01 00:00:00Z' --owner=0 --group=0 --numeric-owner \
    -cf - "$@" | gzip -n >"$out"
}

# wait_for_approvals LABEL SEQ: until every peer sees every org's approval of the definition.
wait_for_approvals() {
  local label="$1" seq="$2" org i out ready
  for org in "${PEER_ORGS[@]}"; do
    ready=0
    for i in $(seq 1 60); do
      out="$( (peer_env "$org" && peer lifecycle chaincode checkcommitreadiness -C "$CHANNEL" -n "$CC_NAME" \
        -v "$label" --sequence "$seq" --output json 2>/dev/null) | tr -d '[:space:]')" || true
      if [[ "$out" == *'"approvals":{'* && "$out" != *':false'* ]]; then
        ready=1
        break
      fi
      sleep 0.5
    done
    ((ready)) || die "peer-$org does not see every approval of $label (sequence $seq) after 30s; see $LOGS/peer-$org.log"
  done
}

cmd_deploy() {
  (($# == 0)) || die "deploy takes no arguments, got '$*'"
  network_running || die "the network is not running; start it with ./test-network.sh up"
  resolve_fabric
  wait_for_raft_leader "$(orderer_count)"
  local start=$SECONDS
  [[ -d "$ROOT/node_modules" ]] || die "node_modules is missing; run npm install first"
  log "compiling the chaincode (tsc)"
  (cd "$ROOT" && npx --no-install tsc -b chaincode) || die "the chaincode does not compile"

  local hash label pkgdir pkg pkgid
  hash="$(chaincode_hash)"
  label="${CC_NAME}_${hash}"
  pkgdir="$STATE/chaincode/$label"
  pkg="$pkgdir/$label.tar.gz"
  mkdir -p "$pkgdir/src"
  printf '{\n  "address": "127.0.0.1:%s",\n  "dial_timeout": "10s",\n  "tls_required": false\n}\n' \
    "$CHAINCODE_PORT" >"$pkgdir/src/connection.json"
  printf '{\n  "type": "ccaas",\n  "label": "%s"\n}\n' "$label" >"$pkgdir/metadata.json"
  # Byte-identical packages for identical inputs, so the package ID depends on
  # the label (the code hash) only.
  deterministic_tgz "$pkgdir/src" "$pkgdir/code.tar.gz" connection.json
  deterministic_tgz "$pkgdir" "$pkg" metadata.json code.tar.gz
  pkgid="$(peer_env factory && peer lifecycle chaincode calculatepackageid "$pkg")"

  local committed_seq=0 committed_version=""
  local q
  q="$(peer_env factory && peer lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CC_NAME" 2>/dev/null || true)"
  if [[ "$q" =~ Version:\ ([^,]+),\ Sequence:\ ([0-9]+) ]]; then
    committed_version="${BASH_REMATCH[1]}"
    committed_seq="${BASH_REMATCH[2]}"
  fi

  if [[ "$committed_version" == "$label" ]]; then
    # Keep serving the package the channel approved for this label.
    local approved
    approved="$(peer_env factory && peer lifecycle chaincode queryapproved -C "$CHANNEL" -n "$CC_NAME" 2>/dev/null |
      sed -n 's/.*package-id: \([^,]*\).*/\1/p' | head -n 1)"
    [[ -n "$approved" ]] && pkgid="$approved"
  fi
  if [[ "$committed_version" == "$label" ]]; then
    log "chaincode $label already committed at sequence $committed_seq"
  else
    local seq=$((committed_seq + 1)) org
    for org in "${PEER_ORGS[@]}"; do
      if ! (peer_env "$org" && peer lifecycle chaincode queryinstalled 2>/dev/null) | grep -q "Package ID: $pkgid,"; then
        log "installing $label on peer-$org"
        (peer_env "$org" && peer lifecycle chaincode install "$pkg") >>"$LOGS/peer-cli.log" 2>&1 ||
          die "install on peer-$org failed; see $LOGS/peer-cli.log"
      fi
    done
    for org in "${PEER_ORGS[@]}"; do
      # A deploy that failed before its commit left this approval: approving it again is refused.
      if (peer_env "$org" && peer lifecycle chaincode queryapproved -C "$CHANNEL" -n "$CC_NAME" --sequence "$seq" 2>/dev/null) |
        grep -q "version: $label, .*package-id: $pkgid,"; then
        log "$label (sequence $seq) already approved for $(org_msp "$org")"
        continue
      fi
      log "approving $label (sequence $seq) for $(org_msp "$org")"
      # shellcheck disable=SC2046
      (peer_env "$org" && peer lifecycle chaincode approveformyorg $(orderer_args) -C "$CHANNEL" -n "$CC_NAME" \
        -v "$label" --package-id "$pkgid" --sequence "$seq" --waitForEvent) >>"$LOGS/peer-cli.log" 2>&1 ||
        die "approval by $(org_msp "$org") failed; see $LOGS/peer-cli.log"
    done
    # --waitForEvent waits on one peer only: the commit's endorsers must all have seen every approval,
    # or their answers differ ("ProposalResponsePayloads do not match").
    wait_for_approvals "$label" "$seq"
    log "committing $label (sequence $seq) to channel '$CHANNEL'"
    # shellcheck disable=SC2046
    (peer_env factory && peer lifecycle chaincode commit $(orderer_args) -C "$CHANNEL" -n "$CC_NAME" \
      -v "$label" --sequence "$seq" $(all_peer_args) --waitForEvent) >>"$LOGS/peer-cli.log" 2>&1 ||
      die "commit failed; see $LOGS/peer-cli.log"
  fi

  # The server changes only once its package is committed: a failed deploy keeps the running code.
  local previous=""
  [[ -f "$STATE/chaincode.env" ]] && previous="$(cat "$STATE/chaincode.env")"
  printf 'CC_PACKAGE_ID=%q\nCC_LABEL=%q\n' "$pkgid" "$label" >"$STATE/chaincode.env"
  if [[ "$previous" == "$(cat "$STATE/chaincode.env")" ]] && is_running chaincode; then
    log "chaincode server already serving $pkgid"
  else
    start_chaincode_server
  fi

  log "waiting for the chaincode to answer on every peer"
  local org i ok
  for org in "${PEER_ORGS[@]}"; do
    ok=0
    for i in $(seq 1 60); do
      if (peer_env "$org" && peer chaincode query -C "$CHANNEL" -n "$CC_NAME" \
        -c '{"Args":["org.hyperledger.fabric:GetMetadata"]}') >/dev/null 2>>"$LOGS/peer-cli.log"; then
        ok=1
        break
      fi
      sleep 0.5
    done
    ((ok)) || die "chaincode does not answer on peer-$org; see $LOGS/chaincode.log and $LOGS/peer-$org.log"
  done
  log "waiting for every peer's gateway to find endorsers in the other organisations"
  node "$NET/scripts/wait-for-gateway.js" "$STATE/network.json" "${SCC_GATEWAY_WAIT:-120}"
  STARTED=()
  log "chaincode '$CC_NAME' ready in $((SECONDS - start))s: $label on channel '$CHANNEL'"
}

# ---------------------------------------------------------------- others

cmd_down() {
  (($# == 0)) || die "down takes no arguments, got '$*'"
  local stopped=0 f name
  for name in chaincode peer-bank peer-core peer-factory orderer2 orderer1 orderer0; do
    if is_running "$name"; then
      log "stopping $name (pid $(pid_of "$name"))"
      stop_process "$name"
      stopped=$((stopped + 1))
    fi
  done
  for f in "$PIDS"/*.pid; do
    [[ -e "$f" ]] || continue
    name="$(basename "$f" .pid)"
    if is_running "$name"; then
      log "stopping $name (pid $(pid_of "$name"))"
      stopped=$((stopped + 1))
    fi
    stop_process "$name"
  done
  log "network down ($stopped process(es) stopped); state kept in $STATE"
}

cmd_clean() {
  (($# == 0)) || die "clean takes no arguments, got '$*'"
  require_network_state
  cmd_down
  rm -rf "$STATE"
  log "removed $STATE"
}

cmd_status() {
  (($# == 0)) || die "status takes no arguments, got '$*'"
  if [[ ! -d "$PIDS" ]]; then
    log "network not created (no state in $STATE)"
    return 3
  fi
  local f name pid mem
  printf '%-14s %-8s %-9s %s\n' PROCESS PID STATE RSS_MB
  for f in "$PIDS"/*.pid; do
    [[ -e "$f" ]] || continue
    name="$(basename "$f" .pid)"
    pid="$(cat "$f")"
    if is_running "$name"; then
      mem="$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status" 2>/dev/null || echo "?")"
      printf '%-14s %-8s %-9s %s\n' "$name" "$pid" running "$mem"
    else
      printf '%-14s %-8s %-9s %s\n' "$name" "$pid" stopped -
    fi
  done
  if network_running; then
    resolve_fabric >/dev/null 2>&1 || true
    local org
    echo
    printf '%-14s %s\n' PEER "HEIGHT ($CHANNEL)"
    for org in "${PEER_ORGS[@]}"; do
      printf '%-14s %s\n' "peer-$org" "$(channel_height "$org" || echo '?')"
    done
    echo
    (peer_env factory && peer lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CC_NAME" 2>/dev/null) ||
      echo "chaincode '$CC_NAME' not committed"
    return 0
  fi
  return 3
}

cmd_logs() {
  local name="${1:-}"
  [[ -n "$name" ]] || die "logs needs a process name: $(ls "$LOGS" 2>/dev/null | sed 's/\.log$//' | tr '\n' ' ')"
  [[ -f "$LOGS/$name.log" ]] || die "no log for '$name' in $LOGS (have: $(ls "$LOGS" 2>/dev/null | sed 's/\.log$//' | tr '\n' ' '))"
  if [[ "${2:-}" == "-f" ]]; then tail -n 100 -F "$LOGS/$name.log"; else tail -n 200 "$LOGS/$name.log"; fi
}

cmd_env() {
  local org="${1:-}"
  [[ -n "$org" ]] || die "env needs an organisation: factory, core or bank"
  org_msp "$org" >/dev/null
  resolve_fabric >/dev/null
  peer_env "$org"
  cat <<EOF
export PATH="$FABRIC_BIN_DIR:\$PATH"
export FABRIC_CFG_PATH="$FABRIC_CFG_PATH"
export CORE_PEER_TLS_ENABLED=true
export CORE_PEER_LOCALMSPID="$CORE_PEER_LOCALMSPID"
export CORE_PEER_TLS_ROOTCERT_FILE="$CORE_PEER_TLS_ROOTCERT_FILE"
export CORE_PEER_MSPCONFIGPATH="$CORE_PEER_MSPCONFIGPATH"
export CORE_PEER_ADDRESS="$CORE_PEER_ADDRESS"
EOF
}

FABRIC_SHIM_CLI="$ROOT/node_modules/fabric-shim/cli.js"

# Serialise commands that change the network: tests, the demo and people may
# call this script at the same time.
lock() {
  mkdir -p "$(dirname "$STATE")"
  exec 9>"$STATE.lock"
  if ! flock -n 9; then
    log "waiting for another test-network.sh command to finish"
    flock 9
  fi
}

main() {
  local cmd="${1:-}"
  (($# > 0)) && shift
  case "$cmd" in
    up | deploy | status | env) check_port_settings ;;
  esac
  case "$cmd" in
    up | deploy | down | clean) lock ;;
  esac
  case "$cmd" in
    build)
      if [[ "${1:-}" == "--check" && $# == 1 ]]; then
        if find_fabric; then
          echo "$FABRIC_BIN_DIR"
        else
          log "Fabric $FABRIC_RELEASE is not built yet (no binaries in $CACHE_DIR/bin, FABRIC_BIN or PATH)"
          exit 1
        fi
      else
        (($# == 0)) || die "build takes no arguments but --check, got '$*'"
        resolve_fabric
        log "Fabric $FABRIC_RELEASE binaries: $FABRIC_BIN_DIR"
      fi
      ;;
    up) cmd_up "$@" ;;
    deploy) cmd_deploy "$@" ;;
    down) cmd_down "$@" ;;
    clean) cmd_clean "$@" ;;
    status) cmd_status "$@" || exit $? ;;
    logs) cmd_logs "$@" ;;
    env) cmd_env "$@" ;;
    -h | --help | help) usage ;;
    "")
      usage
      exit 2
      ;;
    *) die "unknown command '$cmd' (expected build, up, deploy, status, logs, down, clean, env)" ;;
  esac
}

main "$@"; exit $?

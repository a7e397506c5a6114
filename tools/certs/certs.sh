#!/bin/sh
# Hookline's deployment CA and the certificates its services and publishers present to each
# other (mutual TLS on every gRPC call), made with the openssl CLI. POSIX sh: it also runs in a
# minimal openssl container (deploy/docker-compose.yml).
#
#   certs.sh ensure [DIR]                    a CA and one certificate per service; valid ones are kept,
#                                            missing, expiring (< 30 days) or foreign ones re-issued
#   certs.sh publisher NAME [ORGS] [DIR]     a publisher certificate, identity `publisher:NAME`;
#                                            ORGS (comma-separated org ids) limits the orgs it may publish for
#   certs.sh service NAME [DIR]              re-issue one service's certificate now (rotation)
#
# DIR defaults to $HOOKLINE_TLS_DIR, else .data/certs. Files: ca.crt, ca.key (keep it secret: it
# mints identities), <identity>.crt and <identity>.key.
set -eu

SERVICES="gateway registry ingestion dispatcher audit"
CA_DAYS=3650
LEAF_DAYS=397
RENEW_SECONDS=2592000 # 30 days

die() { echo "certs: $*" >&2; exit 1; }
command -v openssl >/dev/null 2>&1 || die "the openssl command is needed to create certificates"

new_key() {
  (umask 077 && openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null)
}

# One writer at a time per directory (parallel test workers, several stacks).
lock() {
  tries=0
  until mkdir "$dir/.lock" 2>/dev/null; do
    tries=$((tries + 1))
    [ "$tries" -gt 600 ] && rm -rf "$dir/.lock" && continue # a writer died holding it (60 s)
    sleep 0.1
  done
  trap 'rm -rf "$dir/.lock"' EXIT
  trap 'exit 1' INT TERM
}

ensure_ca() {
  [ -f "$dir/ca.crt" ] && return 0
  new_key "$dir/ca.key.tmp"
  openssl req -x509 -new -key "$dir/ca.key.tmp" -sha256 -days "$CA_DAYS" \
    -subj "/O=Hookline/CN=Hookline deployment CA" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out "$dir/ca.crt.tmp"
  mv "$dir/ca.key.tmp" "$dir/ca.key"
  mv "$dir/ca.crt.tmp" "$dir/ca.crt"
  echo "certs: created a new CA in $dir" >&2
}

# Whether <name>.crt exists, was signed by this CA and stays valid for 30 more days.
is_current() {
  [ -f "$dir/$1.crt" ] && [ -f "$dir/$1.key" ] &&
    openssl verify -CAfile "$dir/ca.crt" "$dir/$1.crt" >/dev/null 2>&1 &&
    openssl x509 -checkend "$RENEW_SECONDS" -noout -in "$dir/$1.crt" >/dev/null 2>&1
}

# issue FILE_NAME COMMON_NAME EXTENDED_KEY_USAGE SUBJECT_ALT_NAMES
issue() {
  [ -f "$dir/ca.key" ] || die "$dir/ca.key is missing: cannot issue $1 (bring your own certificate, or the CA key)"
  tmp=$(mktemp -d)
  new_key "$tmp/key"
  openssl req -new -key "$tmp/key" -subj "/O=Hookline/CN=$2" -out "$tmp/csr"
  printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=%s\nsubjectAltName=%s\n' "$3" "$4" >"$tmp/ext"
  openssl x509 -req -in "$tmp/csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -set_serial "0x$(openssl rand -hex 16)" \
    -days "$LEAF_DAYS" -sha256 -extfile "$tmp/ext" -out "$tmp/crt" 2>/dev/null
  mv "$tmp/key" "$dir/$1.key"
  mv "$tmp/crt" "$dir/$1.crt"
  rm -rf "$tmp"
}

issue_service() {
  issue "$1" "$1" "serverAuth,clientAuth" "DNS:$1,DNS:localhost,IP:127.0.0.1,IP:::1"
}

command=${1:-ensure}
case "$command" in
  ensure)
    dir=${2:-${HOOKLINE_TLS_DIR:-.data/certs}}
    mkdir -p "$dir"
    lock
    ensure_ca
    for service in $SERVICES; do
      is_current "$service" || issue_service "$service"
    done
    ;;
  service)
    name=${2:-}
    echo " $SERVICES " | grep -q " $name " || die "usage: certs.sh service <$(echo "$SERVICES" | tr ' ' '|')> [DIR]"
    dir=${3:-${HOOKLINE_TLS_DIR:-.data/certs}}
    mkdir -p "$dir"
    lock
    ensure_ca
    issue_service "$name"
    echo "$dir/$name.crt"
    ;;
  publisher)
    name=${2:-}
    echo "$name" | grep -Eq '^[a-z0-9][a-z0-9-]{0,62}$' || die "usage: certs.sh publisher NAME [ORG_IDS] [DIR] (NAME: lower-case letters, digits, dashes)"
    orgs=${3:-}
    echo "$orgs" | grep -Eq '^([A-Za-z0-9_-]+(,[A-Za-z0-9_-]+)*)?$' || die "ORG_IDS must be a comma-separated list of organization ids"
    dir=${4:-${HOOKLINE_TLS_DIR:-.data/certs}}
    mkdir -p "$dir"
    lock
    ensure_ca
    # The publisher's identity is its common name; each allowed org is a URI name of its own.
    san="URI:urn:hookline:publisher:$name"
    for org in $(echo "$orgs" | tr ',' ' '); do san="$san,URI:urn:hookline:org:$org"; done
    issue "publisher-$name" "publisher:$name" "clientAuth" "$san"
    echo "identity publisher:$name${orgs:+ (orgs: $orgs)}"
    echo "certificate $dir/publisher-$name.crt"
    echo "key         $dir/publisher-$name.key"
    echo "CA          $dir/ca.crt"
    ;;
  *)
    die "usage: certs.sh ensure [DIR] | publisher NAME [ORG_IDS] [DIR] | service NAME [DIR]"
    ;;
esac

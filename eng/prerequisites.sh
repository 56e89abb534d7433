#!/usr/bin/env bash
# Installs and starts what VcLab needs, and only what is missing: the Docker engine and mmdebstrap
# from the distribution's packages (Debian or Ubuntu), then starts the engine if it is not running.
# Elsewhere it stops and names what to install. Safe to run again.
# The scripts in eng/ source it (for the variables it exports). Sourced into an interactive terminal, its 'set -e' and
# 'exit' would close that terminal at the first failing command: it refuses, and says what to run instead.
if [[ $- == *i* ]]; then
  printf 'vclab: eng/prerequisites.sh is for the scripts in eng/ to source; in a terminal, run it: bash eng/prerequisites.sh\n' >&2
  return 1 2>/dev/null || exit 1
fi
set -euo pipefail

say() { printf 'vclab: %s\n' "$*" >&2; }
fail() { say "$*"; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else fail "need root (or sudo) to run: $*"
  fi
}

# apt-get, waiting (bounded, and saying so) while another apt process holds its lock, as on a machine just booted.
apt_get() {
  local out attempt
  out="$(mktemp)"
  for attempt in $(seq 1 60); do
    if as_root env DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1 apt-get -o DPkg::Lock::Timeout=5 "$@" >"$out" 2>&1; then rm -f "$out"; return 0; fi
    if grep -qE 'Could not get lock|Unable to acquire|is another process using it' "$out"; then
      say "another apt process holds apt's lock; waiting for it ($attempt/60, up to 5 minutes)"
      sleep 5
    else
      cat "$out" >&2; rm -f "$out"; return 1
    fi
  done
  cat "$out" >&2; rm -f "$out"
  fail "apt's lock was still held after 5 minutes: see 'ps aux | grep -E \"apt|dpkg\"', then run this again."
}

command -v dotnet >/dev/null 2>&1 || fail "the .NET 10 SDK is missing: install it (https://dot.net) and run this again."

missing=()
command -v dockerd >/dev/null 2>&1 || [ -S /var/run/docker.sock ] || missing+=(docker.io)
command -v mmdebstrap >/dev/null 2>&1 || missing+=(mmdebstrap)
if [ "${#missing[@]}" -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 || fail "missing: ${missing[*]}. This is not a Debian or Ubuntu machine: install a Docker engine and mmdebstrap yourself, then run this again."
  say "installing ${missing[*]} from the distribution's packages"
  apt_get update -qq
  apt_get install -y -qq --no-install-recommends "${missing[@]}" ca-certificates
fi

engine_answers() { docker version --format '{{.Server.APIVersion}}' >/dev/null 2>&1; }

# A dockerd that runs but does not answer is most likely still stopping (a second one would refuse to start while its
# pid file names a live process): wait for it to answer or to be gone, up to 30 s.
engine_process() { local pid; pid="$(cat /var/run/docker.pid 2>/dev/null || true)"; [ -n "$pid" ] && [ -d "/proc/$pid" ] && echo "$pid"; }
if ! engine_answers && [ -n "$(engine_process)" ]; then
  say "a Docker engine (pid $(engine_process)) runs but does not answer yet: waiting for it (up to 30 s)"
  for _ in $(seq 1 30); do engine_answers || [ -z "$(engine_process)" ] && break; sleep 1; done
  if ! engine_answers && [ -n "$(engine_process)" ]; then
    fail "the Docker engine (pid $(engine_process)) runs but does not answer; see /var/log/vclab-dockerd.log, stop it ('kill $(engine_process)') and run this again."
  fi
fi

if ! engine_answers; then
  if command -v systemctl >/dev/null 2>&1 && systemctl is-system-running >/dev/null 2>&1; then
    say "starting the Docker engine (systemctl start docker)"
    as_root systemctl start docker
  else
    # In a session of its own (setsid): a terminal's Ctrl+C goes to its foreground process group, and the engine must
    # outlive the lab it serves, or the lab's teardown finds no engine to remove its containers with.
    say "starting the Docker engine (dockerd in a session of its own, log: /var/log/vclab-dockerd.log)"
    as_root setsid --fork sh -c 'exec dockerd >>/var/log/vclab-dockerd.log 2>&1 </dev/null'
  fi
  for _ in $(seq 1 60); do engine_answers && break; sleep 1; done
  engine_answers || fail "the Docker engine did not start within 60 s; see /var/log/vclab-dockerd.log or 'systemctl status docker'."
fi

# Testcontainers (used for k3s) asks for a newer API than Debian 12's engine speaks, and its resource
# reaper would need a registry: pin the engine's own API version, and clean up ourselves.
DOCKER_API_VERSION="$(docker version --format '{{.Server.APIVersion}}')"
export DOCKER_API_VERSION
export TESTCONTAINERS_RYUK_DISABLED=true
say "Docker engine ready (API ${DOCKER_API_VERSION})"

# The Aspire dashboard warns on every page unless a trusted development certificate exists. On Linux, trust means
# OpenSSL's: the certificate goes to ~/.aspnet/dev-certs/trust, which SSL_CERT_DIR must name (with the system's).
dev_certs="$HOME/.aspnet/dev-certs/trust"
if ! ls "$dev_certs"/*.pem >/dev/null 2>&1; then
  say "creating and trusting the ASP.NET Core development certificate (for the Aspire dashboard)"
  dotnet dev-certs https --trust >/dev/null 2>&1 || true
fi
SSL_CERT_DIR="$dev_certs:${SSL_CERT_DIR:-/usr/lib/ssl/certs}"
export SSL_CERT_DIR

# The upstream sources to build from: an offline folder beside the project when there is one (as CI has it), else
# the upstream URLs (GitHub and the Go module proxy).
if [ -z "${VCLAB_UPSTREAM_DIR:-}" ] && [ -f ../shared/upstream/cluster-api-provider-nested.bundle ]; then
  VCLAB_UPSTREAM_DIR="$(cd ../shared/upstream && pwd)"
  export VCLAB_UPSTREAM_DIR
fi
say "upstream sources: ${VCLAB_UPSTREAM_DIR:-the upstream URLs (set VCLAB_UPSTREAM_DIR to use an offline folder)}"

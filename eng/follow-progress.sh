# Sourced by the test scripts: the labs' progress while they come up (the test platform shows nothing until the
# end) is written to a file the fixture names VCLAB_PROGRESS_LOG, and followed on the console until the script exits.
progress="$(mktemp /tmp/vclab-progress-XXXXXX.log)"
export VCLAB_PROGRESS_LOG="$progress"
tail -n +1 -F "$progress" 2>/dev/null &
follower=$!
trap 'kill "$follower" 2>/dev/null || true; rm -f "$progress"' EXIT

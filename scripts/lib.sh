# Shared helpers for the project's shell scripts (sourced, not run).

# One line per step, prefixed with the script's name.
step() { printf '%s: %s\n' "$(basename "$0")" "$*"; }

die() { printf '%s: error: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }

# Seconds since a `date +%s.%N` stamp, one decimal.
elapsed() { awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }'; }

# Where rejviz keeps host facts (the KVM/TCG decision); core reads the same path.
REJVIZ_STATE_DIR=${REJVIZ_STATE_DIR:-/var/lib/rejviz}

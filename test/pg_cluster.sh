# shellcheck shell=bash
# The cluster helpers (cx_ensure_packages, cx_start_cluster, cx_stop_cluster,
# cx_as_owner and the rest) live in test/lib.sh; this name stays for the
# scripts that source it.
# shellcheck source=test/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

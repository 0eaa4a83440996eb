// Atomic, idempotent file upload as a remote command: content on stdin into a temp file in the
// target directory, mode/owner set before the rename, and no rename when nothing changed.
import { Secret } from '../util/redact.js';
import { sh, type RemoteCommand } from './command.js';

export interface FileUpload {
  path: string;
  content: string | Buffer | Secret;
  /** e.g. 0o640 */
  mode: number;
  owner?: string;
  group?: string;
}

// Prints "changed" or "unchanged" so callers can decide whether to reload a service.
const SCRIPT = `set -eu
target=$1; mode=$2; owner=$3; size=$4
dir=$(dirname "$target"); mkdir -p "$dir"
# Temp files of uploads killed mid-way are ours (0600) and stale after 10 minutes: remove them,
# they may hold key material.
find "$dir" -maxdepth 1 -type f -name '.swarmctl.??????' -mmin +10 -delete 2>/dev/null || true
tmp=$(mktemp "$dir/.swarmctl.XXXXXX")
# A dropped SSH session sends HUP; exiting from the signal trap runs the EXIT trap.
trap 'rm -f "$tmp"' EXIT
trap 'exit 129' HUP; trap 'exit 130' INT; trap 'exit 143' TERM
cat > "$tmp"
# A dropped connection ends stdin early without a signal (no pty): never install a short file.
got=$(wc -c < "$tmp")
if [ "$got" -ne "$size" ]; then echo "upload truncated: got $got of $size bytes" >&2; exit 1; fi
chmod "$mode" "$tmp"; chown "$owner" "$tmp"
if [ -f "$target" ] && cmp -s "$tmp" "$target" && [ "$(stat -c '%a %U:%G' "$target")" = "$(stat -c '%a %U:%G' "$tmp")" ]; then
  echo unchanged; exit 0
fi
sync "$tmp" 2>/dev/null || true
mv -f "$tmp" "$target"; trap - EXIT
sync "$dir" 2>/dev/null || true
echo changed`;

export function uploadCommand(f: FileUpload): RemoteCommand {
  const owner = `${f.owner ?? 'root'}:${f.group ?? f.owner ?? 'root'}`;
  const bytes = f.content instanceof Secret ? f.content.revealBuffer().length : Buffer.byteLength(f.content);
  return {
    step: `write ${f.path}`,
    // The byte count is the only thing about the content in argv: it says nothing of a secret.
    argv: sh(SCRIPT, f.path, f.mode.toString(8), owner, String(bytes)),
    stdin: f.content,
  };
}

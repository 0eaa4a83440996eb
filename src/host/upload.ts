// Atomic, idempotent file upload as a remote command: content on stdin into a temp file in the
// target directory, mode/owner set before the rename, and no rename when nothing changed.
import type { Secret } from '../util/redact.js';
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
target=$1; mode=$2; owner=$3
dir=$(dirname "$target"); mkdir -p "$dir"
tmp=$(mktemp "$dir/.swarmctl.XXXXXX")
trap 'rm -f "$tmp"' EXIT
cat > "$tmp"
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
  return {
    step: `write ${f.path}`,
    argv: sh(SCRIPT, f.path, f.mode.toString(8), owner),
    stdin: f.content,
  };
}

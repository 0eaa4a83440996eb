// Tables for status-like output. Plain ASCII borders off a TTY keep logs greppable.
import Table from 'cli-table3';

export function renderTable(head: string[], rows: string[][], opts: { tty?: boolean } = {}): string {
  const t = new Table({
    head,
    style: { head: opts.tty ? ['bold'] : [], border: [], compact: true },
    ...(opts.tty ? {} : { chars: PLAIN }),
    wordWrap: true,
  });
  t.push(...rows);
  return t.toString();
}

const PLAIN = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ',
};

export const mark = { ok: 'OK', warn: 'WARN', fail: 'FAIL' } as const;

// The diff between two revisions as the server computes it (GET …/diff?format=json), shaped for the views.
// Pure: no DOM, no fetch.
import type { Paragraph } from './api';
import type { components, operations } from './generated/api';

/** One word run of a diff: kept, inserted or deleted. {@code old} is the kept run as the older text read it. */
export type DiffOpJson = components['schemas']['WordOp'];

/** One paragraph entry of the server's diff, in the newer revision's order (deleted ones where they stood). */
export type DiffEntryJson = components['schemas']['DiffEntry'];

export type DiffJson = components['schemas']['RevisionDiff'];

/** A run of one side of a diff: plain, or marked as inserted (newer side) / deleted (older side). */
export interface Run {
  text: string;
  mark: 'none' | 'ins' | 'del';
}

/** A paragraph entry ready to show: its citation label, where it came from, and its older and newer texts. */
export interface DiffRow {
  id: number;
  change: string;
  direction: 'rtl' | 'ltr';
  /** How negotiators cite it in the newer revision (the older one for a deletion): "OP3 bis", "PP2". */
  label: string;
  /** For a renumbered or moved paragraph: its label in the older revision. */
  previousLabel: string | null;
  /** Inline: deletions and insertions in one run list. */
  inline: Run[];
  older: Run[];
  newer: Run[];
}

/** Whether a change is worth showing when only changes are asked for. */
export function isChange(change: string): boolean {
  return change !== 'unchanged';
}

/** The cite label of a paragraph: its label ("OP3 bis"), else its number, else its position ("¶4"). */
export function citation(p: Pick<Paragraph, 'label' | 'number'> | undefined, position: number | null): string {
  if (p?.label) return p.label;
  if (p?.number) return p.number;
  return position === null ? '' : `¶${position + 1}`;
}

/** The three run lists of an entry: inline, older side, newer side. */
export function runs(e: DiffEntryJson): { inline: Run[]; older: Run[]; newer: Run[] } {
  const inline: Run[] = [];
  const older: Run[] = [];
  const newer: Run[] = [];
  if (e.ops && e.ops.length > 0) {
    for (const op of e.ops) {
      if (op.type === 'equal') {
        inline.push({ text: op.text, mark: 'none' });
        older.push({ text: op.old ?? op.text, mark: 'none' });
        newer.push({ text: op.text, mark: 'none' });
      } else if (op.type === 'insert') {
        inline.push({ text: op.text, mark: 'ins' });
        newer.push({ text: op.text, mark: 'ins' });
      } else {
        inline.push({ text: op.text, mark: 'del' });
        older.push({ text: op.text, mark: 'del' });
      }
    }
    return { inline, older, newer };
  }
  const text = e.text ?? '';
  if (e.change === 'inserted') {
    return { inline: [{ text, mark: 'ins' }], older: [], newer: [{ text, mark: 'ins' }] };
  }
  if (e.change === 'deleted') {
    return { inline: [{ text, mark: 'del' }], older: [{ text, mark: 'del' }], newer: [] };
  }
  if (e.previousText !== undefined) {
    return {
      inline: [{ text: e.previousText, mark: 'del' }, { text: ' ', mark: 'none' }, { text, mark: 'ins' }],
      older: [{ text: e.previousText, mark: 'del' }],
      newer: [{ text, mark: 'ins' }],
    };
  }
  return { inline: [{ text, mark: 'none' }], older: [{ text, mark: 'none' }], newer: [{ text, mark: 'none' }] };
}

/**
 * The rows to show: labels from the two revisions' paragraphs (by id, else by position), "changes only" unless
 * {@code all}.
 */
export function diffRows(diff: DiffJson, older: Paragraph[], newer: Paragraph[], all: boolean): DiffRow[] {
  const oldById = new Map(older.map((p) => [p.id, p]));
  const newById = new Map(newer.map((p) => [p.id, p]));
  const rows: DiffRow[] = [];
  for (const e of diff.paragraphs) {
    if (!all && !isChange(e.change)) continue;
    const fromId = e.fromIds?.[0] ?? (e.change === 'inserted' ? undefined : e.id);
    const toId = e.toIds?.[0] ?? (e.change === 'deleted' ? undefined : e.id);
    const before = (fromId !== undefined ? oldById.get(fromId) : undefined)
      ?? (e.fromPosition !== null ? older[e.fromPosition] : undefined);
    const after = (toId !== undefined ? newById.get(toId) : undefined)
      ?? (e.toPosition !== null ? newer[e.toPosition] : undefined);
    const label = e.change === 'deleted' ? citation(before, e.fromPosition) : citation(after, e.toPosition);
    const wasLabel = before ? citation(before, e.fromPosition) : null;
    const moved = e.change === 'moved' || e.change === 'moved_modified';
    const previousLabel = (moved || e.renumbered) && wasLabel && wasLabel !== label ? wasLabel
      : moved && e.fromPosition !== null ? `¶${e.fromPosition + 1}` : null;
    rows.push({ id: e.id, change: e.change, direction: e.direction, label, previousLabel, ...runs(e) });
  }
  return rows;
}

/** The counts of the summary that are not zero, kinds in the server's order (unchanged left out). */
export function summaryCounts(diff: DiffJson): [string, number][] {
  return Object.entries(diff.summary)
    .filter(([k, v]) => k !== 'unchanged' && !k.startsWith('words') && v > 0);
}

/** A proposal's redline against its paragraph (GET …/proposals/{id}/diff): word runs in reading order. */
export type ProposalDiff = operations['getProposalDiff']['responses'][200]['content']['application/json'];

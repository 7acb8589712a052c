// Word-level comparison in the browser, for the merge workspace: the redline of a paragraph against Rev.N and the
// text "accept with changes" starts from. Plain TypeScript, no DOM. The server's merge (ICU words, histogram diff)
// stays the authority: what is computed here is only shown or offered for editing.

/** A run of text: unchanged, removed (struck through) or inserted. */
export interface RedlineRun {
  type: 'equal' | 'delete' | 'insert';
  text: string;
}

/**
 * Words, runs of spaces and single punctuation marks; letters include Arabic letters and their marks (harakat),
 * so "بضمان" is one word; a number with its separators ("2,9", "70/125" is three) is one word, as ICU counts it. Concatenated, the tokens give the text back.
 */
export function tokens(text: string): string[] {
  return text.match(/\s+|\p{N}+(?:[.,\u066B\u066C]\p{N}+)+|[\p{L}\p{M}\p{N}_]+|[^\s\p{L}\p{M}\p{N}_]/gu) ?? [];
}

/** One change of base tokens [start, end): replaced by {@code inserted} (tokens). */
export interface Hunk {
  start: number;
  end: number;
  inserted: string[];
}

/** The changes from {@code a} to {@code b} as hunks over a's tokens (longest common subsequence). */
export function hunks(a: string[], b: string[]): Hunk[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const x = a.slice(pre, a.length - suf);
  const y = b.slice(pre, b.length - suf);
  const n = x.length;
  const m = y.length;
  // lcs[i][j]: the longest common subsequence of x[i..] and y[j..]
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out: Hunk[] = [];
  let open: Hunk | null = null;
  let i = 0;
  let j = 0;
  const flush = () => {
    if (open) out.push(open);
    open = null;
  };
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) {
      flush();
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i][j + 1] >= lcs[i + 1][j])) {
      open ??= { start: pre + i, end: pre + i, inserted: [] };
      open.inserted.push(y[j]);
      j++;
    } else {
      open ??= { start: pre + i, end: pre + i, inserted: [] };
      open.end = pre + i + 1;
      i++;
    }
  }
  flush();
  return out;
}

/** The redline from {@code before} to {@code after}: equal, deleted and inserted runs in reading order. */
export function redline(before: string, after: string): RedlineRun[] {
  const a = tokens(before);
  const b = tokens(after);
  const runs: RedlineRun[] = [];
  const push = (type: RedlineRun['type'], text: string) => {
    if (!text) return;
    const last = runs[runs.length - 1];
    if (last && last.type === type) last.text += text;
    else runs.push({ type, text });
  };
  let at = 0;
  for (const h of hunks(a, b)) {
    push('equal', a.slice(at, h.start).join(''));
    push('delete', a.slice(h.start, h.end).join(''));
    push('insert', h.inserted.join(''));
    at = h.end;
  }
  push('equal', a.slice(at).join(''));
  return runs;
}

/** Whether a redline changes anything. */
export function changed(runs: RedlineRun[]): boolean {
  return runs.some((r) => r.type !== 'equal');
}

interface Edit extends Hunk {
  ours: boolean;
}

function overlaps(start: number, end: number, e: Hunk): boolean {
  // a shared token, an insertion strictly inside, or two insertions at one place (as the server's TokenMerge)
  if (e.start < end && start < e.end) return true;
  if (e.start === e.end) return e.start > start && e.start < end || (start === end && e.start === start);
  if (start === end) return start > e.start && start < e.end;
  return false;
}

function render(base: string[], start: number, end: number, cluster: Edit[], ours: boolean): string {
  let out = '';
  let at = start;
  for (const e of cluster.filter((c) => c.ours === ours)) {
    out += base.slice(at, e.start).join('') + e.inserted.join('');
    at = Math.max(at, e.end);
  }
  return out + base.slice(at, end).join('');
}

/**
 * A three-way merge on words: {@code ours} (the workspace) and {@code theirs} (a proposal), both from
 * {@code base}. Where both changed the same words differently, {@code theirs} is taken and {@code conflict} is
 * true: the text offered to a facilitator who accepts the proposal with changes.
 */
export function merge3(base: string, ours: string, theirs: string): { text: string; conflict: boolean } {
  if (ours === theirs || theirs === base) return { text: ours, conflict: false };
  if (ours === base) return { text: theirs, conflict: false };
  const b = tokens(base);
  const edits: Edit[] = [
    ...hunks(b, tokens(ours)).map((h) => ({ ...h, ours: true })),
    ...hunks(b, tokens(theirs)).map((h) => ({ ...h, ours: false })),
  ].sort((x, y) => x.start - y.start || x.end - y.end);
  let text = '';
  let conflict = false;
  let at = 0;
  let i = 0;
  while (i < edits.length) {
    const cluster = [edits[i]];
    let start = edits[i].start;
    let end = edits[i].end;
    let j = i + 1;
    while (j < edits.length && overlaps(start, end, edits[j])) {
      cluster.push(edits[j]);
      start = Math.min(start, edits[j].start);
      end = Math.max(end, edits[j].end);
      j++;
    }
    text += b.slice(at, start).join('');
    const o = render(b, start, end, cluster, true);
    const t = render(b, start, end, cluster, false);
    const byOurs = cluster.some((e) => e.ours);
    const byTheirs = cluster.some((e) => !e.ours);
    if (!byTheirs || o === t) text += o;
    else if (!byOurs) text += t;
    else {
      text += t;
      conflict = true;
    }
    at = end;
    i = j;
  }
  return { text: text + b.slice(at).join(''), conflict };
}

/**
 * Where {@code words} (the words one side of a merge conflict put in, or took out) stand in {@code text}: the
 * text as runs with those words marked, searched in order from the start. Words not found are not marked.
 */
export function markWords(text: string, words: string[]): { text: string; marked: boolean }[] {
  const spans: [number, number][] = [];
  let from = 0;
  for (const w of words.map((x) => x.trim()).filter((x) => x.length > 0)) {
    let at = text.indexOf(w, from);
    if (at < 0) at = text.indexOf(w);
    if (at < 0) continue;
    spans.push([at, at + w.length]);
    from = at + w.length;
  }
  spans.sort((x, y) => x[0] - y[0]);
  const out: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const [s, e] of spans) {
    if (s < at) continue;
    if (s > at) out.push({ text: text.slice(at, s), marked: false });
    out.push({ text: text.slice(s, e), marked: true });
    at = e;
  }
  if (at < text.length) out.push({ text: text.slice(at), marked: false });
  return out;
}

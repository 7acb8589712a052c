import type { Paragraph } from './api';

/** Indentation depth of each paragraph: sub-paragraphs and footnotes sit under their parent. */
export function depths(paragraphs: Paragraph[]): Map<number, number> {
  const byId = new Map(paragraphs.map((p) => [p.id, p]));
  const out = new Map<number, number>();
  for (const p of paragraphs) {
    let depth = 0;
    let parent = p.parent;
    const seen = new Set<number>();
    while (parent !== null && byId.has(parent) && !seen.has(parent) && depth < 8) {
      seen.add(parent);
      depth++;
      parent = byId.get(parent)!.parent;
    }
    out.set(p.id, depth);
  }
  return out;
}

/** Splits text into plain and bracketed parts so open brackets can be highlighted. */
export function bracketSegments(text: string): { text: string; bracketed: boolean }[] {
  const out: { text: string; bracketed: boolean }[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '[') {
      if (depth === 0 && current) {
        out.push({ text: current, bracketed: false });
        current = '';
      }
      depth++;
      current += ch;
    } else if (ch === ']' && depth > 0) {
      current += ch;
      depth--;
      if (depth === 0) {
        out.push({ text: current, bracketed: true });
        current = '';
      }
    } else {
      current += ch;
    }
  }
  if (current) out.push({ text: current, bracketed: depth > 0 });
  return out;
}

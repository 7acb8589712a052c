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

/** A span of a paragraph as the server anchors it (W3C TextQuoteSelector; offsets in code points). */
export interface Anchor {
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
}

const CONTEXT = 32;

/**
 * The anchor of the span [from, to) of {@code text}, given in UTF-16 units as the DOM counts them; the server
 * counts code points. Surrounding blanks are left out of the span; an empty span has no anchor.
 */
export function anchorOf(text: string, from: number, to: number): Anchor | null {
  let a = Math.max(0, Math.min(from, to));
  let b = Math.min(text.length, Math.max(from, to));
  while (a < b && /\s/.test(text[a])) a++;
  while (b > a && /\s/.test(text[b - 1])) b--;
  if (a >= b) return null;
  const points = (s: string) => [...s].length;
  const exact = text.slice(a, b);
  const before = [...text.slice(0, a)];
  const after = [...text.slice(b)];
  return {
    exact,
    prefix: before.slice(Math.max(0, before.length - CONTEXT)).join(''),
    suffix: after.slice(0, CONTEXT).join(''),
    start: points(text.slice(0, a)),
    end: points(text.slice(0, b)),
  };
}

/** A UTC deadline as people read it: "2026-12-03 17:00 UTC" (digits localised by the caller). */
export function utcMinute(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

/** A {@code datetime-local} value read as UTC ("2026-12-03T17:00" → "2026-12-03T17:00:00Z"); null when empty. */
export function utcFromLocalInput(value: string): string | null {
  const v = value.trim();
  if (!v) return null;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v) ? `${v}:00Z` : v;
}

/** Attributes a bundle's bytes to its sources (packages) by decoding its source map's mappings. */
import fs from 'node:fs';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...B64].map((c, i) => [c, i]));

function decodeVlq(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const d = DIGIT.get(ch);
    if (d === undefined) break;
    value += (d & 31) << shift;
    if (d & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

/** `node_modules/.pnpm/x/node_modules/@scope/pkg/…` → `@scope/pkg`; app code → its folder. */
export function packageOf(source: string): string {
  const i = source.lastIndexOf('node_modules/');
  if (i >= 0) {
    const rest = source.slice(i + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const s = source.replace(/^(\.\.\/)+/, '');
  const parts = s.split('/');
  return parts.slice(0, Math.min(3, parts.length - 1)).join('/') || s;
}

/** A mapped segment this long is not one token: it is code without a mapping (e.g. a JSON module). */
const UNMAPPED_RUN = 1000;

/**
 * Bytes of the generated file per package, largest first. Modules emitted without mappings (Vite's
 * JSON modules: the i18n catalogs) show up as one long segment after the previous mapping; those
 * are reported as "(unmapped: JSON, …)" rather than charged to the package before them.
 */
export function bytesByPackage(jsFile: string, mapFile: string): { name: string; bytes: number }[] {
  const code = fs.readFileSync(jsFile, 'utf8').split('\n');
  const map = JSON.parse(fs.readFileSync(mapFile, 'utf8')) as { sources: string[]; mappings: string };
  const totals = new Map<string, number>();
  let source = 0;
  map.mappings.split(';').forEach((line, lineNo) => {
    const width = code[lineNo]?.length ?? 0;
    let col = 0;
    const segs: { col: number; source: number | null }[] = [];
    for (const seg of line.split(',')) {
      if (!seg) continue;
      const v = decodeVlq(seg);
      col += v[0] ?? 0;
      if (v.length >= 4) source += v[1]!;
      segs.push({ col, source: v.length >= 4 ? source : null });
    }
    segs.forEach((s, k) => {
      const end = segs[k + 1]?.col ?? width;
      const unmapped = s.source === null || end - s.col > UNMAPPED_RUN;
      const name = unmapped ? '(unmapped: JSON, …)' : packageOf(map.sources[s.source!] ?? '?');
      totals.set(name, (totals.get(name) ?? 0) + Math.max(0, end - s.col));
    });
  });
  return [...totals].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

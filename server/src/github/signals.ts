import { dependencySignals } from './dependency-signals';
import {
  baseName,
  depth,
  isVendored,
  MANIFEST_FILES,
  type ParsedManifest,
  TRACK_MARKERS,
  type Track,
} from './manifests';
import { pathSignals } from './path-signals';
import { evidenceId, MIN_TRACK_SHARE, type Signal, type SignalSkillKey } from './signal-types';

/**
 * Signals: facts about a repository that *suggest* roadmap skills to the reviewing mentor
 * (never a verification). The rules are the table "What a repository can show" of the built-in
 * roadmap; where it left a choice, the choice is written beside the rule.
 */

export { pathSignals } from './path-signals';
export * from './signal-types';

// ---------------------------------------------------------------------------------------------
// Languages and track

export const TRACK_LANGUAGES: Readonly<Record<Track, readonly string[]>> = {
  node: ['TypeScript', 'JavaScript'],
  python: ['Python'],
  php: ['PHP', 'Blade', 'Hack'],
  java: ['Java', 'Kotlin', 'Groovy', 'Scala'],
  go: ['Go'],
  ruby: ['Ruby'],
};
const TRACKS = Object.keys(TRACK_LANGUAGES) as Track[];

export function primaryLanguageOf(languages: Record<string, number>): string | null {
  let best: [string, number] | null = null;
  for (const [name, bytes] of Object.entries(languages)) {
    if (bytes <= 0) continue;
    if (!best || bytes > best[1] || (bytes === best[1] && name < best[0])) best = [name, bytes];
  }
  return best?.[0] ?? null;
}

export interface TrackChoice {
  track: Track | null;
  /** The backend-language signal, when a track's languages and one of its manifests are both present. */
  signal: Signal | null;
}

/**
 * The learner's track: among tracks whose languages hold at least 10 % of the bytes, the biggest
 * one that also has a manifest in the tree (package.json, composer.json, …); failing that the
 * biggest one (a track, but no backend-language signal: a manifest is part of the evidence).
 * With no language statistics yet (GitHub computes them lazily) a read manifest decides.
 */
export function chooseTrack(
  languages: Record<string, number>,
  paths: readonly string[],
  readManifests: readonly ParsedManifest[],
): TrackChoice {
  const names = new Set(paths.filter((p) => !isVendored(p)).map(baseName));
  const markerOf = (track: Track) => TRACK_MARKERS[track].find((m) => names.has(m)) ?? null;
  const total = Object.values(languages).reduce((a, b) => a + Math.max(0, b), 0);

  if (total === 0) {
    const first = readManifests[0];
    if (!first) return { track: null, signal: null };
    return {
      track: first.track,
      signal: {
        key: 'language',
        skillKeys: ['backend-language'],
        evidence: [{ kind: 'file', path: first.path }, { kind: 'noLanguageStats' }],
      },
    };
  }

  const ranked = TRACKS.map((track) => {
    const langs = TRACK_LANGUAGES[track].map((l) => [l, languages[l] ?? 0] as const).filter(([, b]) => b > 0);
    const bytes = langs.reduce((a, [, b]) => a + b, 0);
    const top = [...langs].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? null;
    return { track, bytes, top, marker: markerOf(track) };
  })
    .filter((t) => t.bytes > 0 && t.bytes / total >= MIN_TRACK_SHARE)
    .sort((a, b) => b.bytes - a.bytes || a.track.localeCompare(b.track));

  const withManifest = ranked.find((t) => t.marker !== null);
  if (withManifest?.top && withManifest.marker) {
    const [lang, bytes] = withManifest.top;
    return {
      track: withManifest.track,
      signal: {
        key: 'language',
        skillKeys: ['backend-language'],
        evidence: [
          { kind: 'language', name: lang, percent: Math.round((bytes / total) * 100) },
          { kind: 'file', path: withManifest.marker },
        ],
      },
    };
  }
  return { track: ranked[0]?.track ?? null, signal: null };
}

// ---------------------------------------------------------------------------------------------
/** One entry per distinct key + evidence, in rule order. */
export function dedupeSignals(signals: readonly Signal[]): Signal[] {
  const seen = new Set<string>();
  const out: Signal[] = [];
  for (const s of signals) {
    const id = `${s.key}\u0000${evidenceId(s.evidence)}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(s);
  }
  return out;
}

export function suggestedSkillsOf(signals: readonly Signal[]): SignalSkillKey[] {
  return [...new Set(signals.flatMap((s) => s.skillKeys))].sort();
}

export interface DeriveInput {
  languages: Record<string, number>;
  /** Paths of the files (blobs) in the tree. */
  paths: readonly string[];
  /** Manifests that were read and parsed. */
  manifests: readonly ParsedManifest[];
}

export function deriveSignals(input: DeriveInput): {
  primaryLanguage: string | null;
  track: Track | null;
  signals: Signal[];
  suggestedSkills: SignalSkillKey[];
} {
  const { track, signal } = chooseTrack(input.languages, input.paths, input.manifests);
  const signals = dedupeSignals([
    ...(signal ? [signal] : []),
    ...dependencySignals(input.manifests),
    ...pathSignals(input.paths),
  ]);
  return {
    primaryLanguage: primaryLanguageOf(input.languages),
    track,
    signals,
    suggestedSkills: suggestedSkillsOf(signals),
  };
}

/** The manifests to read, best first: root-level first, then the repository's own track's, then the brief's order. */
export function rankManifests(
  entries: readonly { path: string }[],
  preferredTrack: Track | null,
): { path: string; index: number }[] {
  return entries
    .map((e) => ({ path: e.path, index: MANIFEST_FILES.findIndex((m) => m.name === baseName(e.path)) }))
    .filter((e) => e.index >= 0 && !isVendored(e.path))
    .sort((a, b) => {
      const rootA = depth(a.path) === 0 ? 0 : 1;
      const rootB = depth(b.path) === 0 ? 0 : 1;
      if (rootA !== rootB) return rootA - rootB;
      const ownA = MANIFEST_FILES[a.index]?.track === preferredTrack ? 0 : 1;
      const ownB = MANIFEST_FILES[b.index]?.track === preferredTrack ? 0 : 1;
      if (ownA !== ownB) return ownA - ownB;
      return a.index - b.index || depth(a.path) - depth(b.path) || (a.path < b.path ? -1 : 1);
    });
}

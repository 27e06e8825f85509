/**
 * Dependency manifests: which files count, which the analysis reads first, and how the names of
 * dependencies are pulled out of each. Parsing is text-level and forgiving (no TOML/XML parser):
 * we only need names, never versions.
 */

export type Track = 'node' | 'python' | 'php' | 'java' | 'go' | 'ruby';
export type Ecosystem = 'npm' | 'pypi' | 'composer' | 'maven' | 'go' | 'gem';

/** Manifests the analysis may read, most informative first (the order of the brief). */
export const MANIFEST_FILES: readonly { name: string; ecosystem: Ecosystem; track: Track }[] = [
  { name: 'package.json', ecosystem: 'npm', track: 'node' },
  { name: 'composer.json', ecosystem: 'composer', track: 'php' },
  { name: 'requirements.txt', ecosystem: 'pypi', track: 'python' },
  { name: 'pyproject.toml', ecosystem: 'pypi', track: 'python' },
  { name: 'pom.xml', ecosystem: 'maven', track: 'java' },
  { name: 'build.gradle', ecosystem: 'maven', track: 'java' },
  { name: 'build.gradle.kts', ecosystem: 'maven', track: 'java' },
  { name: 'go.mod', ecosystem: 'go', track: 'go' },
  { name: 'Gemfile', ecosystem: 'gem', track: 'ruby' },
];

/** Files that show a track's toolchain is in use (the readable manifests and a few more). */
export const TRACK_MARKERS: Readonly<Record<Track, readonly string[]>> = {
  node: ['package.json'],
  python: ['requirements.txt', 'pyproject.toml', 'Pipfile', 'setup.py'],
  php: ['composer.json'],
  java: ['pom.xml', 'build.gradle', 'build.gradle.kts'],
  go: ['go.mod'],
  ruby: ['Gemfile'],
};

/** Folders whose files are someone else's code (committed dependencies, virtualenvs). */
const VENDORED_SEGMENTS = new Set([
  'node_modules',
  'bower_components',
  'vendor',
  '.venv',
  'venv',
  'site-packages',
  '__pycache__',
  '.yarn',
]);

export function isVendored(path: string): boolean {
  return path.split('/').some((segment) => VENDORED_SEGMENTS.has(segment));
}

export function baseName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}

export function depth(path: string): number {
  return path.split('/').length - 1;
}

export function manifestKind(path: string) {
  const name = baseName(path);
  return MANIFEST_FILES.find((m) => m.name === name) ?? null;
}

export interface ParsedManifest {
  path: string;
  ecosystem: Ecosystem;
  track: Track;
  /** Dependency names, normalised for their ecosystem (lower case; PyPI names PEP 503-normalised). */
  deps: string[];
  text: string;
}

/** Parses a manifest's text; null when it cannot be read (e.g. a package.json that is not JSON). */
export function parseManifest(path: string, text: string): ParsedManifest | null {
  const kind = manifestKind(path);
  if (!kind) return null;
  let deps: string[] | null;
  switch (kind.name) {
    case 'package.json':
      deps = jsonKeys(text, ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']);
      break;
    case 'composer.json':
      deps = jsonKeys(text, ['require', 'require-dev']);
      break;
    case 'requirements.txt':
      deps = requirementsTxt(text);
      break;
    case 'pyproject.toml':
      deps = pyprojectToml(text);
      break;
    case 'pom.xml':
      deps = pomXml(text);
      break;
    case 'build.gradle':
    case 'build.gradle.kts':
      deps = gradle(text);
      break;
    case 'go.mod':
      deps = goMod(text);
      break;
    case 'Gemfile':
      deps = gemfile(text);
      break;
    default:
      deps = null;
  }
  if (!deps) return null;
  return { path, ecosystem: kind.ecosystem, track: kind.track, deps: unique(deps), text };
}

function unique(names: string[]): string[] {
  return [...new Set(names.filter((n) => n.length > 0))];
}

function jsonKeys(text: string, fields: string[]): string[] | null {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return null;
  }
  if (!isRecord(json)) return null;
  const names: string[] = [];
  for (const field of fields) {
    const block = json[field];
    if (isRecord(block)) names.push(...Object.keys(block).map((k) => k.toLowerCase()));
  }
  return names;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** PEP 503: lower case, runs of `-`, `_`, `.` become one `-`. */
export function normalisePypi(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** The distribution name at the start of a PEP 508 requirement (`Django[bcrypt]>=5 ; python_version…`). */
function requirementName(spec: string): string | null {
  const m = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/.exec(spec);
  return m?.[1] ? normalisePypi(m[1]) : null;
}

function requirementsTxt(text: string): string[] {
  const names: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    // options (-r other.txt, -e ., --index-url …) and bare URLs or paths name no package here
    if (!line || line.startsWith('-') || /^[a-z+]+:\/\//i.test(line) || line.startsWith('.')) continue;
    const name = requirementName(line);
    if (name) names.push(name);
  }
  return names;
}

/**
 * pyproject.toml without a TOML parser: PEP 621 `[project] dependencies = [...]`, optional
 * dependencies and PEP 735 groups (arrays of requirement strings), and Poetry's dependency tables
 * (`name = "^1.0"` keys).
 */
function pyprojectToml(text: string): string[] {
  const names: string[] = [];
  let section = '';
  let inArray = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    if (inArray) {
      collectStrings(line, names);
      if (line.includes(']')) inArray = false;
      continue;
    }
    const header = /^\[\[?([^\]]+)\]\]?$/.exec(line);
    if (header?.[1]) {
      section = header[1].trim();
      continue;
    }
    const arraySections =
      (section === 'project' && /^dependencies\s*=/.test(line)) ||
      section === 'project.optional-dependencies' ||
      section === 'dependency-groups';
    if (arraySections && /=\s*\[/.test(line)) {
      collectStrings(line.slice(line.indexOf('[')), names);
      inArray = !line.slice(line.indexOf('[')).includes(']');
      continue;
    }
    if (/^tool\.poetry\.(?:dev-)?dependencies$|^tool\.poetry\.group\.[^.]+\.dependencies$/.test(section)) {
      const key = /^["']?([A-Za-z0-9][A-Za-z0-9._-]*)["']?\s*=/.exec(line);
      if (key?.[1] && key[1].toLowerCase() !== 'python') names.push(normalisePypi(key[1]));
    }
  }
  return names;
}

function collectStrings(line: string, into: string[]): void {
  for (const m of line.matchAll(/"([^"]*)"|'([^']*)'/g)) {
    const name = requirementName(m[1] ?? m[2] ?? '');
    if (name) into.push(name);
  }
}

/** artifactIds of `<dependency>` and `<parent>` elements (comments removed). */
function pomXml(text: string): string[] {
  const xml = text.replace(/<!--[\s\S]*?-->/g, '');
  const names: string[] = [];
  for (const block of xml.matchAll(/<(dependency|parent|plugin)>([\s\S]*?)<\/\1>/g)) {
    const artifact = /<artifactId>\s*([^<\s]+)\s*<\/artifactId>/.exec(block[2] ?? '');
    if (artifact?.[1]) names.push(artifact[1].toLowerCase());
  }
  return names;
}

/** Artifacts of `'group:artifact:version'` coordinates (Groovy or Kotlin DSL). */
function gradle(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/["']([\w.-]+):([\w.-]+)(?::[^"'\s]*)?["']/g)) {
    if (m[2]) names.push(m[2].toLowerCase());
  }
  return names;
}

/** Module paths a go.mod requires directly (`// indirect` ones are someone else's choice). */
function goMod(text: string): string[] {
  const names: string[] = [];
  let inBlock = false;
  for (const raw of text.split(/\r?\n/)) {
    const indirect = /\/\/\s*indirect\b/.test(raw);
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (inBlock) {
      if (line.startsWith(')')) {
        inBlock = false;
        continue;
      }
      const mod = /^(\S+)\s+\S+/.exec(line)?.[1];
      if (mod && !indirect) names.push(mod);
      continue;
    }
    if (/^require\s*\($/.test(line)) {
      inBlock = true;
      continue;
    }
    const single = /^require\s+(\S+)\s+\S+/.exec(line)?.[1];
    if (single && !indirect) names.push(single);
  }
  return names;
}

function gemfile(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/^\s*gem\s+["']([^"']+)["']/gm)) {
    if (m[1]) names.push(m[1].toLowerCase());
  }
  return names;
}

/**
 * Dependency manifests: which files count, which the analysis reads first, and how the names of
 * dependencies are pulled out of each. JSON, TOML (smol-toml) and XML (fast-xml-parser) are parsed
 * properly; the line-based formats (requirements.txt, Gradle, go.mod, Gemfile) are scanned and
 * forgiving. We only need names, never versions.
 */
import { XMLParser } from 'fast-xml-parser';
import { parse as parseToml } from 'smol-toml';

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

/** A manifest bigger than this (bytes of the file) is recorded as too_large and not downloaded. */
export const MANIFEST_MAX_BYTES = 200_000;

export interface ParsedManifest {
  path: string;
  ecosystem: Ecosystem;
  track: Track;
  /** Dependency names, normalised for their ecosystem (lower case; PyPI names PEP 503-normalised). */
  deps: string[];
  text: string;
}

/**
 * Parses a manifest's text; null when it cannot be read (a package.json that is not JSON, a
 * pyproject.toml that is not TOML, a pom.xml that is not well-formed XML) or is over `maxBytes`
 * (UTF-8), which no parser is given. Never throws.
 */
export function parseManifest(
  path: string,
  text: string,
  maxBytes: number = MANIFEST_MAX_BYTES,
): ParsedManifest | null {
  const kind = manifestKind(path);
  if (!kind) return null;
  if (Buffer.byteLength(text, 'utf8') > maxBytes) return null;
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

/** pyproject.toml is read as TOML; inline depth past this is not a manifest anyone writes. */
const TOML_MAX_DEPTH = 32;

/**
 * pyproject.toml: PEP 621 `[project] dependencies` and `optional-dependencies`, PEP 735
 * `[dependency-groups]` (arrays of requirement strings) and Poetry's dependency tables (their keys,
 * bar `python`). Null when the file is not TOML.
 */
function pyprojectToml(text: string): string[] | null {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text, { maxDepth: TOML_MAX_DEPTH, unsafeKeyBehaviour: 'drop' });
  } catch {
    return null;
  }
  const names: string[] = [];
  const project = table(doc.project);
  requirementStrings(project.dependencies, names);
  for (const extra of Object.values(table(project['optional-dependencies']))) requirementStrings(extra, names);
  // PEP 735 groups also hold `{ include-group = "…" }` tables: those name a group, not a package.
  for (const group of Object.values(table(doc['dependency-groups']))) requirementStrings(group, names);
  const poetry = table(table(doc.tool).poetry);
  const poetryTables = [
    poetry.dependencies,
    poetry['dev-dependencies'],
    ...Object.values(table(poetry.group)).map((g) => table(g).dependencies),
  ];
  for (const deps of poetryTables) {
    for (const key of Object.keys(table(deps))) {
      if (POETRY_KEY.test(key) && key.toLowerCase() !== 'python') names.push(normalisePypi(key));
    }
  }
  return names;
}

const POETRY_KEY = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;

/** A TOML table, or an empty one for anything else (a missing key, an array, a string). */
function table(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function requirementStrings(value: unknown, into: string[]): void {
  if (!Array.isArray(value)) return;
  for (const item of value) {
    const name = typeof item === 'string' ? requirementName(item) : null;
    if (name) into.push(name);
  }
}

/**
 * pom.xml is read as XML without entity expansion (no DOCTYPE entities, no HTML entities) and
 * without attributes; namespace prefixes are dropped, so `<pom:dependency>` counts too.
 */
const pomParser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: true,
  parseTagValue: false,
  preserveOrder: true,
  maxNestedTags: 64,
});

/** With `preserveOrder`, an element is `{ [tagName]: children }` and text is `{ '#text': … }`. */
type OrderedNode = Record<string, unknown>;

/**
 * artifactIds of `<dependency>`, `<parent>` and `<plugin>` elements wherever they are (dependency
 * management, build plugins, profiles), in document order. Null when the file is not well-formed XML.
 */
function pomXml(text: string): string[] | null {
  let doc: unknown;
  try {
    doc = pomParser.parse(text.replace(/^\uFEFF/, ''), true);
  } catch {
    return null;
  }
  const names: string[] = [];
  const visit = (nodes: unknown): void => {
    if (!Array.isArray(nodes)) return;
    for (const node of nodes as OrderedNode[]) {
      for (const [tag, children] of Object.entries(node)) {
        if (tag === '#text' || tag === ':@') continue;
        if (tag === 'dependency' || tag === 'parent' || tag === 'plugin') {
          const artifact = childText(children, 'artifactId');
          if (artifact) names.push(artifact.toLowerCase());
        }
        visit(children);
      }
    }
  };
  visit(doc);
  return names;
}

/** The trimmed text of the first `<name>` child, or null. */
function childText(children: unknown, name: string): string | null {
  if (!Array.isArray(children)) return null;
  for (const child of children as OrderedNode[]) {
    const inner = child[name];
    if (inner === undefined) continue;
    if (!Array.isArray(inner)) return null;
    const text = (inner as OrderedNode[])
      .map((n) => n['#text'])
      .filter((t) => typeof t === 'string')
      .join('')
      .trim();
    return text && !/\s/.test(text) ? text : null;
  }
  return null;
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

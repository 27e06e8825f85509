import { parseArgs } from 'node:util';

type StringFlag = { type: 'string'; default?: string; help: string };
type BooleanFlag = { type: 'boolean'; default?: boolean; help: string };
/** An integer flag in [min, max]: `--name <value>`, checked like `intFlag`. */
type IntFlag = { type: 'int'; default: number; min: number; max: number; help: string };
export type FlagSpec = Record<string, StringFlag | BooleanFlag | IntFlag>;

export type Flags<S extends FlagSpec> = {
  [K in keyof S]: S[K]['type'] extends 'boolean' ? boolean : S[K]['type'] extends 'int' ? number : string;
};

/**
 * Parses `--name value` / `--name=value` / `--flag` (and `--no-flag`), prints `--help`, and exits
 * with a readable line on an unknown flag or an integer out of its range. pnpm may pass a lone `--`
 * first: it is skipped.
 */
export function parseFlags<S extends FlagSpec>(spec: S, usage: string, argv = process.argv.slice(2)): Flags<S> {
  const args = argv.filter((a) => a !== '--');
  const options: Record<string, { type: 'string' | 'boolean'; default?: string | boolean }> = {
    help: { type: 'boolean', default: false },
  };
  for (const [name, s] of Object.entries(spec)) {
    const type = s.type === 'int' ? 'string' : s.type;
    const def = s.type === 'int' ? String(s.default) : s.default;
    options[name] = def === undefined ? { type } : { type, default: def };
    if (s.type === 'boolean') options[`no-${name}`] = { type: 'boolean', default: false };
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args, options, strict: true, allowPositionals: false }));
  } catch (err) {
    console.error(`${(err as Error).message}\n`);
    printHelp(spec, usage);
    process.exit(2);
  }
  if (values.help) {
    printHelp(spec, usage);
    process.exit(0);
  }
  const out: Record<string, string | boolean | number> = {};
  for (const [name, s] of Object.entries(spec)) {
    const v = values[name] ?? options[name]!.default ?? (s.type === 'boolean' ? false : '');
    if (s.type === 'int') out[name] = intFlag(name, v as string, s.min, s.max);
    else out[name] = s.type === 'boolean' && values[`no-${name}`] ? false : (v as string | boolean);
  }
  return out as Flags<S>;
}

function printHelp(spec: FlagSpec, usage: string) {
  console.log(usage);
  const rows = Object.entries(spec).map(([name, s]) => {
    const flag = s.type === 'boolean' ? `--${name}` : `--${name} <value>`;
    const def = s.default === undefined || s.default === '' || s.default === false ? '' : ` (default ${s.default})`;
    return [flag, `${s.help}${def}`] as const;
  });
  const width = Math.max(...rows.map(([f]) => f.length));
  for (const [f, h] of rows) console.log(`  ${f.padEnd(width)}  ${h}`);
}

export function intFlag(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`--${name} must be an integer between ${min} and ${max} (got ${JSON.stringify(value)})`);
    process.exit(2);
  }
  return n;
}

/**
 * Positional arguments that must each be one of `choices` (all of them when none is given):
 * `--help` prints `usage`, anything else exits 2 naming what is not a `noun`.
 */
export function parseChoices<C extends string>(
  choices: readonly C[],
  usage: string,
  noun: string,
  argv = process.argv.slice(2),
): C[] {
  const args = argv.filter((a) => a !== '--');
  if (args.includes('--help')) {
    console.log(usage);
    process.exit(0);
  }
  const unknown = args.filter((a) => !(choices as readonly string[]).includes(a));
  if (unknown.length) {
    console.error(`Unknown ${noun} ${unknown.join(', ')}: choose from ${choices.join(', ')}`);
    process.exit(2);
  }
  return args.length ? (args as C[]) : [...choices];
}

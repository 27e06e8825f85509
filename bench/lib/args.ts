import { parseArgs } from 'node:util';

export type FlagSpec = Record<string, { type: 'string' | 'boolean'; default?: string | boolean; help: string }>;

/**
 * Parses `--name value` / `--name=value` / `--flag` (and `--no-flag`), prints `--help`, and exits
 * with a readable line on an unknown flag. pnpm may pass a lone `--` first: it is skipped.
 */
export function parseFlags<S extends FlagSpec>(
  spec: S,
  usage: string,
  argv = process.argv.slice(2),
): { [K in keyof S]: S[K]['type'] extends 'boolean' ? boolean : string } {
  const args = argv.filter((a) => a !== '--');
  const options: Record<string, { type: 'string' | 'boolean'; default?: string | boolean }> = {
    help: { type: 'boolean', default: false },
  };
  for (const [name, s] of Object.entries(spec)) {
    options[name] = s.default === undefined ? { type: s.type } : { type: s.type, default: s.default };
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
  const out: Record<string, string | boolean> = {};
  for (const [name, s] of Object.entries(spec)) {
    const v = values[name] ?? s.default ?? (s.type === 'boolean' ? false : '');
    out[name] = s.type === 'boolean' && values[`no-${name}`] ? false : (v as string | boolean);
  }
  return out as { [K in keyof S]: S[K]['type'] extends 'boolean' ? boolean : string };
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

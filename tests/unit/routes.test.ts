import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { routes } from '../../web/src/lib/routes';

/**
 * Every typed route builder (web/src/lib/routes.ts) lands on a route that App.tsx declares, and
 * no link in the web app is hand-built any more.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const app = fs.readFileSync(path.join(ROOT, 'web/src/App.tsx'), 'utf8');

/** The route table's full patterns: every `path:` in App.tsx, joined under its parents' paths. */
function patterns(): RegExp[] {
  const source = ts.createSourceFile('App.tsx', app, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const out: string[] = [];
  const visit = (node: ts.Node, prefix: string[]) => {
    if (ts.isObjectLiteralExpression(node)) {
      const prop = (name: string) =>
        node.properties.find(
          (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === name,
        );
      const own = prop('path')?.initializer;
      const here = own && ts.isStringLiteral(own) ? [...prefix, own.text] : prefix;
      const index = prop('index')?.initializer.kind === ts.SyntaxKind.TrueKeyword;
      if ((own && ts.isStringLiteral(own)) || index) out.push(`/${here.filter(Boolean).join('/')}`);
      const children = prop('children')?.initializer;
      if (children) ts.forEachChild(children, (c) => visit(c, here));
      return;
    }
    ts.forEachChild(node, (c) => visit(c, prefix));
  };
  visit(source, []);
  return out.filter((p) => !p.endsWith('*')).map((p) => new RegExp(`^${p.replace(/:\w+/g, '[^/]+')}/?$`));
}

const SAMPLE = { slug: 'acme', id: '0f8fad5b-d9cb-469f-a165-70867728950e' };

describe('typed route builders', () => {
  const table = patterns();

  it('reads the route table from App.tsx', () => {
    expect(table.map(String)).toEqual(
      expect.arrayContaining([String(/^\/o\/[^/]+\/cohorts\/[^/]+\/learners\/[^/]+\/readiness\/?$/)]),
    );
    expect(table.length).toBeGreaterThanOrEqual(20);
  });

  it('every builder gives an address that a route in App.tsx serves', () => {
    const unserved = Object.entries(routes)
      .map(([name, build]) => {
        const href = (build as (...a: string[]) => string)(SAMPLE.slug, SAMPLE.id, SAMPLE.id);
        return { name, path: href.split(/[?#]/)[0]! };
      })
      .filter(({ path: p }) => !table.some((re) => re.test(p)));
    expect(unserved).toEqual([]);
  });

  it('adds a query and a hash only when given', () => {
    expect(routes.submit('acme')).toBe('/o/acme/submit');
    expect(routes.submit('acme', {})).toBe('/o/acme/submit');
    expect(routes.submit('acme', { cohortId: 'c1', skill: 'git basics' })).toBe(
      '/o/acme/submit?cohortId=c1&skill=git+basics',
    );
    expect(routes.submit('acme', new URLSearchParams([['a', '1']]))).toBe('/o/acme/submit?a=1');
    expect(routes.cohort('acme', 'c1', 'members')).toBe('/o/acme/cohorts/c1#members');
    expect(routes.myRoadmap('acme', 'sharing')).toBe('/o/acme/my-roadmap#sharing');
  });

  it('no web source builds an /o/… address by hand', () => {
    const walk = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name);
        return e.isDirectory() ? walk(full) : /\.tsx?$/.test(e.name) ? [full] : [];
      });
    const handBuilt = walk(path.join(ROOT, 'web/src'))
      .filter((f) => !f.endsWith(path.join('lib', 'routes.ts')))
      .flatMap((f) =>
        fs
          .readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ line, at: `${path.relative(ROOT, f)}:${i + 1}` }))
          .filter(({ line }) => /`\/o\/\$\{/.test(line))
          .map(({ at }) => at),
      );
    expect(handBuilt).toEqual([]);
  });
});

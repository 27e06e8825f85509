import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Every user-facing string goes through i18n: this scan parses each component (web/src/**\/*.tsx)
 * with the TypeScript compiler and flags JSX text with letters, string literals with letters put
 * straight into JSX children, and literal values of user-facing attributes.
 */
const root = path.resolve(import.meta.dirname, '../..');
const webSrc = path.join(root, 'web/src');

/** Attributes a person reads or hears (screen readers) — and our components' text props. */
const USER_FACING_ATTRIBUTES = new Set([
  'placeholder',
  'title',
  'aria-label',
  'aria-description',
  'aria-valuetext',
  'aria-roledescription',
  'alt',
  'label',
  'description',
  'hint',
  'confirmLabel',
  'errorTitle',
  'emptyText',
]);

/**
 * Literals that are not language: each entry is `file: text` with the reason it may stay.
 * Keep it short; a new entry needs a reason a reviewer accepts.
 */
const ALLOWED: Record<string, string> = {
  // an example GitHub login in the login field: a user name, not a word of either language
  'features/auth/AccountPage.tsx: octocat': 'example GitHub login',
  // an example repository URL in the submit form: a URL, the same in every language
  'features/submissions/SubmitPage.tsx: https://github.com/owner/repo': 'example URL',
};

const LETTER = /\p{L}/u;

function components(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? components(p) : e.name.endsWith('.tsx') ? [p] : [];
  });
}

interface Finding {
  where: string;
  text: string;
}

function scan(file: string): Finding[] {
  const source = ts.createSourceFile(
    file,
    fs.readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TSX,
  );
  const rel = path.relative(webSrc, file).split(path.sep).join('/');
  const found: Finding[] = [];
  const report = (node: ts.Node, text: string) => {
    const clean = text.replace(/\s+/g, ' ').trim();
    if (!LETTER.test(clean) || `${rel}: ${clean}` in ALLOWED) return;
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    found.push({ where: `${rel}:${line + 1}`, text: clean });
  };
  const literalText = (e: ts.Expression | undefined): string | null => {
    if (!e) return null;
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
    if (ts.isConditionalExpression(e)) return literalText(e.whenTrue) ?? literalText(e.whenFalse);
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.BarBarToken) return literalText(e.right);
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)
      return literalText(e.right);
    return null;
  };
  /** Text inside <code>/<kbd>/<samp> or an element marked dir="ltr" is code, a path or a URL, not language. */
  const inLtrCode = (node: ts.Node): boolean => {
    const el = node.parent;
    if (!el || !ts.isJsxElement(el)) return false;
    const tag = el.openingElement.tagName.getText(source);
    if (tag === 'code' || tag === 'kbd' || tag === 'samp') return true;
    return el.openingElement.attributes.properties.some(
      (a) =>
        ts.isJsxAttribute(a) &&
        a.name.getText(source) === 'dir' &&
        a.initializer !== undefined &&
        ts.isStringLiteral(a.initializer) &&
        a.initializer.text === 'ltr',
    );
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      if (!inLtrCode(node)) report(node, node.text);
    } else if (
      ts.isJsxExpression(node) &&
      node.parent &&
      (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))
    ) {
      const text = literalText(node.expression);
      if (text !== null) report(node, text);
    } else if (ts.isJsxAttribute(node)) {
      const name = node.name.getText(source);
      if (USER_FACING_ATTRIBUTES.has(name) && node.initializer) {
        const init = node.initializer;
        const text = ts.isStringLiteral(init)
          ? init.text
          : ts.isJsxExpression(init)
            ? literalText(init.expression)
            : null;
        if (text !== null) report(node, text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('no literal user-facing strings in components', () => {
  const files = components(webSrc);

  it('finds the components', () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it('JSX text and user-facing attributes go through t()', () => {
    const findings = files.flatMap(scan).map((f) => `${f.where}  ${JSON.stringify(f.text)}`);
    expect(findings).toEqual([]);
  });

  it('the allow-list has no stale entries', () => {
    const seen = new Set<string>();
    for (const file of files) {
      const rel = path.relative(webSrc, file).split(path.sep).join('/');
      const text = fs.readFileSync(file, 'utf8');
      for (const key of Object.keys(ALLOWED)) {
        const [f, literal] = key.split(': ');
        if (f === rel && literal && text.includes(literal)) seen.add(key);
      }
    }
    expect(Object.keys(ALLOWED).filter((k) => !seen.has(k))).toEqual([]);
  });

  it('the scan catches a literal (self-check)', () => {
    const tmp = path.join(root, 'tests/unit/.literal-probe.tsx');
    fs.writeFileSync(
      tmp,
      'export const X = () => <div title="Close">Hello <b>{"world"}</b><img alt={ok ? "Logo" : ""} /><bdi dir="ltr">/o/x</bdi></div>;\n',
    );
    try {
      expect(scan(tmp).map((f) => f.text)).toEqual(['Close', 'Hello', 'world', 'Logo']);
    } finally {
      fs.rmSync(tmp);
    }
  });
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { permissions } from '../../../src/auth/permissions';
import { facilityLevels, organisationTypes, personKinds, personTitles, roles } from '../../../src/db/schema';
import { errorCatalogue } from '../../../src/errors';
import en from './en.json';
import zhCN from './zh-CN.json';

const srcDir = join(import.meta.dirname, '..');
type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}
const locales = { 'zh-CN': leaves(zhCN as Tree), en: leaves(en as Tree) };
/** Plural forms differ by language (zh has only `_other`, en `_one` and `_other`): compare base keys. */
const baseKeys = (keys: Map<string, string>) =>
  new Set([...keys.keys()].map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')));
/** i18next plural forms: `key` may be written as `key_one`/`key_other`. */
const has = (keys: Map<string, string>, key: string) =>
  keys.has(key) || keys.has(`${key}_other`) || [...keys.keys()].some((k) => k.startsWith(`${key}.`));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}
const files = sourceFiles(srcDir).map((path) => ({
  path: relative(srcDir, path),
  text: readFileSync(path, 'utf8'),
}));

/** Keys passed to t(): literal ones, and the fixed prefix of template ones (`enum.term.${x}`). */
function usedKeys(text: string) {
  const literal = new Set<string>();
  const prefixes = new Set<string>();
  for (const m of text.matchAll(/\bt\(\s*'([^']+)'/g)) literal.add(m[1]!);
  for (const m of text.matchAll(/\bt\(\s*`([^`]*)`/g)) {
    const body = m[1]!;
    const at = body.indexOf('${');
    if (at === -1) literal.add(body);
    else prefixes.add(body.slice(0, at).replace(/\.$/, ''));
  }
  return { literal, prefixes };
}

/** Attributes and object keys whose string value a user reads. */
const visibleProps = new Set([
  'title',
  'label',
  'placeholder',
  'aria-label',
  'alt',
  'okText',
  'cancelText',
  'subtitle',
  'subTitle',
  'description',
  'tooltip',
  'emptyText',
  'content',
  'help',
  'extra',
  'message',
]);
const hasWords = (s: string) => /\p{L}{2,}/u.test(s) || /\p{Script=Han}/u.test(s);

/** User-visible strings written into components instead of coming from i18n keys. */
function hardCodedStrings(fileName: string, text: string): string[] {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const found: string[] = [];
  const where = (node: ts.Node) =>
    `${fileName}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasWords(node.text.trim()))
      found.push(`${where(node)} text "${node.text.trim()}"`);
    if (ts.isJsxAttribute(node) && visibleProps.has(node.name.getText()) && node.initializer) {
      const init = node.initializer;
      const literal = ts.isStringLiteral(init)
        ? init
        : ts.isJsxExpression(init) && init.expression && ts.isStringLiteralLike(init.expression)
          ? init.expression
          : null;
      if (literal && hasWords(literal.text))
        found.push(`${where(node)} ${node.name.getText()}="${literal.text}"`);
    }
    if (
      ts.isJsxExpression(node) &&
      node.expression &&
      ts.isStringLiteralLike(node.expression) &&
      ts.isJsxElement(node.parent)
    ) {
      if (hasWords(node.expression.text)) found.push(`${where(node)} child "${node.expression.text}"`);
    }
    if (
      ts.isPropertyAssignment(node) &&
      visibleProps.has(node.name.getText().replace(/['"]/g, '')) &&
      ts.isStringLiteralLike(node.initializer) &&
      hasWords(node.initializer.text)
    ) {
      found.push(`${where(node)} ${node.name.getText()}: "${node.initializer.text}"`);
    }
    // Chinese text anywhere in code is certainly meant for people: it belongs in zh-CN.json.
    if (
      ts.isStringLiteralLike(node) &&
      /\p{Script=Han}/u.test(node.text) &&
      !ts.isImportDeclaration(node.parent)
    ) {
      found.push(`${where(node)} "${node.text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...new Set(found)];
}

describe('i18n', () => {
  it('has the same keys in zh-CN and en, none empty', () => {
    const zh = baseKeys(locales['zh-CN']);
    const enKeys = baseKeys(locales.en);
    expect(
      [...zh].filter((k) => !enKeys.has(k)),
      'missing in en',
    ).toEqual([]);
    expect(
      [...enKeys].filter((k) => !zh.has(k)),
      'missing in zh-CN',
    ).toEqual([]);
    for (const [name, keys] of Object.entries(locales)) {
      expect(
        [...keys].filter(([, v]) => !v.trim()).map(([k]) => k),
        `empty in ${name}`,
      ).toEqual([]);
    }
  });

  it('defines every key the code uses, in both locales', () => {
    const missing: string[] = [];
    for (const file of files) {
      const { literal, prefixes } = usedKeys(file.text);
      for (const [name, keys] of Object.entries(locales)) {
        for (const key of literal) if (!has(keys, key)) missing.push(`${name}: ${key} (${file.path})`);
        for (const prefix of prefixes)
          if (!has(keys, prefix)) missing.push(`${name}: ${prefix}.* (${file.path})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('names every value of the enumerations the interface shows', () => {
    const pagesFile = files.find((f) => f.path === 'app/pages.tsx')!.text;
    const expected = [
      ...roles.map((r) => `role.${r}`),
      ...personKinds.map((k) => `enum.personKind.${k}`),
      ...personTitles.map((v) => `enum.personTitle.${v}`),
      ...facilityLevels.map((v) => `enum.facilityLevel.${v}`),
      ...organisationTypes.map((v) => `enum.organisationType.${v}`),
      ...['long', 'short'].map((v) => `enum.term.${v}`),
      ...['female', 'male'].map((v) => `enum.gender.${v}`),
      ...['highway', 'county_road', 'township_road'].map((v) => `map.road.${v}`),
      ...Object.keys(errorCatalogue).map((code) => `errors.${code}`),
      ...[...pagesFile.matchAll(/id: '(\w+)'/g)].map((m) => `nav.${m[1]}`),
      ...[...pagesFile.matchAll(/group: '(\w+)'/g)].map((m) => `nav.group.${m[1]}`),
    ];
    expect(permissions.length).toBeGreaterThan(0);
    for (const [name, keys] of Object.entries(locales)) {
      expect(
        expected.filter((k) => !has(keys, k)),
        `missing in ${name}`,
      ).toEqual([]);
    }
  });

  it('finds no hard-coded user-visible strings in components', () => {
    const found = files.flatMap((f) => hardCodedStrings(f.path, f.text));
    expect(found).toEqual([]);
  });

  it('would notice hard-coded strings (the scanner itself works)', () => {
    const sample = `
      const columns = [{ title: 'Name', key: 'name' }];
      export const A = () => (
        <div title="Close me" className="x" data-testid="ok">
          Hello there
          {'literal child'}
          <Input placeholder={'搜索'} aria-label={t('search')} />
          {t('fine')} 12 · —
        </div>
      );`;
    const found = hardCodedStrings('sample.tsx', sample);
    expect(found.map((f) => f.replace(/^sample\.tsx:\d+ /, ''))).toEqual([
      'title: "Name"',
      'title="Close me"',
      'text "Hello there"',
      'child "literal child"',
      'placeholder="搜索"',
      '"搜索"',
    ]);
  });
});

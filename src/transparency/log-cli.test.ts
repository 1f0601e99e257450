// Tests of `zutuan log` (src/cli/commands/log.ts), kept in this folder with the code it drives.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  consistencyProofReport,
  formatReport,
  inclusionProofReport,
  parseLeaves,
  readLeavesFile,
  treeHashHex,
} from '../cli/commands/log';
import { parseHex, toHex } from './bytes';
import { leafHash } from './hash';
import { naiveMth } from './naive-merkle.test-helper';
import { verifyConsistency, verifyInclusion } from './verify';

const RFC_LEAVES = '\n00\n10\n2021\n3031\n40414243\n5051525354555657\n606162636465666768696a6b6c6d6e6f\n';
const hex = (h: string): Uint8Array => parseHex(h)!;

describe('leaves files', () => {
  it.each([
    ['aa\n\nbb\n', ['aa', '', 'bb']],
    ['aa\n\nbb', ['aa', '', 'bb']],
    ['', []],
    ['\n', ['']],
    ['\n\n', ['', '']],
    ['AB\r\ncd\r\n', ['ab', 'cd']],
  ])('%j holds %j', (text, leaves) => {
    expect(parseLeaves(text).map(toHex)).toEqual(leaves);
  });

  it.each([['zz\n'], ['abc\n'], ['aa\n b\n'], ['0x00\n']])('rejects non-hex %j with its line', (text) => {
    expect(() => parseLeaves(text, 'f.txt')).toThrow(/^f\.txt:\d+: a leaf must be hex/);
  });

  it('names an unreadable file', () => {
    expect(() => readLeavesFile('/nonexistent/leaves.txt')).toThrow(/cannot read \/nonexistent\/leaves\.txt/);
  });
});

describe('log tree-hash, inclusion-proof, consistency-proof', () => {
  const leaves = parseLeaves(RFC_LEAVES);

  it('hashes trees like the reference', () => {
    expect(treeHashHex([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(treeHashHex(leaves)).toBe('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328');
    expect(treeHashHex(parseLeaves('aa\n\nbb\n'))).toBe(toHex(naiveMth([hex('aa'), hex(''), hex('bb')])));
  });

  it('reports an inclusion proof that verifies, at the default or a given size', async () => {
    const report = await inclusionProofReport(leaves, 3);
    expect(report).toMatchObject({
      size: 8,
      root: '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
      leaf_hash: toHex(leafHash(hex('2021'))),
      proof: [
        '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
        'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
        '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
      ],
    });
    const smaller = await inclusionProofReport(leaves, 4, 5);
    expect(smaller.root).toBe('4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4');
    expect(verifyInclusion(4, 5, hex(smaller.leaf_hash), smaller.proof.map(hex), hex(smaller.root))).toBe(
      true,
    );
    expect(JSON.parse(formatReport(report))).toEqual(report);
    expect(formatReport({ size: 1, proof: [] })).toBe('{"size": 1, "proof": []}\n');
  });

  it('reports a consistency proof that verifies', async () => {
    const report = await consistencyProofReport(leaves, 6);
    expect(report.old_root).toBe('76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef');
    expect(report.proof[0]).toBe('0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a');
    expect(verifyConsistency(6, 8, hex(report.old_root), hex(report.root), report.proof.map(hex))).toBe(true);
    expect(await consistencyProofReport(leaves, 8)).toMatchObject({ old_size: 8, size: 8, proof: [] });
  });

  it('refuses bad input with a clear message', async () => {
    await expect(inclusionProofReport(leaves, 8)).rejects.toThrow(
      'index 8 is out of range for a tree of 8 leaves',
    );
    await expect(inclusionProofReport(leaves, 0, 9)).rejects.toThrow('size 9 exceeds the 8 leaves given');
    await expect(inclusionProofReport([], 0)).rejects.toThrow(/out of range/);
    await expect(consistencyProofReport(leaves, 9)).rejects.toThrow('old size 9 is larger than size 8');
    await expect(consistencyProofReport(leaves, 5, 4)).rejects.toThrow('old size 5 is larger than size 4');
    await expect(consistencyProofReport(leaves, 0)).rejects.toThrow(/at least 1/);
  });
});

describe('the zutuan command', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['bin/zutuan.js', 'log', ...args], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      encoding: 'utf8',
    });

  it('prints the tree hash of a leaves file, and fails clearly on a bad one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zutuan-log-'));
    writeFileSync(join(dir, 'leaves.txt'), RFC_LEAVES);
    writeFileSync(join(dir, 'bad.txt'), 'aa\nnot hex\n');
    const ok = run('tree-hash', '--leaves', join(dir, 'leaves.txt'));
    expect(ok.stdout).toBe('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328\n');
    expect(ok.status).toBe(0);
    const bad = run('tree-hash', '--leaves', join(dir, 'bad.txt'));
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('bad.txt:2: a leaf must be hex');
    expect(bad.stdout).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { parseBase64, toBase64 } from './bytes';
import { formatCheckpoint, openCheckpoint, parseCheckpoint, signCheckpoint } from './checkpoint';
import { generateNoteKeys, parseSignerKey, parseVerifierKey } from './note-keys';

// The note text of the C2SP tlog-checkpoint specification's example.
const SPEC_TEXT = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';

describe('C2SP tlog-checkpoint', () => {
  it('parses the specification example and formats it back identically', () => {
    const checkpoint = parseCheckpoint(SPEC_TEXT);
    expect(checkpoint.origin).toBe('example.com/behind-the-sofa');
    expect(checkpoint.size).toBe(20852163);
    expect(toBase64(checkpoint.rootHash)).toBe('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=');
    expect(checkpoint.extensions).toEqual([]);
    expect(formatCheckpoint(checkpoint)).toBe(SPEC_TEXT);
    expect(parseCheckpoint(`${SPEC_TEXT}ext one\n`).extensions).toEqual(['ext one']);
  });

  it.each([
    ['missing final newline', SPEC_TEXT.slice(0, -1)],
    ['leading zero', SPEC_TEXT.replace('20852163', '020852163')],
    ['negative size', SPEC_TEXT.replace('20852163', '-1')],
    ['size too large for exact arithmetic', SPEC_TEXT.replace('20852163', '9007199254740993')],
    ['short root', SPEC_TEXT.replace('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=', 'CsUYapGG')],
    ['empty origin', SPEC_TEXT.replace('example.com/behind-the-sofa', '')],
    ['empty extension line', `${SPEC_TEXT}\n`],
    ['only two lines', 'origin\n0\n'],
  ])('rejects %s', (_, text) => {
    expect(() => parseCheckpoint(text)).toThrow(/malformed checkpoint/);
  });

  it('signs and opens, checking the origin', () => {
    const keys = generateNoteKeys('zutuan.example/log');
    const checkpoint = {
      origin: 'zutuan.example/log',
      size: 0,
      rootHash: new Uint8Array(32),
      extensions: [],
    };
    const note = signCheckpoint(checkpoint, [parseSignerKey(keys.signerKey)]);
    expect(
      note.startsWith(
        'zutuan.example/log\n0\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n— zutuan.example/log ',
      ),
    ).toBe(true);
    const verifier = parseVerifierKey(keys.verifierKey);
    expect(openCheckpoint(note, [verifier], 'zutuan.example/log')).toEqual({ ok: true, checkpoint });
    expect(openCheckpoint(note, [verifier], 'other.example/log')).toMatchObject({
      ok: false,
      reason: 'wrong_origin',
    });
    expect(openCheckpoint(note.replace('\n0\n', '\n1\n'), [verifier], 'zutuan.example/log')).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
    expect(parseBase64('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB=')).toBeUndefined(); // non-canonical padding bits
  });
});

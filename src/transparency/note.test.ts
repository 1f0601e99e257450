import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openNote, signNote } from './note';
import {
  formatSignerKey,
  formatVerifierKey,
  generateNoteKeys,
  parseSignerKey,
  parseVerifierKey,
} from './note-keys';

// The example of the C2SP signed-note ecosystem (golang.org/x/mod/sumdb/note documentation).
// Ed25519 is deterministic (RFC 8032), so signing must reproduce the published note byte for byte.
const GO_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const GO_TEXT =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_NOTE = `${GO_TEXT}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

describe('C2SP signed notes', () => {
  it('verify the published example and reproduce it exactly', () => {
    const verifier = parseVerifierKey(GO_VKEY);
    expect(verifier.name).toBe('PeterNeumann');
    expect(verifier.keyId).toBe(0xc74f20a3);
    expect(openNote(GO_NOTE, [verifier])).toEqual({ ok: true, text: GO_TEXT, signedBy: ['PeterNeumann'] });
    const signer = parseSignerKey(GO_SKEY);
    expect(formatVerifierKey(signer)).toBe(GO_VKEY);
    expect(formatSignerKey(signer)).toBe(GO_SKEY);
    expect(signNote(GO_TEXT, [signer])).toBe(GO_NOTE);
  });

  it('round-trip with generated keys and reject tampering and wrong keys', () => {
    const keys = generateNoteKeys('zutuan.example/log');
    const signer = parseSignerKey(keys.signerKey);
    const verifier = parseVerifierKey(keys.verifierKey);
    expect(keys.verifierKey).toMatch(/^zutuan\.example\/log\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    const note = signNote('hello\n\nworld\n', [signer]);
    expect(openNote(note, [verifier])).toEqual({
      ok: true,
      text: 'hello\n\nworld\n',
      signedBy: ['zutuan.example/log'],
    });
    expect(openNote(note.replace('world', 'World'), [verifier])).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
    expect(openNote(note, [parseVerifierKey(GO_VKEY)])).toMatchObject({ ok: false, reason: 'unknown_key' });
    const other = parseVerifierKey(generateNoteKeys('zutuan.example/log').verifierKey);
    expect(openNote(note, [other])).toMatchObject({ ok: false, reason: 'unknown_key' });
    expect(openNote(note, [])).toMatchObject({ ok: false, reason: 'unknown_key' });
  });

  it('ignore signatures by unknown keys next to a known one', () => {
    const mine = parseSignerKey(generateNoteKeys('mine').signerKey);
    const witness = parseSignerKey(generateNoteKeys('witness').signerKey);
    const note = signNote(GO_TEXT, [witness, mine]);
    expect(openNote(note, [mine])).toEqual({ ok: true, text: GO_TEXT, signedBy: ['mine'] });
    expect(openNote(note, [mine, witness])).toMatchObject({ ok: true, signedBy: ['witness', 'mine'] });
    const sigLines = note.slice(GO_TEXT.length + 1);
    const junk = (keyId: number): string => {
      const blob = Buffer.alloc(68, 7);
      blob.writeUInt32BE(keyId, 0);
      return `— mine ${blob.toString('base64')}\n`;
    };
    // Same name, other key ID: an unknown key, ignored. Same name and key ID: must verify.
    expect(openNote(`${GO_TEXT}\n${junk((mine.keyId ^ 1) >>> 0)}${sigLines}`, [mine])).toMatchObject({
      ok: true,
    });
    expect(openNote(`${GO_TEXT}\n${junk(mine.keyId)}${sigLines}`, [mine])).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it.each([
    ['no blank line', `${GO_TEXT}— PeterNeumann x08g\n`],
    ['no final newline', GO_NOTE.slice(0, -1)],
    ['no signatures', `${GO_TEXT}\n`],
    ['hyphen instead of em dash', GO_NOTE.replace('—', '-')],
    ['no space after the name', GO_NOTE.replace('PeterNeumann x08', 'PeterNeumannx08')],
    ['bad base64', GO_NOTE.replace('AM=', 'AM')],
    ['signature too short', `${GO_TEXT}\n— PeterNeumann AAAA\n`],
    ['control character', GO_NOTE.replace('If you', 'If\tyou')],
    ['carriage returns', GO_NOTE.replaceAll('\n', '\r\n')],
  ])('reject a malformed note: %s', (_, note) => {
    expect(openNote(note, [parseVerifierKey(GO_VKEY)])).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('reject every mangling of a verifier key', () => {
    for (let i = 0; i < GO_VKEY.length; i++) {
      for (let j = i + 1; j <= GO_VKEY.length; j++) {
        if (i !== 0 || j !== GO_VKEY.length) expect(() => parseVerifierKey(GO_VKEY.slice(i, j))).toThrow();
      }
      const mangled =
        GO_VKEY.slice(0, i) + String.fromCharCode(GO_VKEY.charCodeAt(i) + 1) + GO_VKEY.slice(i + 1);
      expect(() => parseVerifierKey(mangled), mangled).toThrow();
    }
    expect(() => parseSignerKey(GO_VKEY)).toThrow();
    expect(() => parseSignerKey(GO_SKEY.replace('c74f20a3', 'c74f20a4'))).toThrow(/mismatch/);
  });

  it('refuse to sign text that is not a valid note text', () => {
    const signer = parseSignerKey(GO_SKEY);
    expect(() => signNote('no newline', [signer])).toThrow();
    expect(() => signNote('', [signer])).toThrow();
    expect(() => signNote('tab\there\n', [signer])).toThrow();
    expect(() => signNote('fine\n', [])).toThrow();
    expect(() => generateNoteKeys('has space')).toThrow();
    expect(() => generateNoteKeys('a+b')).toThrow();
  });

  it('never throw while opening arbitrary input', () => {
    const verifier = parseVerifierKey(GO_VKEY);
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string(), (noise, tail) => {
        expect(typeof openNote(noise, [verifier]).ok).toBe('boolean');
        expect(openNote(GO_NOTE + tail, [verifier]).ok).toBe(tail === '');
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { signNote } from '../../../../src/transparency/note';
import { generateNoteKeys, parseSignerKey } from '../../../../src/transparency/note-keys';
import { openSignedNote, parseVerifierKey } from './note';

const checkpoint = 'zutuan.example/log\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';

describe('the browser note checks agree with the server', () => {
  it("opens a checkpoint the server signed, with the server's verifier key", async () => {
    const keys = generateNoteKeys('zutuan.example');
    const note = signNote(checkpoint, [parseSignerKey(keys.signerKey)]);
    const key = await parseVerifierKey(keys.verifierKey);
    expect(key.name).toBe('zutuan.example');
    expect(await openSignedNote(note, key)).toBe(checkpoint);
  });

  it('refuses a changed text, another key, or a note without signatures', async () => {
    const keys = generateNoteKeys('zutuan.example');
    const other = generateNoteKeys('zutuan.example');
    const note = signNote(checkpoint, [parseSignerKey(keys.signerKey)]);
    const key = await parseVerifierKey(keys.verifierKey);
    expect(await openSignedNote(note.replace('\n5\n', '\n6\n'), key)).toBeNull();
    expect(await openSignedNote(note, await parseVerifierKey(other.verifierKey))).toBeNull();
    expect(await openSignedNote(checkpoint, key)).toBeNull();
  });

  it('refuses a verifier key whose id does not match its key', async () => {
    const { verifierKey } = generateNoteKeys('zutuan.example');
    const wrongId = verifierKey.replace(/^([^+]+)\+[0-9a-f]{8}\+/, '$1+00000000+');
    await expect(parseVerifierKey(wrongId)).rejects.toThrow(/key id/);
    await expect(parseVerifierKey('nonsense')).rejects.toThrow();
  });
});

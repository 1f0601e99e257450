import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mayAttestFor, partyOfRole } from './parties';
import { attestorPseudonym, signStatement, verifyStatement } from './signature';

describe('who may attest for a party', () => {
  const hq = '/hq/';
  const countyA = '/hq/k/a/';
  const hospitalA = '/hq/k/a/hosp/';
  it('maps each cadre role to its party and no other role to any', () => {
    expect(partyOfRole('commander')).toBe('command');
    expect(partyOfRole('recipient_cadre')).toBe('recipient');
    expect(partyOfRole('supporter_cadre')).toBe('supporter');
    for (const role of ['admin', 'expert', 'local_staff', 'viewer'] as const)
      expect(partyOfRole(role)).toBeUndefined();
  });
  it('accepts the party organisation itself and its ancestors, with the party role only', () => {
    expect(mayAttestFor({ role: 'recipient_cadre', scopePath: hospitalA }, 'recipient', hospitalA)).toBe(
      true,
    );
    expect(mayAttestFor({ role: 'recipient_cadre', scopePath: countyA }, 'recipient', hospitalA)).toBe(true);
    expect(mayAttestFor({ role: 'commander', scopePath: hq }, 'command', hq)).toBe(true);
    // A descendant, a sibling, or the wrong role may not.
    expect(mayAttestFor({ role: 'recipient_cadre', scopePath: hospitalA }, 'recipient', countyA)).toBe(false);
    expect(mayAttestFor({ role: 'recipient_cadre', scopePath: '/hq/k/b/' }, 'recipient', hospitalA)).toBe(
      false,
    );
    expect(mayAttestFor({ role: 'commander', scopePath: hq }, 'recipient', hospitalA)).toBe(false);
    expect(mayAttestFor({ role: 'admin', scopePath: hq }, 'command', hq)).toBe(false);
  });
});

describe('attestation pseudonyms and signatures', () => {
  const salt = new Uint8Array(32).fill(7);
  it('hides the user id behind a per-request salt', () => {
    const a = attestorPseudonym(salt, 'u1');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toContain('u1');
    expect(attestorPseudonym(salt, 'u1')).toBe(a);
    expect(attestorPseudonym(new Uint8Array(32).fill(8), 'u1')).not.toBe(a);
    expect(attestorPseudonym(salt, 'u2')).not.toBe(a);
  });
  it('signs a statement with Ed25519 so that any change of it fails verification', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const key = { name: 'k', keyId: 1, publicKey, privateKey };
    const s = {
      kind: 'need.resolved.attested',
      recordId: 'r',
      recordDigest: 'a'.repeat(64),
      party: 'command' as const,
      attestorId: 'b'.repeat(64),
      time: '2024-01-01T00:00:00.000Z',
    };
    const sig = signStatement(key, s);
    expect(Buffer.from(sig, 'base64')).toHaveLength(64);
    expect(verifyStatement(key, s, sig)).toBe(true);
    expect(verifyStatement(key, { ...s, party: 'recipient' }, sig)).toBe(false);
    expect(verifyStatement(key, { ...s, recordDigest: 'c'.repeat(64) }, sig)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { encodeEntry, type LogEntry, recordDigest } from './entry';

const entry: LogEntry = {
  kind: 'assessment.recorded',
  recordId: 'asm_01',
  recordDigest: '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
  attestations: [{ party: 'Z', attestorId: 'p_7', signature: 'c2ln' }],
  time: '2025-03-01T08:00:00.000Z',
};

describe('log entries', () => {
  it('encode as RFC 8785 canonical JSON of exactly their five fields', () => {
    const text = new TextDecoder().decode(encodeEntry(entry));
    expect(text).toBe(
      '{"attestations":[{"attestorId":"p_7","party":"Z","signature":"c2ln"}],"kind":"assessment.recorded",' +
        '"recordDigest":"44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","recordId":"asm_01",' +
        '"time":"2025-03-01T08:00:00.000Z"}',
    );
    const withExtra = { ...entry, secret: 'x', attestations: [{ ...entry.attestations[0]!, note: 'y' }] };
    expect(encodeEntry(withExtra)).toEqual(encodeEntry(entry));
  });

  it('digest records independently of key order, in UTF-8', () => {
    expect(recordDigest({})).toBe('44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
    expect(recordDigest({ b: 1, a: [true, null, '见证'] })).toBe(
      recordDigest({ a: [true, null, '见证'], b: 1 }),
    );
    expect(recordDigest({ a: 1 })).not.toBe(recordDigest({ a: '1' }));
  });
});

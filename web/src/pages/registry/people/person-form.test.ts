import { describe, expect, it } from 'vitest';
import { personProblems, toPersonInput } from './person-form';

const valid = {
  fullName: '王小明',
  kind: 'local_staff' as const,
  organisationId: '00000000-0000-4000-8000-000000000205',
};

describe('person form validation (the server schema)', () => {
  it('accepts a minimal valid person and sends blanks as null', () => {
    expect(personProblems({ ...valid, phone: '', title: undefined })).toEqual([]);
    expect(toPersonInput({ ...valid, phone: '138 0013-8000' })).toMatchObject({
      phone: '13800138000',
      title: null,
    });
  });

  it('names each bad field with the issue code', () => {
    const problems = personProblems({ fullName: '  ', phone: '12345', birthYear: 1900 });
    const byField = Object.fromEntries(problems.map((p) => [p.field, p.code]));
    expect(byField).toEqual({
      fullName: 'too_small',
      kind: 'invalid_value',
      organisationId: 'invalid_type',
      birthYear: 'too_small',
      phone: 'invalid_format',
    });
  });
});

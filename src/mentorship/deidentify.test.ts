import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findIdentifiers, idCardCheckChar, isIdCard15, isIdCard18 } from './deidentify';

/** Text with no digits at all (CJK, Latin letters, punctuation and spaces). */
const plainText = fc
  .array(fc.constantFrom(...'患者男性术后恢复良好予以观察 abcdefg，。；：（）-\n'.split('')), {
    maxLength: 40,
  })
  .map((cs) => cs.join(''));

const validIdCard = fc
  .record({
    area: fc.integer({ min: 110000, max: 659999 }),
    date: fc.date({ min: new Date('1920-01-01'), max: new Date('2025-12-31'), noInvalidDate: true }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ area, date, seq }) => {
    const first17 = `${area}${date.toISOString().slice(0, 10).replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
    return first17 + idCardCheckChar(first17);
  });

const separator = fc.constantFrom('', ' ', '-', '.');
const mobile = fc
  .tuple(
    fc.constantFrom('13', '14', '15', '16', '17', '18', '19'),
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }),
    separator,
    fc.constantFrom('', '+86 ', '0086-'),
  )
  .map(([head, rest, sep, prefix]) => {
    const d = head + rest.join('');
    return `${prefix}${d.slice(0, 3)}${sep}${d.slice(3, 7)}${sep}${d.slice(7)}`;
  });

describe('identity card numbers (GB 11643)', () => {
  it('accepts published examples and computes their check characters', () => {
    expect(idCardCheckChar('11010519491231002')).toBe('X');
    expect(isIdCard18('11010519491231002X')).toBe(true);
    expect(isIdCard18('440524188001010014')).toBe(false); // year 1880 is not a plausible birth year
    expect(isIdCard18('110105194912310021')).toBe(false); // wrong check digit
    expect(isIdCard18('110105194913310028')).toBe(false); // month 13
    expect(isIdCard15('110105491231002')).toBe(true);
    expect(isIdCard15('110105491331002')).toBe(false);
  });

  it('finds any valid 18-digit number in surrounding text, with its exact span', () => {
    fc.assert(
      fc.property(plainText, validIdCard, plainText, (before, id, after) => {
        const spans = findIdentifiers(`${before}${id}${after}`);
        expect(spans).toEqual([{ kind: 'id_card', start: before.length, end: before.length + 18, text: id }]);
      }),
    );
  });

  it('does not take a number whose check character is wrong for an ID card', () => {
    fc.assert(
      fc.property(validIdCard, fc.integer({ min: 1, max: 10 }), (id, shift) => {
        const chars = '0123456789X';
        const wrong = chars[(chars.indexOf(id[17] as string) + shift) % 11] as string;
        const text = `编号${id.slice(0, 17)}${wrong}`;
        expect(findIdentifiers(text).filter((s) => s.kind === 'id_card')).toEqual([]);
      }),
    );
  });

  it('reads full-width digits', () => {
    const full = '１１０１０５１９４９１２３１００２Ｘ';
    expect(findIdentifiers(`身份证${full}。`)).toEqual([{ kind: 'id_card', start: 3, end: 21, text: full }]);
  });
});

describe('phone numbers', () => {
  it('finds mainland mobile numbers written with or without separators and country code', () => {
    fc.assert(
      fc.property(plainText, mobile, plainText, (before, number, after) => {
        const spans = findIdentifiers(`${before}${number}${after}`);
        expect(spans).toEqual([
          { kind: 'phone', start: before.length, end: before.length + number.length, text: number },
        ]);
      }),
    );
  });

  it('leaves landlines, short numbers and lab values alone', () => {
    expect(findIdentifiers('血红蛋白 120 g/L，0891-6321234，住院号 2024001234')).toEqual([]);
    expect(findIdentifiers('12800138000 不是手机号')).toEqual([]);
  });
});

describe('patient names', () => {
  it('finds every occurrence of a recorded name, case-insensitively for Latin names', () => {
    expect(findIdentifiers('卓玛术后第三天，卓玛可下床', ['卓玛'])).toEqual([
      { kind: 'patient_name', start: 0, end: 2, text: '卓玛' },
      { kind: 'patient_name', start: 8, end: 10, text: '卓玛' },
    ]);
    expect(findIdentifiers('Seen with DAWA today', ['Dawa'])).toMatchObject([{ start: 10, end: 14 }]);
  });

  it('finds nothing in text without digits when no name is recorded in it', () => {
    fc.assert(
      fc.property(plainText, (text) => {
        expect(findIdentifiers(text, ['达瓦次仁'])).toEqual([]);
      }),
    );
  });
});

describe('any input', () => {
  it('never throws, and every span lies inside the text and quotes it', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.array(fc.string({ maxLength: 5 }), { maxLength: 4 }),
        (text, names) => {
          for (const s of findIdentifiers(text, names)) {
            expect(s.start).toBeGreaterThanOrEqual(0);
            expect(s.end).toBeLessThanOrEqual(text.length);
            expect(s.end).toBeGreaterThan(s.start);
            expect(s.text).toBe(text.slice(s.start, s.end));
          }
        },
      ),
    );
  });
});

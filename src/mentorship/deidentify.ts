/**
 * The de-identification check for case summaries: finds what identifies a patient so the API
 * can refuse the text and say which part to remove. Pure: the caller passes the patient names
 * recorded elsewhere (src/mentorship/patient-names.ts finds the ones the text contains).
 *
 * Offsets are UTF-16 code unit indexes into the text as given (JavaScript string indexes);
 * full-width digits (０–９, Ｘ) are read as their ASCII forms, which keeps every offset.
 */
export type IdentifierKind = 'id_card' | 'phone' | 'patient_name';
export type IdentifierSpan = { kind: IdentifierKind; start: number; end: number; text: string };

/** GB 11643-1999 (ISO 7064 MOD 11-2) weights of the first 17 digits of an 18-digit ID number. */
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChars = '10X98765432';

/** The check character of an 18-digit resident identity card number, from its first 17 digits. */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (weights[i] as number);
  return checkChars[sum % 11] as string;
}

const isDate = (year: number, month: number, day: number) => {
  if (month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
};

/** Whether 18 characters are a valid ID number: a real birth date and a matching check character. */
export function isIdCard18(s: string): boolean {
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  const year = Number(s.slice(6, 10));
  if (year < 1900 || year > 2100 || !isDate(year, Number(s.slice(10, 12)), Number(s.slice(12, 14))))
    return false;
  return idCardCheckChar(s.slice(0, 17)) === s[17];
}

/** Whether 15 digits are a first-generation ID number (area, YYMMDD birth date in 19YY, sequence). */
export function isIdCard15(s: string): boolean {
  if (!/^\d{15}$/.test(s)) return false;
  return isDate(1900 + Number(s.slice(6, 8)), Number(s.slice(8, 10)), Number(s.slice(10, 12)));
}

/** Full-width digits and X to ASCII, one code unit for one: offsets stay valid. */
const toAscii = (text: string) =>
  text.replace(/[０-９Ｘｘx]/g, (c) =>
    c === 'Ｘ' || c === 'ｘ' || c === 'x' ? 'X' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );

// Runs of digits (with a trailing X) not glued to other digits: candidate ID numbers.
const digitRun = /(?<![\dX])\d{14,17}[\dX](?![\dX])/g;
// Mainland mobile numbers: 1[3-9] and nine more digits, optionally +86 / 0086 first, with
// spaces, hyphens or dots between digit groups.
const phone = /(?<!\d)(?:(?:\+|00)86[\s.-]?)?1[3-9](?:[\s.\-–—]{0,3}\d){9}(?!\d)/g;

/** Every identity card number, mobile phone number and known patient name in `text`, in order. */
export function findIdentifiers(text: string, patientNames: readonly string[] = []): IdentifierSpan[] {
  const ascii = toAscii(text);
  const spans: IdentifierSpan[] = [];
  const add = (kind: IdentifierKind, start: number, end: number) =>
    spans.push({ kind, start, end, text: text.slice(start, end) });

  for (const m of ascii.matchAll(digitRun)) {
    const s = m[0];
    if ((s.length === 18 && isIdCard18(s)) || (s.length === 15 && isIdCard15(s))) {
      add('id_card', m.index, m.index + s.length);
    }
  }
  for (const m of ascii.matchAll(phone)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!spans.some((s) => s.start < end && start < s.end)) add('phone', start, end);
  }
  // Case-insensitive for Latin names, unless lower-casing would move offsets (e.g. 'İ').
  const lower = text.toLowerCase().length === text.length ? text.toLowerCase() : text;
  for (const name of new Set(patientNames.map((n) => n.trim()).filter((n) => n.length >= 2))) {
    const needle = name.toLowerCase();
    for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length)) {
      add('patient_name', at, at + needle.length);
    }
  }
  return spans.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** A short human description of a span, for the API's message (the text itself is not echoed in logs). */
export const describeSpan = (s: IdentifierSpan): string =>
  `${{ id_card: 'identity card number', phone: 'phone number', patient_name: 'patient name' }[s.kind]} at characters ${s.start + 1}–${s.end}`;

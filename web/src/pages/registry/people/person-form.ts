import { type PersonInput, personInput } from '../../../../../src/registry/people/schema';

/** The form's raw values (antd gives empty strings and undefined where the API wants null). */
export type PersonFormValues = {
  fullName?: string;
  kind?: PersonInput['kind'];
  organisationId?: string;
  gender?: 'female' | 'male' | null;
  birthYear?: number | null;
  title?: PersonInput['title'];
  specialtyCode?: string | null;
  phone?: string | null;
};
export type PersonField = keyof PersonInput;

const blankToNull = <T>(v: T | '' | undefined): T | null => (v === '' || v === undefined ? null : v);

/** The API body for the form's values: optional blanks become null, the phone loses spaces and dashes. */
export function toPersonInput(values: PersonFormValues): Record<string, unknown> {
  const phone = typeof values.phone === 'string' ? values.phone.replace(/[\s-]/g, '') : values.phone;
  return {
    organisationId: values.organisationId,
    kind: values.kind,
    fullName: values.fullName ?? '',
    gender: blankToNull(values.gender),
    birthYear: blankToNull(values.birthYear),
    title: blankToNull(values.title),
    specialtyCode: blankToNull(values.specialtyCode),
    phone: blankToNull(phone),
  };
}

export type FieldProblem = { field: PersonField; code: string; message: string };

/**
 * Checks the form with the server's own schema (`personInput`), so the form refuses exactly
 * what the server would; each problem names its field and Zod's issue code for translation.
 */
export function personProblems(values: PersonFormValues): FieldProblem[] {
  const result = personInput.safeParse(toPersonInput(values));
  if (result.success) return [];
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '') as PersonField;
    if (seen.has(field)) continue;
    seen.add(field);
    problems.push({ field, code: issue.code, message: issue.message });
  }
  return problems;
}

/** i18n keys to try for a problem, most specific first. */
export const problemKeys = (p: { field: string; code: string }) => [
  `people.validation.${p.field}.${p.code}`,
  `people.validation.${p.field}.any`,
  `validation.${p.code}`,
];

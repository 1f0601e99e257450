import { Alert, type FormInstance, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ApiError } from '../../app/api';
import { ErrorDetail, useErrorTitle } from '../../components/states';
import type { AssessmentStatus, IdentifierSpan, MentorshipStatus } from './types';

export const statusColour: Record<MentorshipStatus, string> = {
  proposed: 'gold',
  active: 'green',
  extended: 'cyan',
  completed: 'blue',
  ended_early: 'red',
  withdrawn: 'default',
};
export const assessmentColour: Record<AssessmentStatus, string> = {
  pending_confirmation: 'gold',
  confirmed: 'green',
  disputed: 'red',
};
export const levelColour = ['', '#8c8c8c', '#d48806', '#1677ff', '#389e0d', '#722ed1'];

export function StatusTag({ status }: { status: MentorshipStatus }) {
  const { t } = useTranslation();
  return <Tag color={statusColour[status]}>{t(`mentorship.status.${status}`)}</Tag>;
}

export function AssessmentStatusTag({ status }: { status: AssessmentStatus }) {
  const { t } = useTranslation();
  return <Tag color={assessmentColour[status]}>{t(`mentorship.assessmentStatus.${status}`)}</Tag>;
}

/** An entrustment level as people read it: the number and what it means (1 observes … 5 can teach). */
export function LevelTag({ level }: { level: number | null }) {
  const { t } = useTranslation();
  if (level === null) return <Typography.Text type="secondary">{t('mentorship.level.none')}</Typography.Text>;
  return (
    <Tag color={levelColour[level]} style={{ marginInlineEnd: 0 }}>
      {t(`mentorship.level.${level}`)}
    </Tag>
  );
}

/** Select options of the 1–5 scale with their meaning. */
export const levelOptions = (t: TFunction) =>
  [1, 2, 3, 4, 5].map((l) => ({ value: l, label: t(`mentorship.level.${l}`) }));

/** A Zod issue in the interface language (the server's English message as the fallback). */
export function issueMessage(t: TFunction, issue: z.core.$ZodIssue): string {
  return t(`mentorship.invalid.${issue.code}`, { defaultValue: issue.message });
}

/**
 * Checks a request body with the server's own schema before sending it and puts each problem
 * next to its field; answers whether the body is valid.
 */
export function checkWith<T>(
  t: TFunction,
  schema: z.ZodType<T>,
  body: unknown,
  form: FormInstance,
  fieldOf: (path: PropertyKey[]) => (string | number)[] | null = (p) => p as (string | number)[],
): T | null {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const fields = result.error.issues.flatMap((issue) => {
    const name = fieldOf(issue.path);
    return name ? [{ name, errors: [issueMessage(t, issue)] }] : [];
  });
  form.setFields(fields as never);
  return null;
}

/** Puts a VALIDATION_FAILED answer's issues next to their fields; answers whether any was placed. */
export function placeServerIssues(error: unknown, form: FormInstance, fields: string[]): boolean {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return false;
  const placed = error.issues.filter((i) => fields.includes(i.path));
  form.setFields(placed.map((i) => ({ name: i.path, errors: [i.message] })) as never);
  return placed.length > 0;
}

/** A failed save, at the top of a form. */
export function FormError({ error }: { error: unknown }) {
  const title = useErrorTitle();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={title(error)}
      description={<ErrorDetail error={error} />}
    />
  );
}

/** The spans of a refused text, from the 400 answer's `details.spans`. */
export function identifierSpans(error: unknown): IdentifierSpan[] {
  if (!(error instanceof ApiError)) return [];
  const spans = (error.details as { spans?: unknown } | undefined)?.spans;
  return Array.isArray(spans) ? (spans as IdentifierSpan[]) : [];
}

/**
 * The refused text with each identifying part marked, and a list saying what each part is, so
 * the teacher sees exactly what to delete.
 */
export function SpanHighlight({ text, spans }: { text: string; spans: IdentifierSpan[] }) {
  const { t } = useTranslation();
  if (spans.length === 0) return null;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const s of sorted) {
    if (s.start < at) continue;
    parts.push(text.slice(at, s.start));
    parts.push(
      <mark
        key={s.start}
        style={{ background: '#ffa39e', padding: '0 2px', borderRadius: 2 }}
        title={t(`mentorship.identifier.${s.kind}`)}
      >
        {text.slice(s.start, s.end)}
      </mark>,
    );
    at = s.end;
  }
  parts.push(text.slice(at));
  return (
    <div data-testid="identifier-spans" role="alert" style={{ marginTop: 8 }}>
      <Typography.Text type="danger" strong>
        {t('mentorship.activity.removeIdentifiers')}
      </Typography.Text>
      <div
        style={{
          whiteSpace: 'pre-wrap',
          border: '1px solid #ffccc7',
          background: '#fff2f0',
          borderRadius: 6,
          padding: '6px 10px',
          marginTop: 4,
          lineHeight: 1.8,
        }}
      >
        {parts}
      </div>
      <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
        {sorted.map((s) => (
          <li key={`${s.start}-${s.end}`}>
            {t('mentorship.activity.spanItem', {
              kind: t(`mentorship.identifier.${s.kind}`),
              text: s.text,
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}

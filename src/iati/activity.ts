// IATI 2.03 activity XML (https://iatistandard.org/en/iati-standard/203/activity-standard/) for
// a programme: the programme is the parent activity, each batch a child activity (hierarchy 2),
// with participating organisations by role and results with baseline, target and actual.

/** IATI OrganisationRole codes. */
export const orgRole = { funding: 1, accountable: 2, extending: 3, implementing: 4 } as const;
export type OrgRole = keyof typeof orgRole;

export type IatiOrganisation = {
  ref: string;
  name: string;
  nameEn: string | null;
  type: number;
  role: OrgRole;
};
export type IatiIndicator = {
  title: string;
  titleEn: string;
  /** The figure at the start of the period, and the year it was measured. */
  baseline: { year: number; isoDate: string; value: number };
  target: number | null;
  actual: number;
};
export type IatiBatch = {
  number: number;
  name: string;
  startsOn: string;
  endsOn: string;
  organisations: IatiOrganisation[];
  indicators: IatiIndicator[];
};
export type IatiProgramme = {
  identifier: string;
  reportingOrg: { ref: string; name: string; nameEn: string | null };
  title: string;
  titleEn: string | null;
  description: string;
  startedOn: string;
  organisations: IatiOrganisation[];
  batches: IatiBatch[];
};

const xmlEscape = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

/** One or two narratives: the Chinese default and an English one when there is one. */
const narratives = (zh: string, en: string | null) =>
  `<narrative>${xmlEscape(zh)}</narrative>${en ? `<narrative xml:lang="en">${xmlEscape(en)}</narrative>` : ''}`;

const participatingOrg = (o: IatiOrganisation) =>
  `<participating-org ref="${xmlEscape(o.ref)}" role="${orgRole[o.role]}" type="${o.type}">${narratives(o.name, o.nameEn)}</participating-org>`;

// ActivityDateType: 1 planned start, 2 actual start, 3 planned end, 4 actual end.
const dates = (startsOn: string, endsOn: string, today: string) =>
  [
    `<activity-date iso-date="${startsOn}" type="${startsOn <= today ? 2 : 1}"/>`,
    `<activity-date iso-date="${endsOn}" type="${endsOn <= today ? 4 : 3}"/>`,
  ].join('');

// ActivityStatus: 1 pipeline, 2 implementation, 3 finalisation, 4 closed.
const status = (startsOn: string, endsOn: string | null, today: string) =>
  startsOn > today ? 1 : endsOn !== null && endsOn < today ? 4 : 2;

// DAC 5-digit sectors: medical services, basic health care, health personnel development.
const sectors =
  '<sector vocabulary="1" code="12191" percentage="40"/><sector vocabulary="1" code="12220" percentage="30"/>' +
  '<sector vocabulary="1" code="12281" percentage="30"/>';

function result(indicator: IatiIndicator, startsOn: string, endsOn: string) {
  const b = indicator.baseline;
  return [
    '<result type="1" aggregation-status="1">',
    `<title>${narratives(indicator.title, indicator.titleEn)}</title>`,
    '<indicator measure="1" ascending="1">',
    `<title>${narratives(indicator.title, indicator.titleEn)}</title>`,
    `<baseline year="${b.year}" iso-date="${b.isoDate}" value="${b.value}"/>`,
    '<period>',
    `<period-start iso-date="${startsOn}"/><period-end iso-date="${endsOn}"/>`,
    indicator.target === null ? '' : `<target value="${indicator.target}"/>`,
    `<actual value="${indicator.actual}"/>`,
    '</period></indicator></result>',
  ].join('');
}

/** The programme as an IATI 2.03 `iati-activities` document (UTF-8 text). */
export function iatiActivitiesXml(p: IatiProgramme, generatedAt: Date): string {
  const now = generatedAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const today = now.slice(0, 10);
  const batchId = (b: IatiBatch) => `${p.identifier}-B${b.number}`;
  const lastEnd = p.batches.reduce<string | null>(
    (end, b) => (end === null || b.endsOn > end ? b.endsOn : end),
    null,
  );
  const reporting = `<reporting-org ref="${xmlEscape(p.reportingOrg.ref)}" type="10">${narratives(p.reportingOrg.name, p.reportingOrg.nameEn)}</reporting-org>`;
  const activity = (attrs: string, body: string[]) =>
    `<iati-activity last-updated-datetime="${now}" xml:lang="zh" default-currency="CNY" ${attrs}>\n${body.filter(Boolean).join('\n')}\n</iati-activity>`;

  const parent = activity('hierarchy="1"', [
    `<iati-identifier>${xmlEscape(p.identifier)}</iati-identifier>`,
    reporting,
    `<title>${narratives(p.title, p.titleEn)}</title>`,
    `<description type="1">${narratives(p.description, null)}</description>`,
    ...p.organisations.map(participatingOrg),
    `<activity-status code="${status(p.startedOn, null, today)}"/>`,
    `<activity-date iso-date="${p.startedOn}" type="2"/>`,
    '<recipient-country code="CN" percentage="100"/>',
    sectors,
    ...p.batches.map((b) => `<related-activity ref="${xmlEscape(batchId(b))}" type="2"/>`),
    // The programme's results run from its start (or its last batch's end, if that is earlier) to that end.
    ...(lastEnd
      ? sumIndicators(p.batches).map((i) => result(i, [p.startedOn, lastEnd].sort()[0]!, lastEnd))
      : []),
  ]);
  const children = p.batches.map((b) =>
    activity('hierarchy="2"', [
      `<iati-identifier>${xmlEscape(batchId(b))}</iati-identifier>`,
      reporting,
      `<title>${narratives(b.name, `Batch ${b.number}`)}</title>`,
      `<description type="1">${narratives(`${p.title}：${b.name}`, null)}</description>`,
      ...b.organisations.map(participatingOrg),
      `<activity-status code="${status(b.startsOn, b.endsOn, today)}"/>`,
      dates(b.startsOn, b.endsOn, today),
      '<recipient-country code="CN" percentage="100"/>',
      sectors,
      `<related-activity ref="${xmlEscape(p.identifier)}" type="1"/>`,
      ...b.indicators.map((i) => result(i, b.startsOn, b.endsOn)),
    ]),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" generated-datetime="${now}">\n${[parent, ...children].join('\n')}\n</iati-activities>\n`;
}

/** The programme's results: each indicator summed over its batches (baseline of the first). */
function sumIndicators(batches: readonly IatiBatch[]): IatiIndicator[] {
  const byTitle = new Map<string, IatiIndicator>();
  for (const b of batches) {
    for (const i of b.indicators) {
      const sum = byTitle.get(i.title);
      if (!sum) byTitle.set(i.title, { ...i });
      else {
        sum.actual += i.actual;
        sum.target = sum.target === null || i.target === null ? null : sum.target + i.target;
      }
    }
  }
  return [...byTitle.values()];
}

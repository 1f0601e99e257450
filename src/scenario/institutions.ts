import { chineseNumeral } from './names';
import type { Random } from './random';

/** The supporter's tertiary hospitals and the social contributors: fictional names. */

export type SupportingHospitalName = { name: string; nameEn: string; focus: readonly string[] | null };

const generalFocus = null;
const namedHospitals: readonly SupportingHospitalName[] = [
  { name: 'J省人民医院', nameEn: "J Provincial People's Hospital", focus: generalFocus },
  { name: 'J省第一医院', nameEn: 'J Provincial First Hospital', focus: generalFocus },
  { name: 'J省第二医院', nameEn: 'J Provincial Second Hospital', focus: generalFocus },
  {
    name: 'J医科大学附属第一医院',
    nameEn: 'First Affiliated Hospital of J Medical University',
    focus: generalFocus,
  },
  {
    name: 'J医科大学附属第二医院',
    nameEn: 'Second Affiliated Hospital of J Medical University',
    focus: generalFocus,
  },
  {
    name: 'J省妇幼保健院',
    nameEn: 'J Provincial Maternal and Child Health Hospital',
    focus: ['obstetrics_gynaecology', 'paediatrics', 'public_health'],
  },
  {
    name: 'J省儿童医院',
    nameEn: "J Provincial Children's Hospital",
    focus: ['paediatrics', 'anaesthesiology', 'emergency_medicine'],
  },
  {
    name: 'J省中医院',
    nameEn: 'J Provincial Hospital of Traditional Chinese Medicine',
    focus: ['traditional_chinese_medicine', 'internal_medicine', 'orthopaedics'],
  },
  { name: 'J省口腔医院', nameEn: 'J Provincial Stomatological Hospital', focus: ['stomatology'] },
];

/** The named nine first; larger scenarios add numbered provincial hospitals. */
export function supportingHospitalNames(count: number): SupportingHospitalName[] {
  const names = namedHospitals.slice(0, count);
  for (let n = 3; names.length < count; n++) {
    names.push({
      name: `J省第${chineseNumeral(n)}医院`,
      nameEn: `J Provincial Hospital No. ${n}`,
      focus: generalFocus,
    });
  }
  return names;
}

export type ContributorName = { name: string; nameEn: string; type: 'social_contributor' | 'enterprise' };

const contributorStems = [
  ['雪域', 'Snowland'],
  ['高原', 'Plateau'],
  ['格桑花', 'Gesang Flower'],
  ['云端', 'Cloudtop'],
  ['天路', 'Sky Road'],
  ['康宁', 'Kangning'],
  ['仁心', 'Renxin'],
  ['博济', 'Boji'],
  ['远山', 'Far Mountain'],
  ['星火', 'Spark'],
] as const;
const contributorKinds = [
  ['健康公益基金会', 'Health Foundation', 'social_contributor'],
  ['医疗设备有限公司', 'Medical Equipment Co., Ltd.', 'enterprise'],
  ['远程医疗科技有限公司', 'Telemedicine Technology Co., Ltd.', 'enterprise'],
  ['乡村医生志愿者协会', 'Rural Doctors Volunteer Association', 'social_contributor'],
  ['医药有限公司', 'Pharmaceutical Co., Ltd.', 'enterprise'],
] as const;

/** Distinct contributor names: one foundation and enterprises first, then any combination. */
export function contributorNames(random: Random, count: number): ContributorName[] {
  const all: ContributorName[] = [];
  for (const [stem, stemEn] of contributorStems) {
    for (const [kind, kindEn, type] of contributorKinds)
      all.push({ name: stem + kind, nameEn: `${stemEn} ${kindEn}`, type });
  }
  random.shuffle(all);
  const firstFoundation = all.findIndex((c) => c.type === 'social_contributor');
  const firstEnterprise = all.findIndex((c) => c.type === 'enterprise');
  const lead = [all[firstFoundation], all[firstEnterprise]] as ContributorName[];
  const rest = all.filter((_, k) => k !== firstFoundation && k !== firstEnterprise);
  const names = [...lead, ...rest].slice(0, count);
  for (let n = 2; names.length < count; n++) {
    const base = all[names.length % all.length] as ContributorName;
    names.push({
      ...base,
      name: `${base.name}（第${chineseNumeral(n % 1000)}分会）`,
      nameEn: `${base.nameEn} (branch ${n})`,
    });
  }
  return names;
}

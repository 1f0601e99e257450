import type { Insertable, Transaction } from 'kysely';
import type { DB } from '../db/schema';
import type { MentorshipTables } from '../mentorship/tables';
import { addDays, addMonths } from './calendar';
import type { Random } from './random';
import { DEMO_TODAY } from './staffing';
import type { DeploymentRow, PersonRow, Scenario } from './types';

type Rows<K extends keyof MentorshipTables> = Insertable<MentorshipTables[K]>[];

/** The mentorship part of the demo: rows per table, in foreign-key order. */
export type MentorshipScenario = {
  competencies: Rows<'competencies'>;
  mentorships: Rows<'mentorships'>;
  mentorship_apprentices: Rows<'mentorship_apprentices'>;
  mentorship_goals: Rows<'mentorship_goals'>;
  mentorship_acceptances: Rows<'mentorship_acceptances'>;
  teaching_activities: Rows<'teaching_activities'>;
  activity_attendees: Rows<'activity_attendees'>;
  activity_competencies: Rows<'activity_competencies'>;
  assessments: Rows<'assessments'>;
  service_records: Rows<'service_records'>;
};

/** Realistic catalogue items per specialty: [code, 中文, English]. */
const catalogue: Record<string, [string, string, string][]> = {
  anaesthesiology: [
    ['an_us_nerve_block', '超声引导下神经阻滞', 'Ultrasound-guided nerve block'],
    ['an_difficult_airway', '困难气道管理', 'Difficult airway management'],
    ['an_spinal', '椎管内麻醉', 'Neuraxial anaesthesia'],
  ],
  general_surgery: [
    ['gs_lap_chole', '腹腔镜胆囊切除术', 'Laparoscopic cholecystectomy'],
    ['gs_hernia', '腹股沟疝修补术', 'Inguinal hernia repair'],
    ['gs_appendix', '阑尾切除术', 'Appendicectomy'],
  ],
  internal_medicine: [
    ['im_copd', '慢阻肺规范化诊治', 'COPD management'],
    ['im_bronchoscopy', '支气管镜检查', 'Bronchoscopy'],
  ],
  cardiology: [
    ['cd_echo', '床旁心脏超声', 'Bedside echocardiography'],
    ['cd_stemi', '急性心梗溶栓', 'Thrombolysis for STEMI'],
  ],
  obstetrics_gynaecology: [
    ['og_pph', '产后出血救治', 'Postpartum haemorrhage management'],
    ['og_caesarean', '剖宫产术', 'Caesarean section'],
  ],
  paediatrics: [
    ['pd_neonatal_resus', '新生儿复苏', 'Neonatal resuscitation'],
    ['pd_pneumonia', '儿童重症肺炎救治', 'Severe paediatric pneumonia'],
  ],
  emergency_medicine: [
    ['em_trauma', '严重创伤急救', 'Major trauma care'],
    ['em_cpr', '高级心肺复苏', 'Advanced life support'],
  ],
  orthopaedics: [
    ['or_fracture', '四肢骨折内固定', 'Limb fracture fixation'],
    ['or_arthroscopy', '膝关节镜手术', 'Knee arthroscopy'],
  ],
  medical_imaging: [
    ['mi_ct', 'CT 影像诊断', 'CT reading'],
    ['mi_ultrasound', '腹部超声', 'Abdominal ultrasound'],
  ],
  ophthalmology: [
    ['op_cataract', '白内障超声乳化术', 'Phacoemulsification'],
    ['op_fundus', '眼底病筛查', 'Fundus screening'],
  ],
  stomatology: [['st_root_canal', '根管治疗', 'Root canal treatment']],
  infectious_diseases: [['id_tb', '结核病规范化诊治', 'Tuberculosis management']],
  nursing: [
    ['nu_icu', '重症护理', 'Critical care nursing'],
    ['nu_picc', 'PICC 置管维护', 'PICC line care'],
  ],
  traditional_chinese_medicine: [['tcm_acupuncture', '针灸治疗', 'Acupuncture']],
  public_health: [['ph_outbreak', '传染病疫情处置', 'Outbreak response']],
  hospital_management: [['hm_quality', '医疗质量管理', 'Quality management']],
};

const teachingKinds = ['case_discussion', 'lecture', 'teaching_round', 'demonstrated_operation'] as const;
const titles: Record<(typeof teachingKinds)[number] | 'remote_consult', string> = {
  case_discussion: '疑难病例讨论',
  lecture: '学术讲座',
  teaching_round: '教学查房',
  demonstrated_operation: '手术示范',
  remote_consult: '远程会诊',
};
const day = (iso: string) => (iso > DEMO_TODAY ? DEMO_TODAY : iso);
const firstOfMonth = (iso: string) => `${iso.slice(0, 7)}-01`;

/**
 * Grows mentorship histories across the ten batches: each long-term deployment mentors one to
 * three local staff of its host hospital in goal competencies of its specialty; levels rise
 * through witnessed assessments (a few reach 5, able to teach); a second tour continues the
 * earlier contract; after a rotation ends some pairs keep consulting remotely; and the local
 * share of each taught service rises month by month.
 */
export function generateMentorship(core: Scenario, random: Random): MentorshipScenario {
  const p = core.programme.id;
  const out: MentorshipScenario = {
    competencies: [],
    mentorships: [],
    mentorship_apprentices: [],
    mentorship_goals: [],
    mentorship_acceptances: [],
    teaching_activities: [],
    activity_attendees: [],
    activity_competencies: [],
    assessments: [],
    service_records: [],
  };
  const competencyIds = new Map<string, { id: string; name: string; code: string }[]>();
  for (const [specialty, items] of Object.entries(catalogue)) {
    competencyIds.set(
      specialty,
      items.map(([code, name, nameEn]) => {
        const id = random.uuid();
        out.competencies.push({
          programme_id: p,
          id,
          specialty_code: specialty,
          code,
          name,
          name_en: nameEn,
          description: '',
        });
        return { id, name, code };
      }),
    );
  }
  const user = (name: string) => core.users.find((u) => u.username === name)?.id as string;
  const [admin, recipient] = [user('admin'), user('recipient')];
  const facilities = new Map(core.facilities.map((f) => [f.id, f]));
  const locals = core.people.filter((x) => x.kind === 'local_staff');
  const deploymentsOf = new Map<string, DeploymentRow[]>();
  for (const d of core.deployments)
    deploymentsOf.set(d.person_id, [...(deploymentsOf.get(d.person_id) ?? []), d]);
  const away = (mentor: string, on: string) =>
    !(deploymentsOf.get(mentor) ?? []).some((d) => d.starts_on <= on && on <= d.ends_on);
  const levels = new Map<string, number>(); // apprentice/competency → confirmed level so far
  const lastContract = new Map<string, string>(); // mentor → latest contract id
  const taughtServices = new Map<
    string,
    { facilityId: string; specialty: string; name: string; from: string }
  >();

  const deployments = [...core.deployments]
    .filter((d) => d.term === 'long' && d.starts_on < DEMO_TODAY)
    .sort((a, b) => a.starts_on.localeCompare(b.starts_on) || a.id.localeCompare(b.id));
  for (const d of deployments) {
    const host = facilities.get(d.host_facility_id);
    const items = competencyIds.get(d.specialty_code);
    if (!host || !items) continue;
    const colleagues = locals.filter((x) => x.organisation_id === host.organisation_id);
    const sameSpecialty = colleagues.filter((x) => x.specialty_code === d.specialty_code);
    const pool = random.shuffle([...(sameSpecialty.length ? sameSpecialty : colleagues)]);
    const isDemo =
      d.person_id === core.landmarks.demoExpertId && d.batch_id === core.landmarks.currentBatchId;
    const demoLocal = core.people.find((x) => x.id === core.landmarks.demoLocalStaffId) as PersonRow;
    const apprentices = pool.slice(0, random.int(1, 3)).filter((x) => !isDemo || x.id !== demoLocal.id);
    if (isDemo) apprentices.unshift(demoLocal);
    if (apprentices.length === 0) continue;
    apprentices.splice(3);

    const id = random.uuid();
    const startsOn = addDays(d.starts_on, random.int(7, 30));
    const running = d.ends_on >= DEMO_TODAY;
    const endedEarly = !running && random.chance(0.06);
    const closedOn = endedEarly ? addDays(startsOn, random.int(120, 240)) : d.ends_on;
    out.mentorships.push({
      programme_id: p,
      id,
      mentor_id: d.person_id,
      host_facility_id: d.host_facility_id,
      batch_id: d.batch_id,
      continues_id: lastContract.get(d.person_id) ?? null,
      starts_on: startsOn,
      ends_on: d.ends_on,
      status: running ? 'active' : endedEarly ? 'ended_early' : 'completed',
      status_reason: endedEarly ? random.pick(['导师因家庭原因提前返回', '学员调岗至其他科室']) : null,
      activated_at: new Date(`${startsOn}T09:00:00Z`),
      closed_on: running ? null : closedOn,
      proposed_by: admin,
    });
    lastContract.set(d.person_id, id);
    const parties: [string, 'mentor' | 'apprentice' | 'recipient_hospital'][] = [
      [d.person_id, 'mentor'],
      ...apprentices.map((a) => [a.id, 'apprentice'] as [string, 'apprentice']),
      [host.organisation_id, 'recipient_hospital'],
    ];
    for (const [partyId, party] of parties) {
      out.mentorship_acceptances.push({
        programme_id: p,
        mentorship_id: id,
        party,
        party_id: partyId,
        accepted_by: admin,
        accepted_at: new Date(`${addDays(startsOn, -random.int(1, 6))}T10:00:00Z`),
      });
    }
    const end = running ? DEMO_TODAY : closedOn;
    for (const a of apprentices) {
      out.mentorship_apprentices.push({ programme_id: p, mentorship_id: id, person_id: a.id });
      const goals = random.shuffle([...items]).slice(0, random.int(1, Math.min(2, items.length)));
      for (const c of goals) {
        const key = `${a.id}/${c.id}`;
        let level = levels.get(key) ?? 0;
        const target = Math.min(level >= 4 ? 5 : 4, Math.max(3, level + random.int(1, 2)));
        const targetOn = addDays(d.ends_on, -random.int(20, 60));
        out.mentorship_goals.push({
          programme_id: p,
          mentorship_id: id,
          person_id: a.id,
          competency_id: c.id,
          target_level: target,
          target_on: targetOn,
        });
        taughtServices.set(`${host.id}/${c.id}`, {
          facilityId: host.id,
          specialty: d.specialty_code,
          name: c.name,
          from: startsOn,
        });
        // Levels rise every two to four months; a gifted few go one past the target (to 5).
        const ceiling = Math.min(5, target + (random.chance(0.06) ? 1 : 0));
        let on = addDays(startsOn, random.int(20, 45));
        if (level === 0) level = random.int(1, 2);
        else level = Math.min(level + 1, ceiling);
        while (on < end && on <= DEMO_TODAY) {
          const pending = running && addDays(on, 30) > DEMO_TODAY;
          out.assessments.push({
            programme_id: p,
            id: random.uuid(),
            apprentice_id: a.id,
            competency_id: c.id,
            mentorship_id: id,
            assessor_id: d.person_id,
            level,
            assessed_on: on,
            note: '',
            status: pending ? 'pending_confirmation' : 'confirmed',
            dispute_reason: null,
            recorded_by: admin,
            confirmed_by: pending ? null : recipient,
            confirmed_by_person_id: pending ? null : core.landmarks.cadreCId,
            confirmed_at: pending ? null : new Date(`${addDays(on, random.int(1, 10))}T08:00:00Z`),
          });
          if (!pending) levels.set(key, level);
          if (level >= ceiling) break;
          level += 1;
          on = addDays(on, random.int(60, 120));
        }
      }
      // Teaching: one activity every three to six weeks of the contract.
      const serves = goals.map((g) => g.id);
      for (let on = addDays(startsOn, random.int(3, 14)); on < end; on = addDays(on, random.int(21, 42))) {
        addActivity(random.pick(teachingKinds), on, d, a.id, serves);
      }
    }
    // After the rotation, some pairs keep consulting by phone and video.
    if (!running) {
      for (const a of apprentices) {
        if (!random.chance(0.55)) continue;
        let on = addDays(d.ends_on, random.int(15, 90));
        const until = addMonths(firstOfMonth(d.ends_on), random.int(6, 30));
        while (on < until && on <= DEMO_TODAY) {
          if (away(d.person_id, on)) addActivity('remote_consult', on, d, a.id, []);
          on = addDays(on, random.int(30, 100));
        }
      }
    }
  }

  function addActivity(
    kind: (typeof teachingKinds)[number] | 'remote_consult',
    on: string,
    d: DeploymentRow,
    apprenticeId: string,
    serves: string[],
  ) {
    const id = random.uuid();
    out.teaching_activities.push({
      programme_id: p,
      id,
      kind,
      teacher_id: d.person_id,
      mentorship_id: lastContract.get(d.person_id) ?? null,
      facility_id: d.host_facility_id,
      held_on: day(on),
      title: titles[kind],
      case_summary: '',
      recorded_by: admin,
    });
    out.activity_attendees.push({ programme_id: p, activity_id: id, person_id: apprenticeId });
    for (const c of serves)
      out.activity_competencies.push({ programme_id: p, activity_id: id, competency_id: c });
  }

  // Monthly service counts at each facility where a service was taught: local share rising
  // along a logistic curve from the first contract (about 10 %) toward 60–95 %.
  for (const s of taughtServices.values()) {
    const ceiling = random.float(0.6, 0.95);
    const pace = random.float(0.06, 0.15);
    const base = random.int(6, 30);
    for (let month = firstOfMonth(s.from), m = 0; month <= DEMO_TODAY; month = addMonths(month, 1), m++) {
      const total = Math.max(0, Math.round(base * random.float(0.7, 1.3)));
      const share = 0.1 + (ceiling - 0.1) / (1 + Math.exp(-pace * (m - 18)));
      const local = Math.round(total * Math.min(1, share * random.float(0.85, 1.15)));
      out.service_records.push({
        programme_id: p,
        facility_id: s.facilityId,
        month,
        service: s.name,
        specialty_code: s.specialty,
        local_count: local,
        aid_count: total - local,
        source: 'scenario',
      });
    }
  }
  return out;
}

/** Generates and inserts the mentorship demo inside the loader's transaction, in foreign-key order. */
export async function insertMentorship(
  trx: Transaction<DB>,
  core: Scenario,
  random: Random,
): Promise<number> {
  const rows = generateMentorship(core, random);
  let total = 0;
  for (const table of Object.keys(rows) as (keyof MentorshipScenario)[]) {
    const list = rows[table];
    for (let i = 0; i < list.length; i += 500) {
      // Kysely cannot relate a table name held in a variable to its row type; MentorshipScenario checks the rows.
      await trx
        .insertInto(table)
        .values(list.slice(i, i + 500) as never)
        .execute();
    }
    total += list.length;
  }
  return total;
}

/**
 * Likely duplicates among needs: the same specialty, similar text, and facilities that are the
 * same, in the same township, or within a short drive of each other. Similarity is the Jaccard
 * index of character bigrams, which suits Chinese (no word boundaries) and short titles; ASCII
 * words are kept whole as tokens so "CT" or "B超" compare sensibly.
 */

/** The text's character bigrams (and whole ASCII words), ignoring spaces and punctuation. */
export function textShingles(text: string): Set<string> {
  const out = new Set<string>();
  const lowered = text.toLowerCase();
  for (const word of lowered.match(/[a-z0-9]+/g) ?? []) out.add(word);
  const chars = [...lowered.replace(/[^\p{L}\p{N}]+/gu, '')];
  if (chars.length === 1) out.add(chars[0] as string);
  for (let i = 0; i + 1 < chars.length; i++) out.add(`${chars[i]}${chars[i + 1]}`);
  return out;
}

/** Jaccard similarity |A∩B| / |A∪B| of two shingle sets; 0 when both are empty. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let both = 0;
  for (const s of small) if (large.has(s)) both++;
  return both / (a.size + b.size - both);
}

export type DuplicateCandidate = {
  id: string;
  specialtyCode: string;
  facilityId: string;
  townshipId: string | null;
  title: string;
  description: string;
};

export type DuplicateRules = {
  /** Text similarity (0–1) at or above which two needs are likely the same. */
  minSimilarity: number;
  /** Facilities at most this many travel hours apart count as nearby. */
  nearbyHours: number;
};
export const defaultDuplicateRules: DuplicateRules = { minSimilarity: 0.3, nearbyHours: 1 };

/** The title weighs as much as the description: it is what reporters retype for the same problem. */
export function needSimilarity(
  a: Pick<DuplicateCandidate, 'title' | 'description'>,
  b: Pick<DuplicateCandidate, 'title' | 'description'>,
): number {
  const title = jaccard(textShingles(a.title), textShingles(b.title));
  const all = jaccard(
    textShingles(`${a.title} ${a.description}`),
    textShingles(`${b.title} ${b.description}`),
  );
  return Math.max(title, (title + all) / 2);
}

export type LikelyDuplicate = { id: string; similarity: number; travelHours: number | null };

/**
 * The candidates that are likely duplicates of `need`, most similar first. `travelHours(a, b)`
 * gives the drive between two facilities, or null when unknown (then only the same facility or
 * township counts as nearby).
 */
export function findLikelyDuplicates(
  need: DuplicateCandidate,
  candidates: readonly DuplicateCandidate[],
  travelHours: (fromFacilityId: string, toFacilityId: string) => number | null,
  rules: DuplicateRules = defaultDuplicateRules,
): LikelyDuplicate[] {
  const found: LikelyDuplicate[] = [];
  for (const c of candidates) {
    if (c.id === need.id || c.specialtyCode !== need.specialtyCode) continue;
    const hours = c.facilityId === need.facilityId ? 0 : travelHours(need.facilityId, c.facilityId);
    const sameTownship = need.townshipId !== null && c.townshipId === need.townshipId;
    const nearby = sameTownship || (hours !== null && hours <= rules.nearbyHours);
    if (!nearby) continue;
    const similarity = needSimilarity(need, c);
    if (similarity >= rules.minSimilarity) {
      found.push({ id: c.id, similarity: Math.round(similarity * 100) / 100, travelHours: hours });
    }
  }
  return found.sort((a, b) => b.similarity - a.similarity || a.id.localeCompare(b.id));
}

import type { GapInstance } from './instance';

/**
 * Writes the GAP as a CPLEX LP-format binary program for HiGHS: x_i_j = 1 when agent i takes job j.
 * Columns first appear in the objective in agent-major order, so column i * jobs + j is x_i_j.
 */
export function gapAsLpFormat(instance: GapInstance): string {
  const { agents: m, jobs: n, cost, weight, capacity } = instance;
  const name = (i: number, j: number) => `x${i}_${j}`;
  const term = (coef: number, i: number, j: number) =>
    `${coef < 0 ? '-' : '+'} ${Math.abs(coef)} ${name(i, j)}`;
  const lines: string[] = ['Minimize', ' cost:'];
  for (let i = 0; i < m; i++) {
    const row: string[] = [];
    for (let j = 0; j < n; j++) row.push(term(cost[i * n + j]!, i, j));
    lines.push(`  ${row.join(' ')}`);
  }
  lines.push('Subject To');
  for (let j = 0; j < n; j++) {
    const row: string[] = [];
    for (let i = 0; i < m; i++) row.push(`+ ${name(i, j)}`);
    lines.push(` job${j}: ${row.join(' ')} = 1`);
  }
  for (let i = 0; i < m; i++) {
    const row: string[] = [];
    for (let j = 0; j < n; j++) if (weight[i * n + j] !== 0) row.push(term(weight[i * n + j]!, i, j));
    lines.push(` agent${i}: ${row.length > 0 ? row.join(' ') : `0 ${name(i, 0)}`} <= ${capacity[i]}`);
  }
  lines.push('Binary');
  for (let i = 0; i < m; i++) {
    const row: string[] = [];
    for (let j = 0; j < n; j++) row.push(name(i, j));
    lines.push(` ${row.join(' ')}`);
  }
  lines.push('End');
  return lines.join('\n');
}

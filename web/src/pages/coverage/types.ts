import type {
  Coverage as CoverageView,
  deployedExperts,
  TownshipCoverage as TownshipCoverageView,
} from '../../../../src/coverage/coverage';
import type { Jsonified } from '../../../../src/shared/json';

/** What GET /api/coverage answers (src/coverage/coverage.ts). */
export type TownshipCoverage = Jsonified<TownshipCoverageView>;
export type Coverage = Jsonified<CoverageView>;
/** An item of GET /api/coverage/experts (src/coverage/coverage.ts deployedExperts). */
export type DeployedExpert = Jsonified<Awaited<ReturnType<typeof deployedExperts>>[number]>;

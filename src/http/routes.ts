import { agreementRoutes } from '../agreements/routes';
import { auditRoutes } from '../audit/routes';
import { authRoutes } from '../auth/routes';
import { userRoutes } from '../auth/users';
import { coverageRoutes } from '../coverage/routes';
import { dashboardRoutes } from '../dashboard/routes';
import { dependenceRoutes } from '../dependence/routes';
import { geoRoutes } from '../geo/routes';
import { indicatorRoutes } from '../indicators/routes';
import { matchingRoutes } from '../matching/routes';
import { mentorshipRoutes } from '../mentorship/routes';
import { needRoutes } from '../needs/routes';
import { batchRoutes } from '../registry/batches';
import { deploymentRoutes } from '../registry/deployments/routes';
import { facilityRoutes } from '../registry/facilities/routes';
import { organisationRoutes } from '../registry/organisations';
import { peopleRoutes } from '../registry/people/routes';
import { programmeRoutes } from '../registry/programmes';
import { regionRoutes } from '../registry/regions';
import { specialtyRoutes } from '../registry/specialties';
import { logRoutes } from '../transparency/routes';
import { witnessRoutes } from '../witness/routes';
import type { App } from './app';
import { healthRoutes } from './health';

/** Every capability's routes; a new capability adds one line here. */
export async function registerRoutes(app: App): Promise<void> {
  for (const routes of [
    healthRoutes,
    authRoutes,
    userRoutes,
    auditRoutes,
    programmeRoutes,
    regionRoutes,
    organisationRoutes,
    specialtyRoutes,
    facilityRoutes,
    peopleRoutes,
    batchRoutes,
    deploymentRoutes,
    geoRoutes,
    dashboardRoutes,
    logRoutes,
    needRoutes,
    coverageRoutes,
    matchingRoutes,
    mentorshipRoutes,
    indicatorRoutes,
    agreementRoutes,
    dependenceRoutes,
    witnessRoutes,
  ]) {
    await routes(app);
  }
}

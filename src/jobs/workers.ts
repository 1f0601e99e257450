import { agreementsDailyWorker } from '../agreements/reminders';
import { matchingWorker } from '../matching/jobs';
import type { JobWorker } from './queue';

/** Every background worker of the platform; a capability with long work adds its worker here. */
export const workers: JobWorker[] = [agreementsDailyWorker, matchingWorker as JobWorker];

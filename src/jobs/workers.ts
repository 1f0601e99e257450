import type { JobWorker } from './queue';

/** Every background worker of the platform; a capability with long work adds its worker here. */
export const workers: JobWorker[] = [];

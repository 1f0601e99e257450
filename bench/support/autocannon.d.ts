declare module 'autocannon' {
  type Options = {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    setupClient?: (client: { setBody(body: string): void }) => void;
    requests?: {
      method?: string;
      path?: string;
      setupRequest?: (req: Record<string, unknown>) => Record<string, unknown>;
    }[];
  };
  type Histogram = { average: number; p50: number; p90: number; p99: number; max: number; total: number };
  type Result = {
    requests: Histogram;
    latency: Histogram;
    errors: number;
    non2xx: number;
    duration: number;
    '2xx': number;
  };

  export type { Result };

  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import type { App } from './app';

/** What the web app needs: its own scripts and styles (antd injects inline styles), map tiles as data/blob URLs, a blob worker (ECharts). */
export const helmetOptions: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", "'unsafe-inline'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      connectSrc: ["'self'"],
      workerSrc: ["'self'", 'blob:'],
    },
  },
};

/**
 * The headers Helmet sets for these options, worked out once. Our options are static (no
 * per-request nonce or function directive), so every response gets the same headers. Running
 * Helmet's middleware against a recording response keeps Helmet the author of the header values.
 */
export function securityHeaders(options: HelmetOptions = helmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

/**
 * Sets the security headers on every response. (@fastify/helmet builds Helmet's middleware
 * anew for every request, parsing the CSP directives each time: that was about 8% of the CPU of
 * an API write in bench/api-write.ts.)
 */
export function registerSecurityHeaders(app: App): void {
  const headers = securityHeaders();
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}

import { AppError } from '../errors';
import type { App } from './app';

/** Whether parsed JSON holds a `__proto__` key or a `constructor.prototype` path anywhere (prototype poisoning). */
export function hasForbiddenKey(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(hasForbiddenKey);
  if (Object.hasOwn(value, '__proto__')) return true;
  const ctor = (value as Record<string, unknown>).constructor;
  if (
    Object.hasOwn(value, 'constructor') &&
    ctor !== null &&
    typeof ctor === 'object' &&
    Object.hasOwn(ctor, 'prototype')
  ) {
    return true;
  }
  return Object.values(value).some(hasForbiddenKey);
}

/**
 * JSON bodies: Fastify's own parser answers every failure alike; this one tells malformed JSON
 * (MALFORMED_JSON) from prototype-poisoning keys (FORBIDDEN_KEY). The body limit still applies.
 */
export function registerJsonBodyParser(app: App): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    if (text.trim() === '')
      return done(new AppError('MALFORMED_JSON', 'The request body is empty.'), undefined);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return done(
        new AppError('MALFORMED_JSON', `The request body is not valid JSON: ${(error as Error).message}`),
        undefined,
      );
    }
    if (hasForbiddenKey(parsed)) return done(new AppError('FORBIDDEN_KEY'), undefined);
    return done(null, parsed);
  });
}

import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, errorCatalogue, type FieldIssue, validationError } from '../errors';

type PgError = { code?: string; constraint?: string; detail?: string; column?: string; table?: string };

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * The field a constraint names: PostgreSQL's default names are `<table>_<columns>_<fkey|check|key>`,
 * and composite foreign keys lead with programme_id, which is never the field at fault.
 */
function constraintField(error: PgError): string | undefined {
  if (error.column) return camel(error.column);
  if (!error.constraint || !error.table || !error.constraint.startsWith(`${error.table}_`)) return undefined;
  const columns = error.constraint
    .slice(error.table.length + 1)
    .replace(/_(fkey|check|key)$/, '')
    .replace(/^programme_id_/, '');
  return camel(columns);
}

const fieldIssue = (error: PgError, message: string) => {
  const field = constraintField(error);
  return { constraint: error.constraint, ...(field ? { issues: [{ path: field, message }] } : {}) };
};

// PostgreSQL error classes that mean "the input was wrong", not "the server broke".
function fromDatabase(error: PgError): AppError | null {
  switch (error.code) {
    case '23505':
      return new AppError('CONFLICT', 'A record with the same unique value already exists.', {
        constraint: error.constraint,
      });
    case '23503':
      return new AppError(
        'VALIDATION_FAILED',
        'A referenced record does not exist or is still in use.',
        fieldIssue(error, 'unknown or still referenced'),
      );
    case '23514':
    case '23502':
    case '22001':
    case '22003':
    case '22007':
    case '22008':
    case '22P02':
      return new AppError(
        'VALIDATION_FAILED',
        'A value is out of range or of the wrong form.',
        fieldIssue(error, 'out of range or of the wrong form'),
      );
    default:
      return null;
  }
}

function fromFastify(error: FastifyError): AppError | null {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues: FieldIssue[] = error.validation.map((v) => {
      const where = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
      const keys = (v.params as { keys?: string[] } | undefined)?.keys;
      return {
        path: [error.validationContext, where, keys?.join(',')].filter(Boolean).join('.'),
        message: v.message ?? 'invalid',
      };
    });
    return validationError(issues);
  }
  const byCode: Record<string, ErrorCode> = {
    FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
    FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
    FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
    FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
    FST_ERR_CTP_INVALID_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
    FST_ERR_VALIDATION: 'VALIDATION_FAILED',
  };
  const code = error.code ? byCode[error.code] : undefined;
  if (code) return new AppError(code);
  if (error.statusCode === 429) return new AppError('TOO_MANY_REQUESTS');
  // secure-json-parse rejects prototype poisoning with a SyntaxError.
  if (error instanceof SyntaxError && /prototype|constructor/i.test(error.message))
    return new AppError('FORBIDDEN_KEY');
  if (error instanceof SyntaxError) return new AppError('MALFORMED_JSON');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError('BAD_REQUEST', errorCatalogue.BAD_REQUEST.message);
  }
  return null;
}

/** Maps every error to the catalogue; unknown ones are logged and answered as a bare 500. */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const known = error instanceof AppError ? error : (fromDatabase(error as PgError) ?? fromFastify(error));
  if (!known) {
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({
      error: { code: 'INTERNAL', message: errorCatalogue.INTERNAL.message, requestId: request.id },
    });
  }
  if (known.status >= 500) request.log.error({ err: error }, known.code);
  if (known.code === 'TOO_MANY_REQUESTS' && error.statusCode === 429) {
    const retry = reply.getHeader('retry-after');
    if (retry) reply.header('retry-after', retry);
  }
  return reply.status(known.status).send({
    error: {
      code: known.code,
      message: known.message,
      ...(known.details !== undefined ? { details: known.details } : {}),
      requestId: request.id,
    },
  });
}

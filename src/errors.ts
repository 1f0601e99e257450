/**
 * The one error catalogue: every error a client can see has a stable code and an HTTP status.
 * Messages are written for people; `details` carries machine-readable specifics (field paths,
 * per-row import errors) and never internals.
 */
export const errorCatalogue = {
  VALIDATION_FAILED: { status: 400, message: 'Some fields are invalid.' },
  MALFORMED_JSON: { status: 400, message: 'The request body is not valid JSON.' },
  FORBIDDEN_KEY: { status: 400, message: 'The request body contains a forbidden key such as __proto__.' },
  BAD_REQUEST: { status: 400, message: 'The request is not valid.' },
  WEAK_PASSWORD: { status: 400, message: 'The password does not meet the password rules.' },
  OUT_OF_RANGE: { status: 400, message: 'The index or tree size is outside the log.' },
  UNAUTHENTICATED: { status: 401, message: 'Please log in.' },
  INVALID_CREDENTIALS: { status: 401, message: 'The username or password is wrong.' },
  FORBIDDEN: { status: 403, message: 'You are not allowed to do this.' },
  NOT_FOUND: { status: 404, message: 'Not found.' },
  ROUTE_NOT_FOUND: { status: 404, message: 'There is no such API route.' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'This method is not allowed here.' },
  CONFLICT: { status: 409, message: 'This conflicts with an existing record.' },
  INVALID_TRANSITION: { status: 409, message: 'This change of state is not allowed.' },
  REFERENCED: { status: 409, message: 'The record is still referenced by other records.' },
  BODY_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'This content type is not supported.' },
  IMPORT_INVALID: { status: 422, message: 'The file has errors; nothing was imported.' },
  ACCOUNT_LOCKED: {
    status: 423,
    message: 'The account is locked after repeated failed logins. Try again later.',
  },
  ACCOUNT_DISABLED: { status: 403, message: 'The account is disabled.' },
  TOO_MANY_REQUESTS: { status: 429, message: 'Too many requests. Please wait and try again.' },
  LOG_INCONSISTENT: {
    status: 500,
    message: 'The transparency log storage is inconsistent; no checkpoint was signed.',
  },
  INTERNAL: { status: 500, message: 'Something went wrong on the server.' },
  UNAVAILABLE: { status: 503, message: 'The service is unavailable.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;

  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? errorCatalogue[code].message);
    this.name = 'AppError';
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.details = details;
  }
}

/** A field-level validation problem, as reported to clients in `details`. */
export type FieldIssue = { path: string; message: string };

export const validationError = (issues: FieldIssue[], message?: string) =>
  new AppError(
    'VALIDATION_FAILED',
    message ??
      `Invalid field${issues.length > 1 ? 's' : ''}: ${issues.map((i) => i.path || '(body)').join(', ')}`,
    { issues },
  );

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found.`);
export const forbidden = (message?: string) => new AppError('FORBIDDEN', message);

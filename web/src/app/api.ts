/** The one error type of the web app: what the server said (code, message, details) or a network failure. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly requestId: string | undefined;

  constructor(status: number, code: string, message: string, details?: unknown, requestId?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.requestId = requestId;
  }

  /** Field problems of a VALIDATION_FAILED answer. */
  get issues(): { path: string; message: string }[] {
    const issues = (this.details as { issues?: unknown } | undefined)?.issues;
    return Array.isArray(issues) ? (issues as { path: string; message: string }[]) : [];
  }

  /** Per-cell problems of an IMPORT_INVALID answer. */
  get importErrors(): ImportCellError[] {
    const errors = (this.details as { errors?: unknown } | undefined)?.errors;
    return Array.isArray(errors) ? (errors as ImportCellError[]) : [];
  }
}

export type ImportCellError = { row: number; column: string; value: string; message: string };

/** A page of a server-side list. */
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

type Query = Record<string, string | number | boolean | null | undefined>;

/** Builds `/api/…?query`, leaving out empty values (the server rejects unknown or blank parameters). */
export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return `/api${path}${qs ? `?${qs}` : ''}`;
}

let onUnauthenticated: (() => void) | undefined;
/** Called when any request answers 401 (the session ended): the auth context sends the user to login. */
export const setUnauthenticatedHandler = (handler: () => void) => {
  onUnauthenticated = handler;
};

type RequestOptions = { method?: string; query?: Query; body?: unknown; file?: Blob; signal?: AbortSignal };

/** Calls the API; resolves with the JSON answer or rejects with an ApiError carrying the server's message. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.file) {
    headers['content-type'] = XLSX_TYPE;
    body = options.file;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', (error as Error).message);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const error = (
      json as { error?: { code?: string; message?: string; details?: unknown; requestId?: string } }
    )?.error;
    if (response.status === 401 && !path.startsWith('/auth/login')) onUnauthenticated?.();
    throw new ApiError(
      response.status,
      error?.code ?? `HTTP_${response.status}`,
      error?.message ?? response.statusText,
      error?.details,
      error?.requestId,
    );
  }
  return json as T;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

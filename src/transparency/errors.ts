/** Stable machine-readable codes for what can go wrong in the transparency log's core. */
export type TransparencyErrorCode =
  | 'out_of_range'
  | 'malformed_key'
  | 'malformed_note'
  | 'malformed_checkpoint'
  | 'malformed_entry'
  | 'inconsistent_storage';

/** An error from the transparency log's pure core; `code` is stable, the message is for people. */
export class TransparencyError extends Error {
  readonly code: TransparencyErrorCode;

  constructor(code: TransparencyErrorCode, message: string) {
    super(message);
    this.name = 'TransparencyError';
    this.code = code;
  }
}

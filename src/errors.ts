/**
 * The base of every error StreamPilot throws: a message, what to do about it (`hint`), and the
 * class's own name as `name`. Problems in the user's files are not errors: they are Diagnostics.
 */
export class DomainError extends Error {
  readonly hint?: string;

  constructor(message: string, hint?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    if (hint !== undefined) this.hint = hint;
  }
}

/**
 * The few error classes that reach an entrypoint. Each carries its exit code so the one
 * top-level catch per entrypoint needs no knowledge of where it came from.
 */
export class StreamPilotError extends DomainError {
  constructor(
    message: string,
    readonly exitCode: number,
    hint?: string,
  ) {
    super(message, hint);
  }
}

/** The command line was wrong: unknown command or flag, missing argument. Exit 2. */
export class UsageError extends StreamPilotError {
  constructor(message: string, hint?: string) {
    super(message, 2, hint);
  }
}

/** The repository or environment cannot be used at all (no streampilot.yaml, unknown job). Exit 2. */
export class ConfigError extends StreamPilotError {
  constructor(message: string, hint?: string) {
    super(message, 2, hint);
  }
}

/** The message of anything thrown: an Error's message, or the thrown value as text. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The stack when there is one (for logs), else the message. */
export function detailOf(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

/** The `hint` an error carries (ours, or one of another layer's errors that has one), if any. */
export function hintOf(e: unknown): string | undefined {
  return e !== null && typeof e === 'object' && 'hint' in e && typeof e.hint === 'string' ? e.hint : undefined;
}

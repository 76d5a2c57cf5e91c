/**
 * The few error classes that reach an entrypoint. Each carries its exit code so the one
 * top-level catch per entrypoint needs no knowledge of where it came from.
 * Problems in the user's files are not errors of this kind: they are Diagnostics.
 */
export class StreamPilotError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
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

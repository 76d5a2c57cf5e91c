import { StreamPilotError } from '../errors.js';

/**
 * A dependency that cannot be resolved or trusted: missing from every repository, a checksum
 * mismatch, refused credentials. The message names the coordinate and the repository; the
 * hint says what to do. Exit 1, like any other problem in the user's repository.
 */
export class MavenError extends StreamPilotError {
  constructor(
    readonly coordinate: string,
    message: string,
    hint?: string,
  ) {
    super(message, 1, hint);
  }
}

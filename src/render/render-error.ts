/**
 * A job that cannot be turned into a valid operator resource. The message names the job and
 * environment, says what is wrong and what to change, because it ends up on a pull request.
 * `problem` and `hint` are also kept apart for callers that show a hint separately.
 */
export class RenderError extends DomainError {
  constructor(
    readonly job: string,
    readonly environment: string,
    readonly problem: string,
    hint?: string,
    /**
     * The setting at fault, as a path into the job's merged settings (`['resources', 'jobManager', 'cpu']`):
     * whoever reports the error points at the manifest layer that set it, not at the job's name.
     */
    readonly setting?: readonly string[],
  ) {
    super(`${job} (${environment}): ${problem}${hint ? ` ${hint}` : ''}`, hint);
  }
}
import { DomainError } from '../errors.js';

/**
 * Who changed a running job by a command, recorded on the object the command changed so that
 * `kubectl describe` answers "who suspended this?" without GitHub. Annotations only: the
 * operator decides what to do from the spec, so recording never restarts a job.
 */
export const COMMAND_ANNOTATION = {
  /** The command as given: `/suspend orders`. */
  command: 'streampilot.dev/last-command',
  /** GitHub login, or the local user for the CLI. */
  by: 'streampilot.dev/last-command-by',
  /** ISO time the command was given. */
  at: 'streampilot.dev/last-command-at',
  /** The pull-request comment, when it came from one. */
  url: 'streampilot.dev/last-command-url',
} as const;

/**
 * The field manager of everything a command writes (`kubectl get -o yaml --show-managed-fields`),
 * so a deploy's apply never takes those fields back silently: it reports them as drift.
 */
export const COMMAND_FIELD_MANAGER = 'streampilot-command';

export interface CommandAudit {
  command: string;
  by: string;
  at: string;
  url?: string;
}

export function commandAuditAnnotations(audit: CommandAudit): Record<string, string> {
  return {
    [COMMAND_ANNOTATION.command]: audit.command,
    [COMMAND_ANNOTATION.by]: audit.by,
    [COMMAND_ANNOTATION.at]: audit.at,
    ...(audit.url !== undefined ? { [COMMAND_ANNOTATION.url]: audit.url } : {}),
  };
}

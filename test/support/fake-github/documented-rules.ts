/**
 * Limits GitHub documents and enforces (422) that the OpenAPI schemas do not express. Each rule
 * quotes where it comes from, so the fake stays no stricter and no laxer than GitHub.
 */
export function documentedProblems(operationId: string, body: unknown): string[] {
  const b = (body ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  if (operationId === 'checks/create' || operationId === 'checks/update') {
    // Request body, `conclusion`: "Required if you provide `completed_at` or a `status` of `completed`."
    if ((b.status === 'completed' || b.completed_at !== undefined) && b.conclusion === undefined) {
      problems.push('conclusion is required when status is completed or completed_at is given');
    }
    // "You cannot change a check run conclusion to `stale`, only GitHub can set this."
    if (b.conclusion === 'stale') problems.push('conclusion stale can only be set by GitHub');
    const output = b.output as { annotations?: unknown } | undefined;
    const annotations = Array.isArray(output?.annotations) ? (output.annotations as Record<string, unknown>[]) : [];
    annotations.forEach((a, i) => {
      // start_column: "Annotations only support start_column and end_column on the same line."
      if ((a.start_column !== undefined || a.end_column !== undefined) && a.start_line !== a.end_line) {
        problems.push(
          `output.annotations[${i}]: start_column and end_column are only allowed when start_line equals end_line`,
        );
      }
      if (typeof a.start_line === 'number' && typeof a.end_line === 'number' && a.end_line < a.start_line) {
        problems.push(`output.annotations[${i}]: end_line ${a.end_line} is before start_line ${a.start_line}`);
      }
      // message/raw_details: "The maximum size is 64 KB."; title: "The maximum size is 255 characters."
      if (typeof a.message === 'string' && Buffer.byteLength(a.message) > 64 * 1024)
        problems.push(`output.annotations[${i}].message is over 64 KB`);
      if (typeof a.raw_details === 'string' && Buffer.byteLength(a.raw_details) > 64 * 1024)
        problems.push(`output.annotations[${i}].raw_details is over 64 KB`);
      if (typeof a.title === 'string' && a.title.length > 255)
        problems.push(`output.annotations[${i}].title is over 255 characters`);
    });
  }
  if (operationId === 'issues/create-comment' || operationId === 'issues/update-comment') {
    // GitHub answers 422 "Body is too long (maximum is 65536 characters)".
    if (typeof b.body === 'string' && b.body.length > 65536)
      problems.push(`body is too long (maximum is 65536 characters, got ${b.body.length})`);
  }
  if (operationId === 'repos/create-deployment-status') {
    // Request body, `description`: "The maximum description length is 140 characters." GitHub
    // answers 422 "description is too long (maximum is 140 characters)" rather than truncating
    // (github/developer.github.com#976: "More than 140 characters returns 422").
    if (typeof b.description === 'string' && b.description.length > 140)
      problems.push(`description is too long (maximum is 140 characters, got ${b.description.length})`);
  }
  return problems;
}

/**
 * The script reader of the Flink Kubernetes Operator's `flink-sql-runner-example`
 * (SqlRunner.parseStatements and the SET pattern of SqlRunner.main), reproduced step for
 * step so tests can check that the script StreamPilot puts in the image is read the way we
 * meant. Contract followed: apache/flink-kubernetes-operator,
 * examples/flink-sql-runner-example/src/main/java/org/apache/flink/examples/SqlRunner.java.
 */

// Java: "(--.*)|(((\\/\\*)+?[\\w\\W]+?(\\*\\/)+))" with String.replaceAll; `.` stops at line ends in both.
const COMMENT_PATTERN = /(--.*)|(((\/\*)+?[\w\W]+?(\*\/)+))/g;
// Java: Pattern.compile("SET\\s+'(\\S+)'\\s+=\\s+'(.*)';", CASE_INSENSITIVE), used with matches().
const SET_STATEMENT_PATTERN = /^SET\s+'(\S+)'\s+=\s+'(.*)';$/i;

function formatSqlFile(content: string): string {
  const trimmed = content.trim();
  return trimmed + (trimmed.endsWith(';') ? '' : ';') + '\n';
}

export function parseStatements(script: string): string[] {
  const formatted = formatSqlFile(script).replace(COMMENT_PATTERN, '');
  const statements: string[] = [];
  let current: string | undefined;
  let statementSet = false;
  for (const line of formatted.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    current ??= '';
    if (trimmed.startsWith('EXECUTE STATEMENT SET')) statementSet = true;
    current += trimmed + '\n';
    if (trimmed.endsWith(';') && (!statementSet || trimmed === 'END;')) {
      statements.push(current);
      current = undefined;
      statementSet = false;
    }
  }
  return statements;
}

export type RunnerAction = { kind: 'set'; key: string; value: string } | { kind: 'executeSql'; statement: string };

/** What SqlRunner.main does with each statement: configuration for SET, executeSql for the rest. */
export function runnerActions(script: string): RunnerAction[] {
  return parseStatements(script).map((statement) => {
    const m = SET_STATEMENT_PATTERN.exec(statement.trim());
    return m ? { kind: 'set', key: m[1]!, value: m[2]! } : { kind: 'executeSql', statement };
  });
}

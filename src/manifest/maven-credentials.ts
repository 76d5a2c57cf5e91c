import type { Diagnostic } from '../diagnostics.js';
import { mavenCredentialVariables } from '../maven/maven-repositories.js';
import type { ProjectSpec } from './types.js';
import { diagnosticAtPath, formatPath, type YamlSource } from './yaml-document.js';

/**
 * `maven.repositories[].username` / `password` are refused wherever they appear: a
 * `${VAR}` there once made StreamPilot read any variable of its own process (the app's key, a
 * runner's cloud credentials) and send it to the URL beside it. The value is never quoted back.
 */
export function checkMavenCredentials(source: YamlSource, project: ProjectSpec): Diagnostic[] {
  const out: Diagnostic[] = [];
  (project.maven?.repositories ?? []).forEach((repo, index) => {
    const names = mavenCredentialVariables(repo.id);
    for (const field of ['username', 'password'] as const) {
      if (repo[field] === undefined) continue;
      const path = ['maven', 'repositories', index, field];
      out.push(
        diagnosticAtPath(source, path, 'key', {
          severity: 'error',
          rule: 'manifest/schema',
          message: `\`${formatPath(path)}\` is no longer read: Maven credentials never come from streampilot.yaml`,
          hint: `remove it; whoever runs StreamPilot sets ${names.username} and ${names.password}, with ${names.url} naming the only URL they may be sent to`,
        }),
      );
    }
  });
  return out;
}

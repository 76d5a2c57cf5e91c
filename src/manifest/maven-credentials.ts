import type { Diagnostic } from '../diagnostics.js';
import type { ProjectSpec } from './types.js';
import { diagnosticAtPath, formatPath, type YamlSource } from './yaml-document.js';

/** `artifactory-eu.prod` → `ARTIFACTORY_EU_PROD`: the part of the variable names a repository's id selects. */
export function mavenCredentialKey(id: string): string {
  return id.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

/** The three variables the operator sets for repository `id`; the names are fixed, so a repository cannot widen them. */
export function mavenCredentialVariables(id: string): { username: string; password: string; url: string } {
  const prefix = `STREAMPILOT_MAVEN_${mavenCredentialKey(id)}`;
  return { username: `${prefix}_USERNAME`, password: `${prefix}_PASSWORD`, url: `${prefix}_URL` };
}

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

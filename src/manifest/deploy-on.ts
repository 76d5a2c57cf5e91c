import type { DeployOn, EnvironmentSpec } from './types.js';

/**
 * When an environment deploys: its `deployOn`, else `command` for an environment with `after:`
 * (a promotion target such as production is deployed on purpose, by a `/deploy` comment, not by
 * every merge), else `merge`. The one place this default is decided.
 */
export function deployOnOf(env: Pick<EnvironmentSpec, 'deployOn' | 'after'>): DeployOn {
  return env.deployOn ?? (env.after ? 'command' : 'merge');
}

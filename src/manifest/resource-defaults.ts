import type { ComponentResources, Resources } from './types.js';

/**
 * What a JobManager / TaskManager gets when nothing sets its size. The operator refuses a
 * resource without memory (DefaultValidator.validateJmSpec / validateTmSpec: its own default
 * configuration sizes nothing), so a job that says nothing must still render one. The sizes are
 * Flink's own defaults (`jobmanager.memory.process.size: 1600m`,
 * `taskmanager.memory.process.size: 1728m` in the distribution's conf/config.yaml): what a
 * stock Flink starts with and is tested with. One core each, as the operator's examples use.
 */
export const DEFAULT_RESOURCES = {
  jobManager: { memory: '1600m', cpu: 1 },
  taskManager: { memory: '1728m', cpu: 1 },
} as const;

export type Component = keyof typeof DEFAULT_RESOURCES;

/**
 * flinkConfiguration keys that size a component on their own, so that the operator accepts a
 * resource without memory (JobManagerProcessUtils / TaskExecutorProcessUtils derive the rest),
 * and a default `memory` in the spec would override the user's choice.
 */
export function memoryConfigured(component: Component, conf: Readonly<Record<string, string>>): boolean {
  if (component === 'jobManager')
    return ['jobmanager.memory.process.size', 'jobmanager.memory.flink.size', 'jobmanager.memory.heap.size'].some(
      (k) => conf[k] !== undefined,
    );
  if (conf['taskmanager.memory.task.heap.size'] !== undefined && conf['taskmanager.memory.managed.size'] !== undefined)
    return true;
  return ['taskmanager.memory.process.size', 'taskmanager.memory.flink.size'].some((k) => conf[k] !== undefined);
}

function cpuConfigured(component: Component, conf: Readonly<Record<string, string>>): boolean {
  return conf[component === 'jobManager' ? 'kubernetes.jobmanager.cpu' : 'kubernetes.taskmanager.cpu'] !== undefined;
}

/** `resources` with the defaults filled in where neither `resources` nor flinkConfiguration sizes a component. */
export function withDefaultResources(resources: Resources, conf: Readonly<Record<string, string>>): Resources {
  const out: Resources = { ...resources };
  for (const component of ['jobManager', 'taskManager'] as const) {
    const given: ComponentResources = { ...resources[component] };
    if (given.memory === undefined && !memoryConfigured(component, conf))
      given.memory = DEFAULT_RESOURCES[component].memory;
    if (given.cpu === undefined && !cpuConfigured(component, conf)) given.cpu = DEFAULT_RESOURCES[component].cpu;
    (out as Record<Component, ComponentResources>)[component] = given;
  }
  return out;
}

/**
 * Which operation runs each command that acts on environments. One line per command: each
 * operation lives in a module of its own.
 */
import type { CommandName } from '../commands/parse-command.js';
import { deployOperation } from './command-deploy.js';
import { savepointOperation } from './command-savepoint.js';
import { rollbackOperation } from './command-rollback.js';
import { jobOperation } from './command-operate.js';
import { statusOperation } from './command-status.js';
import type { Operation } from './command-types.js';

export const COMMAND_OPERATIONS: Partial<Record<CommandName, Operation>> = {
  deploy: deployOperation,
  savepoint: savepointOperation,
  rollback: rollbackOperation,
  status: statusOperation,
  restart: jobOperation('restart'),
  suspend: jobOperation('suspend'),
  resume: jobOperation('resume'),
};

import { runPlanImportCli, runSeedCli } from '@duban/plans';
import type { Command } from './commands';

export const planImport: Command = (args) => runPlanImportCli(args, process);
export const seed: Command = (args) => runSeedCli(args, process);

import { runPlanParseCli } from '@duban/plan-reader';
import type { Command } from './commands';

export const planParse: Command = (args) => runPlanParseCli(args, process);

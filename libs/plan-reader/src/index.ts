export { detectFormat, readPlanDocument, type PlanFormat, type ReadOptions, type ReadResult } from './read';
export { PlanReadError, isPlanReadError, READ_ERROR_STATUS, type PlanReadErrorCode } from './errors';
export { READ_LIMITS } from './limits';
export { runParseJob, type ParseJob, type ParseOutcome } from './job';
export { PlanParsePool, type PoolOptions } from './pool';
export { runPlanParseCli, type CliIo } from './cli';

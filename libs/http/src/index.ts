export { createLogger, PinoNestLogger, redactUrl, requestLogging } from './logging';
export { MAX_PAGE, type Page, pageAsArray, pageOf, type PageParams, PageQueryOf } from './paging';
export { ParseUuidPipe, UuidParam } from './params';
export { type Problem, ProblemFilter, toProblem } from './problem.filter';
export { validationPipe } from './validation';
export { type Unavailable, unavailableDependency } from './unavailable';

export { createLogger, PinoNestLogger, redactUrl, requestLogging } from './logging';
export { MAX_PAGE, type Page, pageAsArray, pageOf, type PageParams, PageQueryOf } from './paging';
export { ParseUuidPipe, UuidParam } from './params';
export { type Problem, PROBLEM_TITLES, ProblemFilter, toProblem } from './problem.filter';
export { validationPipe } from './validation';
export { CJK, VALIDATION_MESSAGES } from './validation-messages';
export { type Unavailable, unavailableDependency } from './unavailable';

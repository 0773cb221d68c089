export { createLogger, PinoNestLogger, requestLogging } from './logging';
export { type Problem, ProblemFilter, toProblem } from './problem.filter';
export { validationPipe } from './validation';
export { type Unavailable, unavailableDependency } from './unavailable';

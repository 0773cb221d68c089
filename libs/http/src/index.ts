export { createLogger, PinoNestLogger, redactUrl, requestLogging } from './logging';
export { type Problem, ProblemFilter, toProblem } from './problem.filter';
export { validationPipe } from './validation';

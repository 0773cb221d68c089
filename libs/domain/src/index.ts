export { DomainError, type DomainErrorCode, type FieldProblem } from './errors';

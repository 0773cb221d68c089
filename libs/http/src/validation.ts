import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError, type FieldProblem } from '@duban/domain';
import { validationMessage } from './validation-messages';

/** Every body and query is validated at the edge; a 400 names each bad field, in Chinese. */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // the object a rule was checked on: its DTO's declared bounds word the message (never sent)
    validationError: { target: true },
    exceptionFactory: (errors) => {
      const problems = flatten(errors);
      return DomainError.invalid(`请求有误：${problems.map((p) => `${p.field} ${p.message}`).join('；')}`, problems);
    },
  });
}

export function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([rule, message]) => ({ field, message: validationMessage(e, rule, message) }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

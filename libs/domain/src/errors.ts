/**
 * Domain errors carry a code, never an HTTP status: the worker calls the same code as the API.
 * The API's one exception filter maps codes to problem+json.
 */
export type DomainErrorCode =
  | 'invalid' // bad input (400), with field problems
  | 'unauthenticated' // 401
  | 'forbidden' // known but not yours (403)
  | 'not_found' // 404
  | 'gone' // an id that existed and never will again, e.g. a draft's copy of a task once published (410)
  | 'conflict' // a state or version clash (409)
  | 'precondition_failed' // If-Match did not match (412)
  | 'too_large' // 413
  | 'unsupported' // a file format that cannot be read (415)
  | 'unprocessable' // well-formed but unusable input, e.g. a file without a readable plan (422)
  | 'rate_limited' // 429
  | 'unavailable'; // a shared resource is saturated or down; try again (503)

export interface FieldProblem {
  field: string;
  message: string;
}

/** What a 404 says is missing, in the words of the people who asked. */
const NOT_FOUND_SUBJECTS = {
  plan: '方案',
  task: '任务',
  department: '责任单位',
  jurisdiction: '地区',
  'joint meeting': '联席会议',
  'extension request': '延期申请',
  user: '用户',
  route: '接口',
  'calendar year': '该年度的节假日安排',
} as const;

export type NotFoundSubject = keyof typeof NOT_FOUND_SUBJECTS;

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: { errors?: FieldProblem[]; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static invalid(message: string, errors: FieldProblem[] = []): DomainError {
    return new DomainError('invalid', message, { errors });
  }

  static notFound(what: NotFoundSubject, id: string): DomainError {
    return new DomainError('not_found', `${NOT_FOUND_SUBJECTS[what]}不存在（${id}）`);
  }

  static forbidden(message = '无权访问'): DomainError {
    return new DomainError('forbidden', message);
  }

  static conflict(message: string, details: Record<string, unknown> = {}): DomainError {
    return new DomainError('conflict', message, details);
  }
}

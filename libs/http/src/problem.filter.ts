import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { NotFoundError, OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Request, Response } from 'express';
import { DomainError, type DomainErrorCode, type FieldProblem } from '@duban/domain';
import { unavailableDependency } from './unavailable';
import { CJK } from './validation-messages';

const STATUS: Record<DomainErrorCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  gone: 410,
  conflict: 409,
  precondition_failed: 412,
  too_large: 413,
  unsupported: 415,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

/**
 * The one place where errors become HTTP: every error leaves as application/problem+json
 * (RFC 9457). Unexpected errors are logged with the request id and never leak their message.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly log = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request & { id?: string }>();
    const res = http.getResponse<Response>();
    const problem = toProblem(error);
    problem.instance = req.originalUrl;
    if (problem.status >= 500) {
      this.log.error({ err: error, reqId: req.id }, 'unhandled error');
    }
    if (res.headersSent) return;
    if (typeof problem.retryAfterSeconds === 'number') res.setHeader('Retry-After', String(Math.ceil(problem.retryAfterSeconds)));
    else if (problem.status === 503) res.setHeader('Retry-After', '5');
    res.status(problem.status).type('application/problem+json').json(problem);
  }
}

export function toProblem(error: unknown): Problem {
  if (error instanceof DomainError) {
    const status = STATUS[error.code];
    const { errors, ...rest } = error.details;
    return { type: `urn:duban:problem:${error.code}`, title: titleOf(status), status, detail: error.message, ...(errors?.length ? { errors } : {}), ...rest };
  }
  if (error instanceof OptimisticLockError) {
    return { type: 'urn:duban:problem:conflict', title: titleOf(409), status: 409, detail: '记录已被他人修改，请刷新后重试' };
  }
  if (error instanceof NotFoundError) {
    return { type: 'urn:duban:problem:not_found', title: titleOf(404), status: 404, detail: '未找到所请求的记录' };
  }
  if (error instanceof UniqueConstraintViolationException) {
    return { type: 'urn:duban:problem:conflict', title: titleOf(409), status: 409, detail: '已有相同的记录' };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    const detail = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    return {
      type: status === 404 ? 'urn:duban:problem:not_found' : `urn:duban:problem:http-${status}`,
      title: titleOf(status),
      status,
      detail: inChinese(status, Array.isArray(detail) ? detail.join('; ') : String(detail ?? '')),
    };
  }
  const down = unavailableDependency(error);
  if (down) {
    return { type: 'urn:duban:problem:unavailable', title: titleOf(503), status: 503, detail: `${down.dependency === 'postgres' ? '数据库（PostgreSQL）' : '队列（Redis）'}暂不可用，请稍后再试`, dependency: down.dependency };
  }
  if (isBodyParserError(error)) {
    const status = error.status;
    return {
      type: status === 413 ? 'urn:duban:problem:too_large' : 'urn:duban:problem:invalid',
      title: titleOf(status),
      status,
      detail: status === 413 ? '请求内容过大' : '请求内容不是有效的 JSON',
    };
  }
  return { type: 'urn:duban:problem:internal', title: titleOf(500), status: 500, detail: '服务器发生意外错误，请稍后再试' };
}

/** A framework's own message (Nest's `Cannot GET /x`, multer's `File too large`) kept as a gloss behind the Chinese. */
function inChinese(status: number, message: string): string {
  if (CJK.test(message)) return message;
  const said = status === 404 ? '未找到该接口' : titleOf(status);
  return message && message !== said ? `${said}（${message}）` : said;
}

function isBodyParserError(error: unknown): error is { status: number; type: string } {
  return typeof error === 'object' && error !== null && typeof (error as { status?: unknown }).status === 'number' && typeof (error as { type?: unknown }).type === 'string';
}

/** The problem's `title`, read by people (the console shows it): Chinese, one per status. */
export const PROBLEM_TITLES: Record<number, string> = {
  400: '请求有误',
  401: '未登录或登录已失效',
  403: '无权访问',
  404: '未找到',
  405: '不支持此操作',
  406: '无法提供所请求的格式',
  409: '与当前状态冲突',
  410: '已不再可用',
  412: '内容已被他人修改',
  413: '内容过大',
  415: '不支持的文件格式',
  422: '无法处理的内容',
  429: '请求过于频繁',
  500: '服务器内部错误',
  503: '服务暂不可用',
};

function titleOf(status: number): string {
  return PROBLEM_TITLES[status] ?? (status >= 500 ? PROBLEM_TITLES[500] : PROBLEM_TITLES[400]);
}

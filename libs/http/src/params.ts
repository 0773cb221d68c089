import { type ArgumentMetadata, Injectable, Param, type PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { DomainError, isUuid } from '@duban/domain';

/**
 * A path id that is not a UUID names nothing: a 404 (the service contract's rule for unknown ids)
 * that says which parameter was malformed, before any query could fail on it.
 */
@Injectable()
export class ParseUuidPipe implements PipeTransform<string, string> {
  transform(value: string, { data }: ArgumentMetadata): string {
    if (isUuid(value)) return value;
    const field = data ?? 'id';
    throw new DomainError('not_found', `编号「${String(value).slice(0, 60)}」不存在（${field} 须为 UUID）`, { errors: [{ field, message: `须为 UUID，收到「${String(value).slice(0, 60)}」` }] });
  }
}

/** `@UuidParam('id') id: string`: the route's `:id`, checked to be a UUID. */
export function UuidParam(name: string): ParameterDecorator {
  return (target, key, index) => {
    Param(name, ParseUuidPipe)(target, key, index);
    if (key !== undefined) ApiParam({ name, format: 'uuid' })(target, key, Object.getOwnPropertyDescriptor(target, key)!);
  };
}

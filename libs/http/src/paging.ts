import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Response } from 'express';

/** No list is read this deep by a person; past it, `page` is a 400 rather than a huge OFFSET. */
export const MAX_PAGE = 10_000;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PageParams {
  page: number;
  pageSize: number;
}

/**
 * `page` and `pageSize` as bounded whole numbers, the one definition every list query extends
 * (`1e20`, `0`, `1.5` are 400s naming the field). Each list picks its default and maximum size.
 */
export function PageQueryOf(size: { default: number; max: number }) {
  class PageQuery implements PageParams {
    @ApiPropertyOptional({ default: 1, minimum: 1, maximum: MAX_PAGE })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(MAX_PAGE)
    page: number = 1;

    @ApiPropertyOptional({ default: size.default, minimum: 1, maximum: size.max })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(size.max)
    pageSize: number = size.default;
  }
  return PageQuery;
}

/** One page of rows already in memory (a computed list such as the scorecard). */
export function pageOf<T>(rows: T[], { page, pageSize }: PageParams): Page<T> {
  return { items: rows.slice((page - 1) * pageSize, page * pageSize), total: rows.length, page, pageSize };
}

/**
 * Lists that answered a bare array before they were paged keep that body (clients read it) and
 * carry the paging in headers: `X-Total-Count`, `X-Page`, `X-Page-Size`.
 */
export function pageAsArray<T>(res: Response, { items, total, page, pageSize }: Page<T>): T[] {
  res.setHeader('X-Total-Count', String(total));
  res.setHeader('X-Page', String(page));
  res.setHeader('X-Page-Size', String(pageSize));
  return items;
}

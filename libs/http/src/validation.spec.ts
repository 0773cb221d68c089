import 'reflect-metadata';
import { ArrayMaxSize, IsEmail, IsString, MaxLength } from 'class-validator';
import { DomainError } from '@duban/domain';
import { PageQueryOf } from './paging';
import { validationPipe } from './validation';

class Body {
  @IsString()
  @MaxLength(5)
  name!: string;

  @ArrayMaxSize(2)
  @IsEmail({}, { each: true })
  emails!: string[];
}

const refusal = async (value: unknown, metatype: new () => object, type: 'body' | 'query' = 'body'): Promise<DomainError> =>
  validationPipe()
    .transform(value, { type, metatype })
    .then(
      () => {
        throw new Error('accepted');
      },
      (e: unknown) => e as DomainError,
    );

describe('validationPipe', () => {
  it('says what is wrong with each field in Chinese, with the bound the DTO declares, the field named', async () => {
    const error = await refusal({ name: '一二三四五六', emails: ['a@b.cn', 'x', 'y'], extra: 1 }, Body);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('invalid');
    expect(error.details.errors).toEqual(
      expect.arrayContaining([
        { field: 'name', message: '不能超过 5 个字符' },
        { field: 'emails', message: '最多 2 项' },
        { field: 'emails', message: '须为有效的邮箱地址' },
        { field: 'extra', message: '不是可提交的字段' },
      ]),
    );
    expect(error.message).toMatch(/^请求有误：.*name 不能超过 5 个字符/);
  });

  it('words a query’s paging bounds the same way', async () => {
    const Query = PageQueryOf({ default: 100, max: 500 });
    expect((await refusal({ pageSize: '1e20' }, Query, 'query')).details.errors).toEqual([{ field: 'pageSize', message: '不能大于 500' }]);
    expect((await refusal({ page: '1.5' }, Query, 'query')).details.errors).toEqual([{ field: 'page', message: '须为整数' }]);
  });
});

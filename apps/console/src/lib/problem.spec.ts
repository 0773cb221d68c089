import { fieldLabel, problemMessage, toProblem, translateFieldMessage } from './problem';

describe('problem+json → a Chinese message naming the field', () => {
  it('names each invalid field in Chinese with the rule it broke', () => {
    const message = problemMessage({
      status: 400,
      detail: 'the request has invalid fields',
      errors: [
        { field: 'percent', message: 'percent must not be greater than 100' },
        { field: 'summary', message: 'summary should not be empty' },
        { field: 'evidenceUrls', message: 'each value in evidenceUrls must be a URL address' },
      ],
    });
    expect(message).toBe('完成进度不能大于 100；进展情况不能为空；佐证材料链接须为以 http:// 或 https:// 开头的网址');
  });

  it('labels nested and indexed fields, and keeps unknown field names readable', () => {
    expect(fieldLabel('evidenceUrls.2')).toBe('佐证材料链接（第3项）');
    expect(fieldLabel('newDeadline')).toBe('申请延期至');
    expect(fieldLabel('somethingNew')).toBe('somethingNew');
    expect(translateFieldMessage('newDeadline must be a date as YYYY-MM-DD')).toBe('须为日期，格式 YYYY-MM-DD');
    expect(translateFieldMessage('property foo should not exist')).toBe('不是可提交的字段');
    expect(translateFieldMessage('an unexpected sentence')).toBe('an unexpected sentence');
  });

  it('drops repeated lines (one field broken twice the same way)', () => {
    const p = { status: 400, errors: [{ field: 'emails', message: 'each value in emails must be an email' }, { field: 'emails', message: 'each value in emails must be an email' }] };
    expect(problemMessage(p)).toBe('邮箱须为有效的邮箱地址');
  });

  it('turns statuses and known domain details into sentences a clerk understands', () => {
    expect(problemMessage({ status: 401, detail: 'wrong email or password' })).toBe('邮箱或密码错误');
    expect(problemMessage({ status: 401, detail: 'jwt expired' })).toBe('登录已过期，请重新登录');
    expect(problemMessage({ status: 403, detail: 'your department does not hold this task' })).toBe('该任务不属于本单位');
    expect(problemMessage({ status: 404, detail: 'task 123 does not exist' })).toBe('记录不存在或已被删除');
    expect(problemMessage({ status: 409, detail: 'action approve_completion is not allowed in status in_progress' })).toBe('任务当前状态不允许此操作，请刷新后重试');
    expect(problemMessage({ status: 412, detail: 'the task changed since you read it' })).toBe('任务已被他人修改，请刷新后重试');
    expect(problemMessage({ status: 415 })).toContain('不支持的文件格式');
    expect(problemMessage({ status: 429, detail: 'slow down' })).toBe('操作过于频繁，请稍后再试');
    expect(problemMessage({ status: 0 })).toBe('无法连接服务器，请检查网络');
    expect(problemMessage({ status: 502 })).toBe('服务器出错（502），请稍后再试');
  });

  it('shows the API’s Chinese as it is: the detail, and each field’s problem behind its label', () => {
    expect(problemMessage({ status: 410, detail: '该任务是草稿中的副本，草稿发布后已由正式任务「建设政务云」接替' })).toBe('该任务是草稿中的副本，草稿发布后已由正式任务「建设政务云」接替');
    expect(problemMessage({ status: 401, detail: '邮箱或密码错误' })).toBe('邮箱或密码错误');
    expect(problemMessage({ status: 400, detail: '请求有误：percent 不能大于 100', errors: [{ field: 'percent', message: '不能大于 100' }] })).toBe('完成进度不能大于 100');
  });

  it('reads whatever body came back as a problem', () => {
    expect(toProblem(500, 'Bad Gateway')).toEqual({ status: 500, detail: 'Bad Gateway' });
    expect(toProblem(400, { status: 400, title: 'Bad request', errors: [] })).toMatchObject({ status: 400, title: 'Bad request' });
    expect(toProblem(404, null)).toEqual({ status: 404, detail: undefined });
  });
});

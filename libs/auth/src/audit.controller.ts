import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type AuditFilter, AuditLog, type AuditPage, CSV_HEADER, csvLine } from '@duban/audit';
import { Clock } from '@duban/clock';
import { DomainError } from '@duban/domain';
import { AuditQueryDto } from './audit.dto';
import { assertJurisdiction, jurisdictionScopeOf } from './jurisdiction-scope';
import { Allow, type AuthUser, CurrentUser } from './permissions';

/**
 * Reading the audit log (libs/audit). It lives here rather than in libs/audit because the audit
 * library sits below auth: auth records its own actions there.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class AuditController {
  constructor(
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  @Allow('admin', 'coordinator')
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: AuditQueryDto): Promise<AuditPage> {
    return this.audit.page(filterOf(user, query), query.page, query.pageSize);
  }

  /** CSV (UTF-8 with BOM so Excel reads the Chinese), streamed in batches, oldest first. */
  @Allow('admin', 'coordinator')
  @ApiProduces('text/csv')
  @Get('export')
  async export(@CurrentUser() user: AuthUser, @Query() query: AuditQueryDto, @Res() res: Response): Promise<void> {
    const filter = filterOf(user, query);
    const stamp = this.clock.now().toISOString().slice(0, 10);
    res.status(200).type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="audit-${stamp}.csv"`);
    res.write('\uFEFF' + CSV_HEADER.join(',') + '\r\n');
    for await (const record of this.audit.stream(filter)) {
      if (!res.write(csvLine(record))) await new Promise((resolve) => res.once('drain', resolve));
    }
    res.end();
  }
}

function filterOf(user: AuthUser, q: AuditQueryDto): AuditFilter {
  const scope = jurisdictionScopeOf(user);
  if (q.jurisdictionId) assertJurisdiction(user, q.jurisdictionId);
  const from = q.from ? new Date(q.from) : undefined;
  const to = q.to ? new Date(q.to) : undefined;
  if (from && to && from >= to) throw DomainError.invalid('the time range is empty', [{ field: 'to', message: 'to must be after from' }]);
  return { scope, action: q.action, targetType: q.targetType, targetId: q.targetId, actorId: q.actorId, jurisdictionId: q.jurisdictionId, from, to };
}

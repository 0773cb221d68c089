import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow, type AuthUser, CurrentUser } from '@duban/auth';
import { SummaryRequests } from './summary.requests';
import { UuidParam } from '@duban/http';

@ApiTags('joint-meetings')
@ApiBearerAuth()
@Controller('api/joint-meetings')
export class SummaryController {
  constructor(private readonly requests: SummaryRequests) {}

  /** Queues the joint meeting's summary mail now (the nightly schedule sends it by itself). */
  @Allow('coordinator', 'admin')
  @Post(':id/summary')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'queued' })
  async queue(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<{ status: 'queued'; jobId: string }> {
    const { jobId } = await this.requests.request(id, user);
    return { status: 'queued', jobId };
  }
}

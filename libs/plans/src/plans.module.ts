import { Module } from '@nestjs/common';
import { DepartmentService } from './department.service';
import { DepartmentsController } from './departments.controller';
import { DraftsController } from './drafts.controller';
import { JointMeetingService } from './joint-meeting.service';
import { JointMeetingsController } from './joint-meetings.controller';
import { PlanDraftService } from './plan-drafts.service';
import { PlanImportService } from './plan-import.service';
import { PlanIntakeService } from './plan-intake.service';
import { PlanService } from './plan.service';
import { PlansController } from './plans.controller';

/** Plans and what importing them creates: revisions, departments, joint meetings, assignments (the tasks' own routes are in @duban/tasks). Needs the global MikroORM and clock modules. */
@Module({
  controllers: [PlansController, DepartmentsController, JointMeetingsController, DraftsController],
  providers: [PlanImportService, PlanIntakeService, PlanService, DepartmentService, JointMeetingService, PlanDraftService],
  exports: [PlanImportService, PlanIntakeService, PlanService, DepartmentService, JointMeetingService, PlanDraftService],
})
export class PlansModule {}

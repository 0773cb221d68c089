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
import { TaskAssignmentService } from './task-assignment.service';
import { TaskAssignmentsController } from './task-assignments.controller';
import { TaskCorrectionService } from './task-corrections.service';

/** Plans and what importing them creates: departments, joint meetings, assignments. Needs the global MikroORM and clock modules. */
@Module({
  controllers: [PlansController, DepartmentsController, JointMeetingsController, TaskAssignmentsController, DraftsController],
  providers: [PlanImportService, PlanIntakeService, PlanService, DepartmentService, JointMeetingService, TaskAssignmentService, PlanDraftService, TaskCorrectionService],
  exports: [PlanImportService, PlanIntakeService, PlanService, DepartmentService, JointMeetingService, TaskAssignmentService, PlanDraftService, TaskCorrectionService],
})
export class PlansModule {}

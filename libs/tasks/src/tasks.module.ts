import { Module } from '@nestjs/common';
import { ProgressService } from './progress.service';
import { ReviewController } from './review.controller';
import { ReviewService } from './review.service';
import { TaskQueries } from './task.queries';
import { TaskWorkflowService } from './task-workflow.service';
import { TasksController } from './tasks.controller';
import { TaskAssignmentService } from './task-assignment.service';
import { TaskAssignmentsController } from './task-assignments.controller';
import { TaskCorrectionService } from './task-corrections.service';
import { TaskCorrectionsController } from './task-corrections.controller';

/**
 * The Task resource end to end: lists, the workflow, progress, assignments and edits, the draft
 * corrections, history, the worklist and overdue review, scorecards. Plans create the tasks; this
 * module uses @duban/plans (departments, the jurisdiction lock), never the other way round.
 */
@Module({
  controllers: [TasksController, ReviewController, TaskAssignmentsController, TaskCorrectionsController],
  providers: [TaskQueries, TaskWorkflowService, ProgressService, ReviewService, TaskAssignmentService, TaskCorrectionService],
  exports: [TaskQueries, ReviewService, TaskAssignmentService, TaskCorrectionService],
})
export class TasksModule {}

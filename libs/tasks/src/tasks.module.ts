import { Module } from '@nestjs/common';
import { ProgressService } from './progress.service';
import { ReviewController } from './review.controller';
import { ReviewService } from './review.service';
import { TaskQueries } from './task.queries';
import { TaskWorkflowService } from './task-workflow.service';
import { TasksController } from './tasks.controller';

/** Tasks as departments and coordinators work them: lists, the workflow, progress, review, scorecards. */
@Module({
  controllers: [TasksController, ReviewController],
  providers: [TaskQueries, TaskWorkflowService, ProgressService, ReviewService],
  exports: [TaskQueries, ReviewService],
})
export class TasksModule {}

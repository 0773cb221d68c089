export { type DepartmentScore, ReviewService } from './review.service';
export { type TaskFilter, TaskQueries } from './task.queries';
export type { ExtensionView, Page, ProgressView, TaskDetail, TaskItem, TaskPage } from './task.views';
export { type Cursor, decodeCursor, type Statement } from './task-page';
export { TasksModule } from './tasks.module';
export { type TaskEventView, TaskAssignmentService, type WorklistItem } from './task-assignment.service';
export { TaskCorrectionService } from './task-corrections.service';

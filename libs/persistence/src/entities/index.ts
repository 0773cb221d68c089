export { Department, DepartmentAlias } from './department.entity';
export { JointMeeting } from './joint-meeting.entity';
export { Jurisdiction } from './jurisdiction.entity';
export { KeyArea, Plan } from './plan.entity';
export { ProgressReport, TaskEvent } from './progress.entity';
export { Assignment, type AssignmentRole, Task, type TaskKind } from './task.entity';
export { type Role, User } from './user.entity';

import { Department, DepartmentAlias } from './department.entity';
import { JointMeeting } from './joint-meeting.entity';
import { Jurisdiction } from './jurisdiction.entity';
import { KeyArea, Plan } from './plan.entity';
import { ProgressReport, TaskEvent } from './progress.entity';
import { Assignment, Task } from './task.entity';
import { User } from './user.entity';

export const ENTITIES = [Jurisdiction, JointMeeting, Department, DepartmentAlias, Plan, KeyArea, Task, Assignment, User, ProgressReport, TaskEvent];

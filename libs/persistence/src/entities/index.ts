export { Department, DepartmentAlias } from './department.entity';
export { type ExtensionStatus, ExtensionRequest } from './extension-request.entity';
export { JointMeeting } from './joint-meeting.entity';
export { Jurisdiction } from './jurisdiction.entity';
export { KeyArea, Plan, type PlanStatus } from './plan.entity';
export { NotificationSettings } from './notification.entity';
export { ProgressReport, TaskEvent } from './progress.entity';
export { RefreshToken } from './refresh-token.entity';
export { Assignment, type AssignmentRole, Task } from './task.entity';
export { User } from './user.entity';

import { Department, DepartmentAlias } from './department.entity';
import { ExtensionRequest } from './extension-request.entity';
import { JointMeeting } from './joint-meeting.entity';
import { Jurisdiction } from './jurisdiction.entity';
import { KeyArea, Plan } from './plan.entity';
import { NotificationSettings } from './notification.entity';
import { ProgressReport, TaskEvent } from './progress.entity';
import { RefreshToken } from './refresh-token.entity';
import { Assignment, Task } from './task.entity';
import { User } from './user.entity';

export const ENTITIES = [Jurisdiction, JointMeeting, Department, DepartmentAlias, Plan, KeyArea, Task, Assignment, User, ProgressReport, TaskEvent, RefreshToken, ExtensionRequest, NotificationSettings];

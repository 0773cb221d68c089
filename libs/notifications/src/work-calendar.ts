import { chinaWorkCalendar } from '@duban/domain';

/** Injection token for the working-day calendar (China's official one in production). */
export const WORK_CALENDAR = Symbol('WorkCalendar');
export const workCalendarProvider = { provide: WORK_CALENDAR, useFactory: chinaWorkCalendar };

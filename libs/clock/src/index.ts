export { Clock, ManualClock, SystemClock } from './clock';

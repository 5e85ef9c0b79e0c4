import 'reflect-metadata';
import { allModules } from '../../../domains';
import { faultEffectsModule } from './effect-handler';
import { lateEventModule } from './late-event';

/** WFE_CONFIG of the "fixed" worker: it knows FAULT_LATE_EVENT, which the first worker dead-lettered. */
export const modules = [...allModules, faultEffectsModule, lateEventModule];

import 'reflect-metadata';
import { allModules } from '../../../domains';
import { faultEffectsModule } from './effect-handler';

/** WFE_CONFIG of the suite's worker processes: every MSP module, plus one row per handled invoice event. */
export const modules = [...allModules, faultEffectsModule];

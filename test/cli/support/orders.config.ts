import 'reflect-metadata';
import { allModules } from '../../../domains';
import { ordersModule } from '../../fixtures/orders';

/** WFE_CONFIG for CLI runs that need an event with two schema versions (TEST_ORDER_SHIPPED v1, v2). */
export const modules = [...allModules, ordersModule];

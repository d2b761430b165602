import type { Services } from '../services/services';
import type { Resource } from './route';
import { callerRoutes } from './routes/caller-routes';
import { consentRoutes } from './routes/consent-routes';
import { contractRoutes } from './routes/contract-routes';
import { deliveryRoutes } from './routes/delivery-routes';
import { deviceRoutes } from './routes/device-routes';
import { enterpriseRoutes } from './routes/enterprise-routes';
import { invoiceRoutes } from './routes/invoice-routes';
import { productionRoutes } from './routes/production-routes';
import { receivableRoutes } from './routes/receivable-routes';
import { reconciliationRoutes } from './routes/reconciliation-routes';
import { recordRoutes } from './routes/record-routes';

/** Every resource of `/api/v1`, each served by its own router. */
export function apiResources(services: Services): Resource[] {
  return [
    callerRoutes(services),
    enterpriseRoutes(services),
    deviceRoutes(services),
    productionRoutes(services),
    consentRoutes(services),
    contractRoutes(services),
    deliveryRoutes(services),
    invoiceRoutes(services),
    receivableRoutes(services),
    reconciliationRoutes(services),
    recordRoutes(services),
  ];
}

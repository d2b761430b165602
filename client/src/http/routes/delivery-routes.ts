import { deliverySchema, receiptSchema, shipmentSchema } from '../../domain/delivery';
import type { Services } from '../../services/services';
import { defineRoute, type Resource } from '../route';
import { idParams } from './params';

/** Deliveries against confirmed contracts. */
export function deliveryRoutes(services: Services): Resource {
  return {
    tag: 'deliveries',
    description: 'Shipped by the seller with its production records as evidence; received by the buyer.',
    routes: [
      defineRoute({
        method: 'post',
        path: '/deliveries',
        operationId: 'shipDelivery',
        summary: 'Record a shipment against a confirmed contract (seller)',
        body: shipmentSchema,
        status: 201,
        kind: 'submitted',
        response: deliverySchema,
        errors: [404, 409, 422],
        location: (data) => `/api/v1/deliveries/${(data as { id: string }).id}`,
        handle: ({ caller, body }) => services.deliveries.ship(caller, body),
      }),
      defineRoute({
        method: 'post',
        path: '/deliveries/:id/receive',
        operationId: 'receiveDelivery',
        summary: 'Record the receipt of a delivery (buyer)',
        params: idParams,
        body: receiptSchema,
        kind: 'submitted',
        response: deliverySchema,
        errors: [404, 409, 422],
        handle: ({ caller, params, body }) => services.deliveries.receive(caller, params.id, body),
      }),
      defineRoute({
        method: 'get',
        path: '/deliveries/:id',
        operationId: 'getDelivery',
        summary: 'Read a delivery',
        params: idParams,
        kind: 'data',
        response: deliverySchema,
        errors: [404],
        handle: ({ caller, params }) => services.deliveries.get(caller, params.id),
      }),
    ],
  };
}

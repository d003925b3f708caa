export const DELIVERIES = '/v1/webhook_deliveries';

/**
 * The model without its zod schemas: functions, constants and types. What the library's own modules import, so
 * that paths which never validate (EDI, webhooks, the tracker's merge) do not load zod. `index.ts` adds the schemas.
 */
export * from './event.js'
export * from './event-time.js'
export * from './findings.js'
export * from './identifiers.js'
export * from './location.js'
export * from './result.js'
export type * from './schemas.js'
export * from './shipment.js'
export * from './status.js'

/**
 * zod schemas of the FedEx Track API v1 payloads `normalize` takes: the `POST /track/v1/trackingnumbers`
 * response (`output.completeTrackResults[].trackResults[]`) and the request-level error envelope (`errors[]`).
 * Shapes from karrio's captured FedEx responses and the Track API OpenAPI file (gist konung/d7e69c2f…).
 *
 * Lenient where FedEx is inconsistent: scalars may be strings or numbers (`count: "1"`, `deliveryAttempts: "0"`),
 * arrays may be missing, `null` or a single object, and unknown fields are ignored.
 */
import { z } from 'zod'
import { lenient } from '../../src/adapter/index.js'

const { list, optionalObject, text } = lenient

export { list, text }

const obj = optionalObject

export const fedexAddressSchema = z.object({
  city: text,
  stateOrProvinceCode: text,
  postalCode: text,
  countryCode: text,
  countryName: text,
})

export const fedexScanEventSchema = z.object({
  date: text,
  eventType: text,
  eventDescription: text,
  exceptionCode: text,
  exceptionDescription: text,
  derivedStatusCode: text,
  derivedStatus: text,
  scanLocation: obj(fedexAddressSchema.shape),
  locationId: text,
  locationType: text,
})

const windowSchema = obj({ window: obj({ begins: text, ends: text }) })
const messageSchema = z.object({ code: text, message: text })

export const fedexTrackResultSchema = z.object({
  trackingNumberInfo: obj({ trackingNumber: text, trackingNumberUniqueId: text, carrierCode: text }),
  additionalTrackingInfo: obj({
    packageIdentifiers: list(z.object({ type: text, values: list(text), value: text })),
  }),
  shipperInformation: obj({ address: obj(fedexAddressSchema.shape) }),
  recipientInformation: obj({ address: obj(fedexAddressSchema.shape) }),
  originLocation: obj({ locationContactAndAddress: obj({ address: obj(fedexAddressSchema.shape) }) }),
  destinationLocation: obj({ locationContactAndAddress: obj({ address: obj(fedexAddressSchema.shape) }) }),
  lastUpdatedDestinationAddress: obj(fedexAddressSchema.shape),
  latestStatusDetail: obj({ code: text, derivedCode: text, description: text }),
  dateAndTimes: list(z.object({ type: text, dateTime: text })),
  scanEvents: list(fedexScanEventSchema),
  deliveryDetails: obj({ receivedByName: text, deliveryAttempts: text }),
  serviceDetail: obj({ type: text, description: text, shortDescription: text }),
  packageDetails: obj({
    count: text,
    weightAndDimensions: obj({ weight: list(z.object({ value: text, unit: text })) }),
  }),
  estimatedDeliveryTimeWindow: windowSchema,
  standardTransitTimeWindow: windowSchema,
  error: obj(messageSchema.shape),
})

/** `POST /track/v1/trackingnumbers` → 200. */
export const fedexTrackResponseSchema = z.object({
  transactionId: text,
  customerTransactionId: text,
  output: z.object({
    completeTrackResults: list(
      z.object({ trackingNumber: text, trackResults: list(fedexTrackResultSchema) }),
    ),
  }),
})

/** Request-level error envelope (4xx/5xx): `{ transactionId, errors: [{ code, message }] }`. */
export const fedexErrorResponseSchema = z.object({
  transactionId: text,
  errors: list(messageSchema),
})

export type FedexAddress = z.output<typeof fedexAddressSchema>
export type FedexScanEvent = z.output<typeof fedexScanEventSchema>
export type FedexTrackResult = z.output<typeof fedexTrackResultSchema>
export type FedexTrackResponse = z.output<typeof fedexTrackResponseSchema>
export type FedexErrorResponse = z.output<typeof fedexErrorResponseSchema>

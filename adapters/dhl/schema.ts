/**
 * zod schema of DHL Shipment Tracking – Unified responses (`GET /track/shipments`), lenient where DHL is
 * inconsistent between its divisions: most fields are optional or nullable, `id` may be a number (as in DHL's own
 * spec example) or a string, `details.references` is an object or a list, unknown fields are kept.
 *
 * Shapes from DHL's OpenAPI (dpdhl_tracking-unified-api 1.x, developer.dhl.com/api-reference/shipment-tracking) as
 * vendored in karrioapi/karrio, and the problem documents (RFC 7807) DHL answers errors with.
 */
import { z } from 'zod'

const text = z.string().nullish()

export const dhlAddressSchema = z.looseObject({
  /** Free text: `LEIPZIG - GERMANY`, `Oderweg 2, AMSTERDAM`, `CINCINNATI HUB - HEBRON, KY - USA`. */
  addressLocality: text,
  postalCode: text,
  countryCode: text,
  addressRegion: text,
  streetAddress: text,
})

export const dhlPlaceSchema = z.looseObject({
  address: dhlAddressSchema.nullish(),
  servicePoint: z.looseObject({ url: text, label: text }).nullish(),
})

export const dhlEventSchema = z.looseObject({
  /** ISO 8601, with an offset for some services and without one for others. */
  timestamp: z.string(),
  location: dhlPlaceSchema.nullish(),
  /** One of `pre-transit`, `transit`, `delivered`, `failure`, `unknown`. */
  statusCode: text,
  /** Short title; sometimes a division code such as `DLVRD:CUSTM`. */
  status: text,
  statusDetailed: text,
  description: text,
  remark: text,
  nextSteps: text,
  pieceIds: z.array(z.string()).nullish(),
})
export type DhlEvent = z.infer<typeof dhlEventSchema>

const personSchema = z.looseObject({
  name: text,
  givenName: text,
  familyName: text,
  organizationName: text,
})

const referenceSchema = z.looseObject({ number: z.union([z.string(), z.number()]), type: text })

export const dhlDetailsSchema = z.looseObject({
  product: z.looseObject({ productName: text }).nullish(),
  proofOfDelivery: z
    .looseObject({
      timestamp: text,
      signatureUrl: text,
      documentUrl: text,
      signed: personSchema.nullish(),
    })
    .nullish(),
  proofOfDeliverySignedAvailable: z.boolean().nullish(),
  totalNumberOfPieces: z.number().int().nonnegative().nullish(),
  pieceIds: z.array(z.string()).nullish(),
  weight: z.looseObject({ value: z.number().nonnegative(), unitText: text }).nullish(),
  references: z.union([referenceSchema, z.array(referenceSchema)]).nullish(),
})

export const dhlShipmentSchema = z.looseObject({
  id: z.union([z.string().min(1), z.number().int().nonnegative()]),
  service: text,
  origin: dhlPlaceSchema.nullish(),
  destination: dhlPlaceSchema.nullish(),
  /** The latest status, shaped like an event. */
  status: dhlEventSchema.nullish(),
  estimatedTimeOfDelivery: text,
  estimatedDeliveryTimeFrame: z.looseObject({ estimatedFrom: text, estimatedThrough: text }).nullish(),
  estimatedTimeOfDeliveryRemark: text,
  details: dhlDetailsSchema.nullish(),
  events: z.array(dhlEventSchema).nullish(),
})
export type DhlShipment = z.infer<typeof dhlShipmentSchema>

export const dhlResponseSchema = z.looseObject({
  shipments: z.array(dhlShipmentSchema),
  possibleAdditionalShipmentsUrl: z.array(z.string()).nullish(),
})
export type DhlResponse = z.infer<typeof dhlResponseSchema>

/**
 * DHL's error body (`application/problem+json`): `{ title, status, detail, instance? }`. `trackingNumber` is not
 * DHL's: `track()` adds it to a 404 so that `normalize` can report which number was not found.
 */
export const dhlProblemSchema = z.looseObject({
  status: z.number().int().min(100).max(599),
  title: text,
  detail: text,
  instance: text,
  trackingNumber: z.string().min(1).nullish(),
})
export type DhlProblem = z.infer<typeof dhlProblemSchema>

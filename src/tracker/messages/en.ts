/** English customer messages. */
import type { EtaParts, MessageTable } from './index.js'

function when(p: EtaParts): string {
  if (p.day === 'today') return ''
  return p.day === 'tomorrow' ? ' tomorrow' : ` on ${p.date}`
}

export const en: MessageTable = {
  language: 'en',
  status: {
    pre_transit: "The sender is preparing your package. It hasn't been handed over for delivery yet.",
    in_transit: 'Your package is on its way.',
    out_for_delivery: 'Your package is out for delivery.',
    available_for_pickup: 'Your package is ready for you to pick up.',
    delivery_attempted: "The driver tried to deliver your package but couldn't.",
    delivered: 'Your package has been delivered.',
    exception: 'Something is holding up your package.',
    returned_to_sender: 'Your package is going back to the sender.',
    failure: "Unfortunately, your package can't be delivered.",
    cancelled: 'This shipment has been cancelled.',
    unknown: "We don't have any news about your package yet.",
  },
  milestone: {
    label_created: "The sender has created a shipping label. Your package hasn't been handed over yet.",
    picked_up: 'Your package has been picked up and is on its way.',
    arrived_at_facility: 'Your package has arrived at a sorting center.',
    departed_facility: 'Your package has left a sorting center.',
    in_transit: 'Your package is on its way.',
    customs: 'Your package is going through customs.',
    out_for_delivery: 'Your package is out for delivery.',
    delivery_attempted: "The driver tried to deliver your package but couldn't.",
    available_for_pickup: 'Your package is ready for you to pick up.',
    delivered: 'Your package has been delivered.',
    delivered_to_agent: 'Your package has been delivered and left with someone who accepted it for you.',
    delayed: 'Your package is delayed.',
    weather_delay: 'Bad weather is delaying your package.',
    held: 'Your package is on hold.',
    address_issue: "There's a problem with the delivery address.",
    damaged: 'Your package was damaged on the way.',
    lost: "We're sorry: your package seems to have been lost.",
    refused: 'Delivery was refused, so your package is going back to the sender.',
    return_initiated: 'A return has been started for your package.',
    returning: 'Your package is going back to the sender.',
    returned: 'Your package has been returned to the sender.',
    cancelled: 'This shipment has been cancelled.',
    status_update: "There's news about your package.",
    unknown: "There's news about your package.",
  },
  nextStep: {
    pre_transit: "We'll let you know when it's on its way.",
    in_transit: "Nothing to do for now. We'll keep you posted.",
    out_for_delivery: 'Keep an eye out for it today.',
    available_for_pickup: 'Bring a photo ID when you collect it.',
    delivery_attempted: 'Check the notice left for you to arrange a new delivery or pick it up.',
    delivered: "If you can't find it, check with your neighbors, then contact the sender.",
    exception: "Nothing to do for now. We'll let you know as soon as it's moving again.",
    returned_to_sender: 'Contact the sender if you still want your order.',
    failure: 'Please contact the sender about a replacement or a refund.',
    cancelled: "Contact the sender if you didn't expect this.",
    unknown: "We'll let you know as soon as we hear more.",
  },
  nextStepByMilestone: {
    return_initiated: "If you're sending it back, follow the sender's return instructions.",
    address_issue: 'Please check your address with the sender.',
    customs: "Nothing to do for now. If anything is needed from you, you'll be contacted.",
    damaged: 'If anything inside is damaged, please contact the sender.',
    refused: 'Contact the sender if this is a mistake.',
    delivered_to_agent: "If you can't find it, check with your neighbors or your building's reception.",
  },
  eta(p) {
    switch (p.kind) {
      case 'on':
        return p.day ?? `on ${p.date}`
      case 'by':
        return `by ${p.time}${when(p)}`
      case 'between':
        return `between ${p.from} and ${p.to}${when(p)}`
      case 'days':
        return `between ${p.date} and ${p.toDate}`
    }
  },
  arrives(p) {
    const day = p.day ? ` \u00b7 ${p.day}` : ''
    switch (p.kind) {
      case 'on':
        return `Arrives ${p.date}${day}`
      case 'by':
        return `Arrives ${p.date}, by ${p.time}${day}`
      case 'between':
        return `Arrives ${p.date}, ${p.range ?? `${p.from}\u2013${p.to}`}${day}`
      case 'days':
        return `Arrives between ${p.date} and ${p.toDate}`
    }
  },
  arrival: (eta) => `It should arrive ${eta}.`,
  arrivalWith: {
    out_for_delivery: (eta) => `Your package is out for delivery and should arrive ${eta}.`,
    in_transit: (eta) => `Your package is on its way and should arrive ${eta}.`,
  },
  alertTitle: {
    exception: 'Delivery problem',
    delivery_attempted: 'We missed you',
    out_for_delivery: 'Out for delivery',
    available_for_pickup: 'Ready for pickup',
    delivered: 'Delivered',
    eta_later: 'New delivery date',
    late: 'Running late',
    stalled: 'No news yet',
    returned: 'Going back to the sender',
    missed_pickup: 'Not picked up yet',
    delivered_after_cancel: 'Cancelled order delivered',
    return_not_received: 'Return not received yet',
  },
  alert: {
    exception: () => "Something is holding up your package. We'll let you know as soon as it's moving again.",
    delivery_attempted: () =>
      "The driver tried to deliver your package but couldn't. Check the notice left for you to arrange a new delivery.",
    out_for_delivery: ({ eta }) =>
      eta
        ? `Your package is out for delivery and should arrive ${eta}.`
        : 'Your package is out for delivery.',
    available_for_pickup: () =>
      'Your package is ready for you to pick up. Bring a photo ID when you collect it.',
    delivered: () => 'Your package has been delivered.',
    eta_later: ({ eta }) =>
      eta
        ? `Your delivery date has changed: your package should now arrive ${eta}.`
        : 'Your package will arrive later than expected.',
    late: ({ previous }) =>
      previous
        ? `Your package is running late. It was expected ${previous}.`
        : 'Your package is running late.',
    stalled: ({ duration }) =>
      duration
        ? `There's been no news about your package for ${duration}. We're keeping an eye on it.`
        : "There's been no news about your package for a while. We're keeping an eye on it.",
    returned: () => 'Your package is going back to the sender. Contact them if you still want your order.',
    missed_pickup: () => "The carrier hasn't collected your package yet. We're looking into it.",
    delivered_after_cancel: () =>
      'Your package was delivered although the order was cancelled. Please contact the sender.',
    return_not_received: () =>
      "The package on its way back to the sender hasn't arrived there yet. We're looking into it.",
  },
}

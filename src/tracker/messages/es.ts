/** Spanish customer messages (informal "tú", as most stores write to customers). */
import type { EtaParts, MessageTable } from './index.js'

/** "las 20:00" but "la 1:00". */
function at(time: string | undefined): string {
  return /^0?1\D/.test(time ?? '') ? `la ${time}` : `las ${time}`
}

function when(p: EtaParts): string {
  if (p.day === 'today') return ''
  return p.day === 'tomorrow' ? ' mañana' : ` del ${p.date}`
}

export const es: MessageTable = {
  language: 'es',
  status: {
    pre_transit: 'El remitente está preparando tu paquete. Todavía no lo ha entregado para su envío.',
    in_transit: 'Tu paquete está en camino.',
    out_for_delivery: 'Tu paquete está en reparto.',
    available_for_pickup: 'Tu paquete ya está listo para que lo recojas.',
    delivery_attempted: 'El repartidor intentó entregar tu paquete, pero no pudo.',
    delivered: 'Tu paquete ha sido entregado.',
    exception: 'Algo está retrasando tu paquete.',
    returned_to_sender: 'Tu paquete está volviendo al remitente.',
    failure: 'Lo sentimos, tu paquete no se puede entregar.',
    cancelled: 'Este envío ha sido cancelado.',
    unknown: 'Todavía no tenemos noticias de tu paquete.',
  },
  milestone: {
    label_created: 'El remitente ha creado la etiqueta de envío. Tu paquete todavía no ha salido.',
    picked_up: 'Han recogido tu paquete y ya está en camino.',
    arrived_at_facility: 'Tu paquete ha llegado a un centro de clasificación.',
    departed_facility: 'Tu paquete ha salido de un centro de clasificación.',
    in_transit: 'Tu paquete está en camino.',
    customs: 'Tu paquete está pasando por la aduana.',
    out_for_delivery: 'Tu paquete está en reparto.',
    delivery_attempted: 'El repartidor intentó entregar tu paquete, pero no pudo.',
    available_for_pickup: 'Tu paquete ya está listo para que lo recojas.',
    delivered: 'Tu paquete ha sido entregado.',
    delivered_to_agent: 'Tu paquete ha sido entregado a una persona que lo recibió por ti.',
    delayed: 'Tu paquete lleva retraso.',
    weather_delay: 'El mal tiempo está retrasando tu paquete.',
    held: 'Tu paquete está retenido por ahora.',
    address_issue: 'Hay un problema con la dirección de entrega.',
    damaged: 'Tu paquete sufrió daños durante el viaje.',
    lost: 'Lo sentimos: parece que tu paquete se ha perdido.',
    refused: 'Se rechazó la entrega, así que tu paquete vuelve al remitente.',
    return_initiated: 'Se ha iniciado la devolución de tu paquete.',
    returning: 'Tu paquete está volviendo al remitente.',
    returned: 'Tu paquete ha sido devuelto al remitente.',
    cancelled: 'Este envío ha sido cancelado.',
    status_update: 'Hay novedades sobre tu paquete.',
    unknown: 'Hay novedades sobre tu paquete.',
  },
  nextStep: {
    pre_transit: 'Te avisaremos cuando esté en camino.',
    in_transit: 'No tienes que hacer nada por ahora. Te mantendremos al tanto.',
    out_for_delivery: 'Llegará hoy, así que mantente pendiente.',
    available_for_pickup: 'Lleva un documento de identidad con foto cuando vayas a recogerlo.',
    delivery_attempted: 'Revisa el aviso que te dejaron para programar otra entrega o recogerlo.',
    delivered: 'Si no lo encuentras, pregunta a tus vecinos y luego contacta con el remitente.',
    exception: 'No tienes que hacer nada por ahora. Te avisaremos en cuanto vuelva a moverse.',
    returned_to_sender: 'Contacta con el remitente si todavía quieres tu pedido.',
    failure: 'Contacta con el remitente para pedir un reemplazo o un reembolso.',
    cancelled: 'Contacta con el remitente si no lo esperabas.',
    unknown: 'Te avisaremos en cuanto sepamos algo más.',
  },
  nextStepByMilestone: {
    return_initiated: 'Si vas a devolverlo, sigue las instrucciones de devolución del remitente.',
    address_issue: 'Revisa tu dirección con el remitente.',
    customs:
      'No tienes que hacer nada por ahora. Si hace falta algo de tu parte, se pondrán en contacto contigo.',
    damaged: 'Si el contenido está dañado, contacta con el remitente.',
    refused: 'Contacta con el remitente si se trata de un error.',
    delivered_to_agent: 'Si no lo encuentras, pregunta a tus vecinos o en la recepción de tu edificio.',
  },
  eta(p) {
    switch (p.kind) {
      case 'on':
        return p.day === 'today' ? 'hoy' : p.day === 'tomorrow' ? 'mañana' : `el ${p.date}`
      case 'by':
        return `antes de ${at(p.time)}${when(p)}`
      case 'between':
        return `entre ${at(p.from)} y ${at(p.to)}${when(p)}`
      case 'days':
        return `entre el ${p.date} y el ${p.toDate}`
    }
  },
  arrives(p) {
    const day = p.day ? ` \u00b7 ${p.day === 'today' ? 'hoy' : 'mañana'}` : ''
    switch (p.kind) {
      case 'on':
        return `Llega el ${p.date}${day}`
      case 'by':
        return `Llega el ${p.date}, antes de ${at(p.time)}${day}`
      case 'between':
        return `Llega el ${p.date}, ${p.range ?? `${p.from}\u2013${p.to}`}${day}`
      case 'days':
        return `Llega entre el ${p.date} y el ${p.toDate}`
    }
  },
  arrival: (eta) => `Debería llegar ${eta}.`,
  arrivalWith: {
    out_for_delivery: (eta) => `Tu paquete está en reparto y debería llegar ${eta}.`,
    in_transit: (eta) => `Tu paquete está en camino y debería llegar ${eta}.`,
  },
  alertTitle: {
    exception: 'Problema con la entrega',
    delivery_attempted: 'No pudimos entregarlo',
    out_for_delivery: 'En reparto',
    available_for_pickup: 'Listo para recoger',
    delivered: 'Entregado',
    eta_later: 'Nueva fecha de entrega',
    late: 'Con retraso',
    stalled: 'Sin novedades',
    returned: 'Vuelve al remitente',
    missed_pickup: 'Aún sin recoger',
    delivered_after_cancel: 'Pedido cancelado entregado',
    return_not_received: 'Devolución aún no recibida',
  },
  alert: {
    exception: () => 'Algo está retrasando tu paquete. Te avisaremos en cuanto vuelva a moverse.',
    delivery_attempted: () =>
      'El repartidor intentó entregar tu paquete, pero no pudo. Revisa el aviso que te dejaron para programar otra entrega.',
    out_for_delivery: ({ eta }) =>
      eta ? `Tu paquete está en reparto y debería llegar ${eta}.` : 'Tu paquete está en reparto.',
    available_for_pickup: () =>
      'Tu paquete ya está listo para que lo recojas. Lleva un documento de identidad con foto.',
    delivered: () => 'Tu paquete ha sido entregado.',
    eta_later: ({ eta }) =>
      eta
        ? `La fecha de entrega ha cambiado: ahora tu paquete debería llegar ${eta}.`
        : 'Tu paquete llegará más tarde de lo previsto.',
    late: ({ previous }) =>
      previous ? `Tu paquete lleva retraso. Estaba previsto ${previous}.` : 'Tu paquete lleva retraso.',
    stalled: ({ duration }) =>
      duration
        ? `No hay novedades de tu paquete desde hace ${duration}. Lo estamos vigilando.`
        : 'No hay novedades de tu paquete desde hace un tiempo. Lo estamos vigilando.',
    returned: () => 'Tu paquete está volviendo al remitente. Contacta con él si todavía quieres tu pedido.',
    missed_pickup: () => 'La empresa de transporte aún no ha recogido tu paquete. Lo estamos revisando.',
    delivered_after_cancel: () =>
      'Tu paquete se entregó aunque el pedido estaba cancelado. Ponte en contacto con el remitente.',
    return_not_received: () => 'El paquete que vuelve al remitente aún no ha llegado. Lo estamos revisando.',
  },
}

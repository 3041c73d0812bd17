/** French customer messages ("vous"). */
import type { EtaParts, MessageTable } from './index.js'

function when(p: EtaParts): string {
  if (p.day === 'today') return ''
  return p.day === 'tomorrow' ? ' demain' : ` le ${p.date}`
}

export const fr: MessageTable = {
  language: 'fr',
  status: {
    pre_transit: "L'expéditeur prépare votre colis. Il n'a pas encore été remis pour la livraison.",
    in_transit: 'Votre colis est en route.',
    out_for_delivery: 'Votre colis est en cours de livraison.',
    available_for_pickup: 'Votre colis vous attend au point de retrait.',
    delivery_attempted: "Le livreur a essayé de livrer votre colis, mais n'a pas pu.",
    delivered: 'Votre colis a été livré.',
    exception: 'Quelque chose retarde votre colis.',
    returned_to_sender: "Votre colis repart chez l'expéditeur.",
    failure: 'Malheureusement, votre colis ne peut pas être livré.',
    cancelled: 'Cet envoi a été annulé.',
    unknown: "Nous n'avons pas encore de nouvelles de votre colis.",
  },
  milestone: {
    label_created: "L'expéditeur a créé l'étiquette d'envoi. Votre colis n'a pas encore été remis.",
    picked_up: 'Votre colis a été pris en charge et il est en route.',
    arrived_at_facility: 'Votre colis est arrivé dans un centre de tri.',
    departed_facility: 'Votre colis a quitté un centre de tri.',
    in_transit: 'Votre colis est en route.',
    customs: 'Votre colis passe la douane.',
    out_for_delivery: 'Votre colis est en cours de livraison.',
    delivery_attempted: "Le livreur a essayé de livrer votre colis, mais n'a pas pu.",
    available_for_pickup: 'Votre colis vous attend au point de retrait.',
    delivered: 'Votre colis a été livré.',
    delivered_to_agent: "Votre colis a été livré et remis à une personne qui l'a accepté pour vous.",
    delayed: 'Votre colis a du retard.',
    weather_delay: 'Le mauvais temps retarde votre colis.',
    held: 'Votre colis est en attente.',
    address_issue: "Il y a un problème avec l'adresse de livraison.",
    damaged: 'Votre colis a été endommagé pendant le transport.',
    lost: 'Nous sommes désolés : votre colis semble avoir été perdu.',
    refused: "La livraison a été refusée : votre colis repart chez l'expéditeur.",
    return_initiated: 'Un retour de votre colis a été lancé.',
    returning: "Votre colis repart chez l'expéditeur.",
    returned: "Votre colis a été renvoyé à l'expéditeur.",
    cancelled: 'Cet envoi a été annulé.',
    status_update: 'Il y a du nouveau pour votre colis.',
    unknown: 'Il y a du nouveau pour votre colis.',
  },
  nextStep: {
    pre_transit: 'Nous vous préviendrons dès son départ.',
    in_transit: "Vous n'avez rien à faire pour l'instant. Nous vous tiendrons au courant.",
    out_for_delivery: "Votre colis arrive aujourd'hui : soyez attentif à sa livraison.",
    available_for_pickup: "Munissez-vous d'une pièce d'identité pour le retirer.",
    delivery_attempted: "Consultez l'avis de passage pour choisir une nouvelle livraison ou le retirer.",
    delivered: "Si vous ne le trouvez pas, demandez à vos voisins, puis contactez l'expéditeur.",
    exception: "Vous n'avez rien à faire pour l'instant. Nous vous préviendrons dès qu'il repartira.",
    returned_to_sender: "Contactez l'expéditeur si vous souhaitez toujours votre commande.",
    failure: "Contactez l'expéditeur pour un remplacement ou un remboursement.",
    cancelled: "Contactez l'expéditeur si vous ne vous y attendiez pas.",
    unknown: 'Nous vous préviendrons dès que nous en saurons plus.',
  },
  nextStepByMilestone: {
    return_initiated: "Si vous le renvoyez, suivez les instructions de retour de l'expéditeur.",
    address_issue: "Vérifiez votre adresse auprès de l'expéditeur.",
    customs:
      "Vous n'avez rien à faire pour l'instant. Si quelque chose est nécessaire de votre part, vous serez contacté.",
    damaged: "Si le contenu est abîmé, contactez l'expéditeur.",
    refused: "Contactez l'expéditeur s'il s'agit d'une erreur.",
    delivered_to_agent: "Si vous ne le trouvez pas, demandez à vos voisins ou à l'accueil de votre immeuble.",
  },
  eta(p) {
    switch (p.kind) {
      case 'on':
        return p.day === 'today' ? "aujourd'hui" : p.day === 'tomorrow' ? 'demain' : `le ${p.date}`
      case 'by':
        return `avant ${p.time}${when(p)}`
      case 'between':
        return `entre ${p.from} et ${p.to}${when(p)}`
      case 'days':
        return `entre le ${p.date} et le ${p.toDate}`
    }
  },
  arrives(p) {
    const day = p.day ? ` \u00b7 ${p.day === 'today' ? "aujourd'hui" : 'demain'}` : ''
    switch (p.kind) {
      case 'on':
        return `Arrive le ${p.date}${day}`
      case 'by':
        return `Arrive le ${p.date}, avant ${p.time}${day}`
      case 'between':
        return `Arrive le ${p.date}, ${p.range ?? `${p.from}\u2013${p.to}`}${day}`
      case 'days':
        return `Arrive entre le ${p.date} et le ${p.toDate}`
    }
  },
  arrival: (eta) => `Il devrait arriver ${eta}.`,
  arrivalWith: {
    out_for_delivery: (eta) => `Votre colis est en cours de livraison et devrait arriver ${eta}.`,
    in_transit: (eta) => `Votre colis est en route et devrait arriver ${eta}.`,
  },
  alertTitle: {
    exception: 'Problème de livraison',
    delivery_attempted: 'Livraison manquée',
    out_for_delivery: 'En cours de livraison',
    available_for_pickup: 'Prêt à être retiré',
    delivered: 'Livré',
    eta_later: 'Nouvelle date de livraison',
    late: 'En retard',
    stalled: 'Pas encore de nouvelles',
    returned: "Retour à l'expéditeur",
    missed_pickup: 'Pas encore pris en charge',
    delivered_after_cancel: 'Commande annulée livrée',
    return_not_received: 'Retour pas encore reçu',
  },
  alert: {
    exception: () => "Quelque chose retarde votre colis. Nous vous préviendrons dès qu'il repartira.",
    delivery_attempted: () =>
      "Le livreur a essayé de livrer votre colis, mais n'a pas pu. Consultez l'avis de passage pour choisir une nouvelle livraison.",
    out_for_delivery: ({ eta }) =>
      eta
        ? `Votre colis est en cours de livraison et devrait arriver ${eta}.`
        : 'Votre colis est en cours de livraison.',
    available_for_pickup: () =>
      "Votre colis vous attend au point de retrait. Munissez-vous d'une pièce d'identité pour le retirer.",
    delivered: () => 'Votre colis a été livré.',
    eta_later: ({ eta }) =>
      eta
        ? `La date de livraison a changé : votre colis devrait maintenant arriver ${eta}.`
        : 'Votre colis arrivera plus tard que prévu.',
    late: ({ previous }) =>
      previous ? `Votre colis a du retard. Il était attendu ${previous}.` : 'Votre colis a du retard.',
    stalled: ({ duration }) =>
      duration
        ? `Pas de nouvelles de votre colis depuis ${duration}. Nous le surveillons.`
        : 'Pas de nouvelles de votre colis depuis un moment. Nous le surveillons.',
    returned: () =>
      "Votre colis repart chez l'expéditeur. Contactez-le si vous souhaitez toujours votre commande.",
    missed_pickup: () => "Le transporteur n'a pas encore pris en charge votre colis. Nous nous en occupons.",
    delivered_after_cancel: () =>
      "Votre colis a été livré alors que la commande était annulée. Contactez l'expéditeur.",
    return_not_received: () =>
      "Le colis renvoyé à l'expéditeur n'y est pas encore arrivé. Nous nous en occupons.",
  },
}

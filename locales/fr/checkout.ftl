# Page de paiement de l'acheteur. Français d'Afrique de l'Ouest et centrale.
# Variables : $merchant (nom de la boutique), $amount (montant déjà formaté),
# $method (nom du moyen de paiement), $phone.
# Espaces insécables (U+00A0) avant « : », « ; », « ? » et « ! ».

page-title = Payer { $merchant }
page-description = Payez { $merchant } en toute sécurité par mobile money ou par carte.
test-mode = Mode test · aucun argent réel n'est débité
secured-by = Paiements par Lipa
order-summary = Récapitulatif de la commande
total = Total
quantity = Qté { $quantity }
pay-with = Payer avec
method-card = Carte
phone-label = Numéro { $method }
phone-hint = Nous enverrons une demande de paiement à ce téléphone.
pay-button = { $submit ->
    [donate] Faire un don de { $amount }
    [book] Réserver et payer { $amount }
   *[pay] Payer { $amount }
}
paying = Envoi de la demande…
cancel-link = Annuler et retourner chez { $merchant }
no-methods = Ce paiement ne propose aucun moyen de paiement utilisable ici. Veuillez contacter { $merchant }.

pending-title = Vérifiez votre téléphone
pending-body = Nous avons envoyé une demande de { $amount } au { $phone }. Saisissez votre code PIN { $method } sur votre téléphone pour l'approuver.
pending-waiting = En attente de votre approbation…
pending-check = J'ai approuvé, vérifier maintenant

receipt-title = Paiement réussi
receipt-body = { $merchant } a bien reçu votre paiement.
receipt-amount = Montant payé
receipt-method = Payé avec
receipt-reference = Référence
receipt-date = Date
receipt-close = Vous pouvez fermer cette page.
return-to-merchant = Retourner chez { $merchant }
redirecting = Retour chez { $merchant }…

expired-title = Ce paiement a expiré
expired-body = Le délai de paiement s'est écoulé sans qu'aucun paiement soit effectué. Demandez un nouveau lien de paiement à { $merchant }.
cancelled-title = Ce paiement a été annulé
cancelled-body = { $merchant } a annulé cette commande ; elle ne peut plus être payée.
notfound-title = Paiement introuvable
notfound-body = Ce lien de paiement est erroné ou n'existe plus. Vérifiez le lien ou demandez-en un nouveau à la boutique.
notfound-page-title = Paiement introuvable
notfound-page-description = Ce lien de paiement ne mène à aucun paiement.

failed-title = Paiement non abouti
failed-retry = Vous pouvez réessayer ou choisir un autre moyen de paiement.
failure-insufficient_funds = Votre solde { $method } est insuffisant pour ce paiement.
failure-declined = Le paiement a été refusé.
failure-timeout = Votre téléphone n'a pas répondu à la demande à temps.
failure-generic = Le paiement n'a pas abouti.

error-phone_missing = Saisissez votre numéro { $method }.
error-phone_invalid_characters = Utilisez uniquement des chiffres, par exemple 05 12 34 56 78.
error-phone_wrong_country = Ce numéro est d'un autre pays.
error-phone_not_allowed = Ce paiement n'accepte que le numéro indiqué.
phone-locked = Le marchand a fixé le numéro qui paie cette commande.
error-phone_wrong_length = Ce numéro n'a pas le bon nombre de chiffres.
error-phone_wrong_network = Ce numéro n'est pas un numéro { $method }.
error-phone_not_supported = { $method } n'utilise pas de numéro de téléphone.
error-method_unavailable = Ce moyen de paiement n'est pas disponible pour cette commande.
error-session_closed = Ce paiement ne peut plus être effectué.
error-generic = Une erreur s'est produite. Veuillez réessayer.
error-too_many_attempts = Ce paiement a échoué trop de fois : il n’en accepte plus. Retournez à la boutique pour recommencer.
error-too_many_pushes = Ce numéro a reçu trop de demandes de paiement ces dernières minutes. Patientez un peu ou choisissez un autre moyen.
error-too_fast = Trop de tentatives depuis votre connexion. Attendez une minute, puis réessayez.

card-number = Numéro de carte
card-expiry = Date d'expiration
card-cvc = Code de sécurité
card-name = Nom sur la carte
redirect-hint = Vous finaliserez le paiement sur la page du prestataire, puis reviendrez ici.

pending-countdown = Temps restant pour approuver : { $time }

action-card-title = Confirmez auprès de votre banque
action-card-body = Votre banque doit vérifier qu'il s'agit bien de vous. Vous reviendrez ici ensuite.
action-redirect-title = Continuer vers { $method }
action-redirect-body = Vous finaliserez le paiement sur la page de { $method }, puis reviendrez ici.
action-continue = Continuer
action-abandon = Utiliser un autre moyen de paiement

failure-card_declined = Votre carte a été refusée.
failure-authentication_failed = Votre banque n'a pas pu confirmer le paiement.
failure-cancelled = Le paiement a été annulé avant d'être finalisé.
failure-session_expired = Le délai de paiement est écoulé.
failure-provider_unavailable = Le service de paiement n'a pas répondu.
failure-phone_unreachable = Votre téléphone est injoignable. Vérifiez qu'il est allumé et capte le réseau, puis réessayez.
failure-wrong_pin = Le code PIN était erroné. Réessayez avec votre code PIN { $method }.
failure-payment_in_progress = Votre compte { $method } traite déjà un autre paiement. Attendez une minute, puis réessayez.
failure-invalid_number = Ce numéro n'a pas de compte { $method }. Vérifiez le numéro.
failure-limit_reached = Votre plafond de transactions { $method } est atteint pour le moment.

error-card_number_missing = Saisissez le numéro de votre carte.
error-card_number_invalid = Ce numéro de carte n'est pas valide. Vérifiez-le et réessayez.
error-card_number_incomplete = Ce numéro de carte est trop court.
error-card_expiry_invalid = Saisissez la date d'expiration au format MM/AA.
error-card_expired = Cette carte a expiré.
error-card_cvc_invalid = Saisissez le code à 3 chiffres au dos de la carte (4 chiffres au recto pour American Express).
error-card_name_missing = Saisissez le nom tel qu'il figure sur la carte.

utc = UTC
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre
date-time = { $day } { $month } { $year } à { $time }

language = Langue
language-apply = Changer
expires-in-minutes = { $minutes ->
    [one] Ce paiement expire dans { $minutes } minute.
   *[other] Ce paiement expire dans { $minutes } minutes.
}
expires-in-hours = { $hours ->
    [one] Ce paiement expire dans { $hours } heure.
   *[other] Ce paiement expire dans { $hours } heures.
}
expires-on = Ce paiement expire le { $date }.
card-expiry-placeholder = MM/AA

# Sessions paid in parts (Waftpay `strict_amount: false`).
amount-label = Montant à payer maintenant ({ $currency })
amount-hint = Déjà payé : { $paid } sur { $total }. Reste à payer : { $left }. Vous pouvez payer en plusieurs fois.
pay-part = Payer ce montant
error-amount_invalid = Saisissez un montant supérieur à zéro et pas plus que ce qui reste à payer.

# The sandbox's pages (test mode) and the embed dialog's close button.
sandbox-card-title = Vérification 3-D Secure
sandbox-card-body = Votre banque vous demande de confirmer ce paiement avec { $card }.
sandbox-card-approve = Valider l'authentification
sandbox-card-decline = Échouer l'authentification
sandbox-provider-title = Paiement test { $method }
sandbox-provider-body = Cette page tient lieu de la page de paiement de { $method }.
sandbox-approve = Autoriser le paiement test
sandbox-decline = Refuser le paiement test
sandbox-payee = À { $merchant }
sandbox-finished = Ce paiement test est terminé
sandbox-back = Retour au paiement
sandbox-missing = Paiement test introuvable
close = Fermer

# Payment links (/l/{id}): a buyer-chosen amount, a closed link.
link-amount-title = Combien voulez-vous payer ?
link-amount-label = Montant ({ $currency })
link-amount-hint = Entre { $min } et { $max }.
link-amount-invalid = Saisissez un montant entre { $min } et { $max }.
link-closed-title = Ce lien de paiement est fermé
link-closed-body = Il n'accepte plus de paiements. Demandez un nouveau lien au vendeur.

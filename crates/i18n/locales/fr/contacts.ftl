# Changement d'e-mail et de téléphone (issue #12) : la page des coordonnées, la page
# d'annulation et leurs messages. Arguments : $sender (le nom de la boutique), $code,
# $address, $link.

## Le code pour une nouvelle adresse
message-contact-code-subject = Confirmez votre nouvelle adresse pour { $sender }
message-contact-code-heading = Confirmez votre nouvelle adresse
message-contact-code-intro = Saisissez ce code pour ajouter cette adresse à votre compte { $sender } :
message-contact-code-ignore = Si vous n'avez rien demandé, ignorez ce message : sans ce code, l'adresse n'est pas ajoutée.
message-contact-code-sms = { $code } est votre code { $sender } pour ajouter ce numéro. Il expire dans 15 minutes.

## Quelqu'un a tenté d'ajouter une adresse d'un autre compte
message-address-in-use-subject = Quelqu'un a tenté d'utiliser votre adresse chez { $sender }
message-address-in-use-heading = Quelqu'un a tenté d'ajouter votre adresse
message-address-in-use-body = Quelqu'un a tenté d'ajouter cette adresse à un autre compte { $sender }. Elle n'a pas été ajoutée : elle reste associée à votre compte.
message-address-in-use-ignore = Vous n'avez rien à faire. Si ce message se répète, pensez à changer votre mot de passe.
message-address-in-use-sms = { $sender } : quelqu'un a tenté d'ajouter ce numéro à un autre compte. Rien n'a changé.

## L'e-mail principal a changé (à l'ancienne adresse, avec le lien d'annulation)
message-email-changed-subject = L'adresse e-mail de votre compte { $sender } a changé
message-email-changed-heading = Votre adresse e-mail a changé
message-email-changed-body = L'adresse e-mail de votre compte { $sender } est désormais { $address }. Les messages de votre compte y sont envoyés.
message-email-changed-not-you = Si ce n'était pas vous, utilisez le bouton ci-dessous dans les 7 jours : il rétablit cette adresse, supprime { $address } et déconnecte tout le monde.
message-email-changed-ignore = Si c'était vous, vous n'avez rien à faire.
message-email-changed-sms = { $sender } : votre e-mail est devenu { $address }. Ce n'était pas vous ? { $link }

## Le téléphone principal a changé (à l'ancien numéro)
message-phone-changed-subject = Le numéro de téléphone de votre compte { $sender } a changé
message-phone-changed-heading = Votre numéro de téléphone a changé
message-phone-changed-body = Le numéro de téléphone de votre compte { $sender } est désormais { $address }.
message-phone-changed-not-you = Si ce n'était pas vous, utilisez tout de suite le bouton ci-dessous : il déconnecte tout le monde et bloque la connexion jusqu'à ce que vous réinitialisiez votre mot de passe.
message-phone-changed-sms = { $sender } : votre numéro a changé. Ce n'était pas vous ? { $link }

## Un changement a été annulé (aux deux adresses)
message-email-reverted-subject = L'adresse e-mail de votre compte { $sender } a été rétablie
message-email-reverted-heading = Votre adresse e-mail a été rétablie
message-email-reverted-body = L'adresse e-mail de votre compte { $sender } est de nouveau { $address }, et l'adresse qui l'avait remplacée a été supprimée. Tous les appareils ont été déconnectés.
message-email-reverted-advice = Reconnectez-vous. Si ce n'est pas vous qui aviez changé l'adresse, changez aussi votre mot de passe.
message-email-reverted-sms = { $sender } : votre e-mail est de nouveau { $address }. Tous les appareils ont été déconnectés.

## La page des coordonnées (/settings/contacts)
contacts-heading = E-mail et téléphone
contacts-intro = Les adresses avec lesquelles vous vous connectez et recevez vos messages.
contacts-manage = Gérer l'e-mail et le téléphone
contacts-yours = Vos adresses
contacts-make-primary = Définir comme principale
contacts-remove = Supprimer
contacts-add-email = Ajouter une adresse e-mail
contacts-add-phone = Ajouter un numéro de téléphone
contacts-new-email = Nouvelle adresse e-mail
contacts-new-phone = Nouveau numéro de téléphone
contacts-as-primary = En faire mon adresse principale
contacts-send-code = Envoyer le code
contacts-code-title = Saisissez le code
contacts-code-intro = Nous avons envoyé un code à 6 chiffres à { $address }. Saisissez-le pour ajouter l'adresse.
contacts-added = L'adresse a été ajoutée.
contacts-removed = L'adresse a été supprimée.
contacts-primary-changed = Votre adresse principale a changé.
contacts-back = Retour à l'e-mail et au téléphone

## La page d'annulation (/revert)
revert-title = Annuler le changement d'e-mail
revert-intro = { $address } redevient l'adresse e-mail de votre compte et tous les appareils sont déconnectés.
revert-removes = { $address } sera supprimée de votre compte.
revert-submit = Annuler le changement
revert-done-title = Votre adresse e-mail a été rétablie
revert-done = { $address } est de nouveau votre adresse e-mail. Tous les appareils ont été déconnectés : reconnectez-vous.
revert-invalid-title = Ce lien ne fonctionne plus
revert-invalid = Les liens d'annulation fonctionnent une fois, pendant 7 jours. Connectez-vous pour vérifier les adresses de votre compte.

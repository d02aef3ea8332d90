## Appareils et activité (#12) : /settings/devices, /settings/activity, l'avis de nouvel appareil.

devices-title = Vos appareils
devices-card-intro = Voyez où votre compte est connecté, déconnectez des appareils et oubliez ceux qui sont mémorisés.
devices-link = Gérer vos appareils
devices-remembered-title = Appareils mémorisés
devices-remembered-intro = Ces appareils sautent la deuxième étape de connexion. Oubliez ceux que vous n’utilisez plus.

activity-title = Activité de sécurité
activity-intro = Les connexions et modifications récentes de votre compte, des plus récentes aux plus anciennes. Si quelque chose ne vient pas de vous, changez votre mot de passe.
activity-card-intro = Connexions récentes, tentatives échouées et modifications de votre compte.
activity-link = Voir votre activité de sécurité
activity-none = Il ne s’est encore rien passé sur votre compte.
activity-when = Quand
activity-device = Appareil
activity-place = Lieu
activity-address = Adresse

event-identity-created = Compte créé
event-session-created = Connexion
event-signin-failed = Mot de passe incorrect
event-identity-locked = Connexion bloquée après trop de tentatives
event-identity-unlocked = Connexion débloquée
event-recovery-requested = Réinitialisation du mot de passe demandée
event-recovery-completed = Mot de passe réinitialisé
event-password-changed = Mot de passe modifié
event-email-changed = Adresse e-mail modifiée
event-phone-changed = Numéro de téléphone modifié
event-mfa-enabled = Second facteur ajouté
event-mfa-disabled = Second facteur supprimé
event-provider-linked = Compte associé
event-provider-unlinked = Compte dissocié
event-identity-blocked = Compte bloqué
event-identity-unblocked = Compte débloqué
event-identity-deleted = Compte supprimé
event-contact-dropped = Contact supprimé

## Connexion depuis un nouvel appareil
message-new-device-subject = Nouvelle connexion à votre compte { $sender }
message-new-device-heading = Un nouvel appareil s'est connecté
message-new-device-body = Quelqu'un vient de se connecter à votre compte { $sender } depuis un appareil qui n'y avait jamais été utilisé.
message-new-device-details = Quand : { $when }. Appareil : { $device }. Adresse : { $ip }.
message-new-device-details-place = Quand : { $when }. Appareil : { $device }. Où : { $place } ({ $ip }).
message-new-device-not-you = Si ce n'était pas vous, utilisez tout de suite le bouton ci-dessous : il déconnecte tout le monde et bloque la connexion jusqu'à ce que vous réinitialisiez votre mot de passe.
message-new-device-ignore = Si c'était vous, vous n'avez rien à faire.
message-new-device-sms = Nouvelle connexion à votre compte { $sender } depuis un nouvel appareil. Pas vous ? { $link }

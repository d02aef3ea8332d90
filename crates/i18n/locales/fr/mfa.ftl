# Authentification à deux facteurs et clés d'accès (issue #10) : messages et pages.
# Arguments dans les messages : $sender (nom de la boutique), $code, $factor (nom d'une méthode),
# $left (codes de récupération restants), $when, $place, $device.
# Espace insécable avant « : », « ! » et « ? » dans les e-mails ; espace simple dans les SMS.

## Noms des méthodes (tels que les messages nomment un facteur)
message-method-totp = application d'authentification
message-method-recovery_codes = codes de récupération

## Le code de la deuxième étape de connexion
message-second-factor-code-subject = Votre code de vérification { $sender }
message-second-factor-code-heading = Confirmez qu'il s'agit bien de vous
message-second-factor-code-intro = Votre mot de passe a été saisi correctement. Pour terminer votre connexion à { $sender }, saisissez ce code :
message-second-factor-code-ignore = Si ce n'était pas vous, quelqu'un connaît votre mot de passe : changez-le dès maintenant. Personne ne peut se connecter sans ce code.
message-second-factor-code-sms = { $code } est votre code de vérification { $sender }. Il expire dans 15 minutes. Ne le communiquez à personne.

## Le bon mot de passe, puis un mauvais second facteur
message-second-factor-failed-subject = Quelqu'un a saisi votre mot de passe { $sender }
message-second-factor-failed-heading = Était-ce vous ?
message-second-factor-failed-body = Quelqu'un a saisi votre mot de passe correctement, mais a échoué à la deuxième étape de connexion à { $sender }.
message-second-factor-failed-details = Quand : { $when }. Depuis : { $place }. Appareil : { $device }.
message-second-factor-failed-advice = Si ce n'était pas vous, changez votre mot de passe dès maintenant : votre second facteur a bloqué cette personne, mais elle connaît votre mot de passe.
message-second-factor-failed-sms = Quelqu'un a saisi votre mot de passe { $sender } mais a échoué à la deuxième étape. Si ce n'était pas vous, changez votre mot de passe dès maintenant.

## Un code de récupération a été utilisé
message-recovery-code-used-subject = Un code de récupération a été utilisé sur votre compte { $sender }
message-recovery-code-used-heading = Un code de récupération a été utilisé
message-recovery-code-used-body = L'un de vos codes de récupération vient d'être utilisé pour vous connecter à { $sender }. Chaque code ne fonctionne qu'une seule fois.
message-recovery-code-used-left = Codes restants : { $left }. Vous pouvez en générer une nouvelle série dans les paramètres de sécurité de votre compte.
message-recovery-code-used-not-you = Si ce n'était pas vous, changez votre mot de passe et générez de nouveaux codes de récupération dès maintenant.
message-recovery-code-used-sms = Un code de récupération { $sender } vient d'être utilisé pour se connecter. Codes restants : { $left }. Pas vous ? Changez votre mot de passe.

## Un second facteur ou une clé d'accès a été ajouté ou retiré
message-factor-added-subject = Une méthode de connexion a été ajoutée à votre compte { $sender }
message-factor-added-heading = Une méthode de connexion a été ajoutée
message-factor-added-body = Méthode ajoutée à votre compte { $sender } : { $factor }.
message-factor-added-not-you = Si ce n'était pas vous, connectez-vous et retirez-la, puis changez votre mot de passe.
message-factor-added-sms = Méthode ajoutée à votre compte { $sender } : { $factor }. Pas vous ? Connectez-vous et retirez-la.
message-factor-removed-subject = Une méthode de connexion a été retirée de votre compte { $sender }
message-factor-removed-heading = Une méthode de connexion a été retirée
message-factor-removed-body = Méthode retirée de votre compte { $sender } : { $factor }.
message-factor-removed-not-you = Si ce n'était pas vous, connectez-vous, changez votre mot de passe et configurez-la de nouveau.
message-factor-removed-sms = Méthode retirée de votre compte { $sender } : { $factor }. Pas vous ? Changez votre mot de passe dès maintenant.

## Pages
# Arguments in pages: $days (how long a device is remembered), $count, $minutes.

## Sign-in: passkeys first
passkey-signin-button = Se connecter avec une clé d’accès
passkey-signin-or = ou
passkey-signin-failed = Cette clé d’accès n’a pas fonctionné. Réessayez ou connectez-vous autrement.

## The second step of a sign-in (/login/mfa)
mfa-page-title = Confirmez qu’il s’agit bien de vous
mfa-page-intro = Votre mot de passe est correct. Terminez la connexion avec l’une de ces méthodes.
mfa-passkey-heading = Clé d’accès
mfa-passkey-button = Utiliser une clé d’accès
mfa-totp-heading = Application d’authentification
mfa-totp-label = Code de votre application d’authentification
mfa-totp-help = Ouvrez l’application et saisissez le code à 6 chiffres affiché pour ce compte.
mfa-remember-label = Mémoriser cet appareil pendant { $days } jours
mfa-remember-help = Ne cochez pas cette case sur un ordinateur partagé ou public.
mfa-submit = Continuer
mfa-send-heading = Recevoir un code par message
mfa-send-sms-button = Recevoir un code par SMS
mfa-send-email-button = Recevoir un code par e-mail
mfa-sent-sms = Nous avons envoyé un code sur votre téléphone. Il expire dans 15 minutes.
mfa-sent-email = Nous avons envoyé un code à votre adresse e-mail. Il expire dans 15 minutes.
mfa-code-label = Code reçu par message
mfa-code-help = Saisissez le code à 6 chiffres que nous vous avons envoyé.
mfa-recovery-summary = Téléphone perdu ? Utilisez un code de récupération
mfa-recovery-label = Code de récupération
mfa-recovery-help = L’un des codes enregistrés lors de l’activation de l’authentification à deux facteurs. Chaque code ne fonctionne qu’une fois.
mfa-code-missing = Saisissez le code.
mfa-start-over = Recommencer la connexion

## Security settings: second factors, passkeys, remembered devices
security-mfa-title = Authentification à deux facteurs
security-mfa-intro = Une deuxième étape après le mot de passe protège votre compte, même si quelqu’un découvre ce mot de passe.
totp-section-title = Application d’authentification
totp-state-on = Activée : la connexion demande un code de votre application d’authentification.
totp-state-off = Désactivée : aucune application d’authentification n’est configurée.
totp-setup-link = Configurer une application d’authentification
totp-remove-button = Retirer l’application d’authentification
totp-added-notice = Votre application d’authentification est configurée. La connexion demande désormais son code.
totp-removed-notice = L’application d’authentification a été retirée.
recovery-codes-section-title = Codes de récupération
recovery-codes-count = { $count ->
    [one] { $count } code de récupération restant
   *[other] { $count } codes de récupération restants
}
recovery-codes-warning = Attention : il ne reste que quelques codes de récupération. Générez-en une nouvelle série pour ne pas perdre l’accès si vous perdez votre téléphone.
recovery-codes-regenerate-button = Générer de nouveaux codes de récupération
recovery-codes-regenerate-help = Vos anciens codes de récupération cessent de fonctionner dès que vous en générez de nouveaux.
passkey-section-title = Clés d’accès
passkey-section-intro = Connectez-vous avec votre empreinte, votre visage ou le verrouillage de l’écran plutôt qu’avec un mot de passe.
passkey-none = Vous n’avez pas encore de clé d’accès.
passkey-unnamed = Clé d’accès
passkey-created-label = Ajoutée
passkey-last-used-label = Dernière utilisation
passkey-never-used = Jamais
passkey-remove-button = Retirer
passkey-removed-notice = La clé d’accès a été retirée.
passkey-name-label = Nom de la nouvelle clé d’accès (facultatif)
passkey-name-help = Par exemple « Portable du bureau », pour distinguer vos clés d’accès.
passkey-add-button = Ajouter une clé d’accès
passkey-needs-js = Pour ajouter une clé d’accès, il faut JavaScript et un navigateur compatible avec les clés d’accès.
passkey-add-failed = Impossible d’ajouter la clé d’accès. Réessayez.
trusted-devices-title = Appareils mémorisés
trusted-devices-intro = Ces appareils sont dispensés de la deuxième étape de connexion jusqu’à la date indiquée.
trusted-devices-none = Aucun appareil mémorisé.
trusted-devices-unknown = Appareil inconnu
trusted-devices-added-label = Mémorisé
trusted-devices-last-used-label = Dernière utilisation
trusted-devices-expires-label = Jusqu’au
trusted-devices-revoke-button = Oublier cet appareil
trusted-devices-revoke-all-button = Oublier tous les appareils
trusted-devices-revoked-notice = Cet appareil demandera de nouveau la deuxième étape.
trusted-devices-all-revoked-notice = Tous les appareils demanderont de nouveau la deuxième étape.

## Setting up an authenticator app (/settings/security/totp)
totp-setup-title = Configurer une application d’authentification
totp-setup-scan = Scannez ce QR code avec une application d’authentification, par exemple celle intégrée à votre gestionnaire de mots de passe.
totp-qr-alt = QR code qui ajoute votre compte à une application d’authentification
totp-secret-label = Impossible de le scanner ? Saisissez plutôt cette clé dans l’application :
totp-code-label = Le code à 6 chiffres affiché par l’application
totp-code-help = Les codes changent toutes les 30 secondes ; saisissez le code actuel.
totp-confirm-button = Activer
totp-retry-hint = Vous avez déjà ajouté le compte à l’application ? Saisissez le code qu’elle affiche maintenant. Sinon, recommencez avec un nouveau QR code.
totp-start-again = Recommencer avec un nouveau QR code
totp-cancel = Annuler

## Recovery codes, shown once
recovery-codes-page-title = Enregistrez vos codes de récupération
recovery-codes-page-intro = Si vous perdez votre téléphone, chacun de ces codes vous permet de vous connecter une fois. Conservez-les en lieu sûr, par exemple dans un gestionnaire de mots de passe, ou imprimez-les.
recovery-codes-shown-once = Ces codes ne s’affichent qu’une seule fois. Les codes précédents ne fonctionnent plus.
recovery-codes-done-link = J’ai enregistré mes codes

## Confirm it's you (/settings/reauthenticate)
reauth-title = Confirmez qu’il s’agit bien de vous
reauth-intro = Pour votre sécurité, confirmez qu’il s’agit bien de vous avant de modifier vos méthodes de connexion. Cela ne vous sera plus demandé pendant { $minutes } minutes.
reauth-password-label = Votre mot de passe
reauth-totp-label = Ou un code de votre application d’authentification
reauth-totp-help = Saisissez votre mot de passe ou le code à 6 chiffres, pas les deux.
reauth-submit-button = Confirmer
reauth-password-wrong = Ce mot de passe n’est pas le bon. Les mots de passe tiennent compte des majuscules et des minuscules.
reauth-empty = Saisissez votre mot de passe ou un code.

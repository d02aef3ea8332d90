# Messages de récupération du mot de passe. Arguments : $sender, $code, $url, $link, $methods.

## Commun
message-list-separator = {", "}
message-method-email_code = code à usage unique par e-mail
message-method-sms_code = code à usage unique par SMS
message-button-reset = Réinitialiser le mot de passe
message-button-not-me = Ce n'était pas moi

## Code de récupération (et, par e-mail, le lien)
message-recovery-code-subject = Réinitialisez votre mot de passe { $sender }
message-recovery-code-heading = Réinitialisez votre mot de passe
message-recovery-code-intro = Quelqu'un a demandé à réinitialiser le mot de passe de votre compte { $sender }. Si c'était vous, saisissez ce code ou utilisez le bouton ci-dessous pour choisir un nouveau mot de passe.
message-recovery-code-ignore = Si vous n'avez rien demandé, ignorez ce message : votre mot de passe ne change pas sans ce code.
message-recovery-code-sms = { $code } est votre code de réinitialisation { $sender }. Il expire dans 15 minutes.

## Le mot de passe a changé
message-password-changed-subject = Votre mot de passe { $sender } a été modifié
message-password-changed-heading = Votre mot de passe a été modifié
message-password-changed-body = Le mot de passe de votre compte { $sender } vient d'être modifié, et les autres appareils connectés ont été déconnectés.
message-password-changed-not-you = Si ce n'était pas vous, utilisez tout de suite le bouton ci-dessous : il déconnecte tout le monde et bloque la connexion jusqu'à ce que vous réinitialisiez votre mot de passe.
message-password-changed-ignore = Si c'était vous, vous n'avez rien à faire.
message-password-changed-sms = Votre mot de passe { $sender } a été modifié. Pas vous ? { $link }

## Quelle méthode de connexion utilise le compte
message-method-hint-subject = Comment vous connecter à { $sender }
message-method-hint-heading = Comment vous vous connectez
message-method-hint-body = Quelqu'un a demandé de l'aide pour se connecter à votre compte { $sender } avec cette adresse.
message-method-hint-methods = Votre compte se connecte avec : { $methods }.
message-method-hint-how = Pour vous connecter, allez sur { $url } et utilisez l'une de ces méthodes. Pour un code à usage unique, saisissez cette adresse et nous vous enverrons un code. Si la liste ne comporte pas de mot de passe, il n'y a rien à réinitialiser : vous pourrez en ajouter un dans les paramètres du compte une fois connecté.
message-method-hint-sms = { $sender } : votre compte se connecte avec : { $methods }. Connexion : { $url }

## Une demande pour une adresse sans compte
message-no-account-subject = Aucun compte { $sender } n'utilise cette adresse
message-no-account-heading = Aucun compte avec cette adresse
message-no-account-body = Quelqu'un a demandé à réinitialiser un mot de passe, ou comment se connecter, pour cette adresse e-mail sur { $sender }, mais aucun compte ne l'utilise.
message-no-account-other = Si c'était vous, vous vous êtes peut-être inscrit avec une autre adresse ou avec un numéro de téléphone. Vous pouvez aussi créer un compte avec cette adresse.
message-no-account-ignore = Si ce n'était pas vous, ignorez ce message.
message-no-account-sms = Quelqu'un a demandé un compte { $sender } pour ce numéro, mais il n'en existe pas.

## Une demande pour un compte bloqué
message-account-blocked-help-subject = Votre compte { $sender } est bloqué
message-account-blocked-help-heading = Votre compte est bloqué
message-account-blocked-help-body = Quelqu'un a demandé à réinitialiser le mot de passe de votre compte { $sender }. Le compte est bloqué : son mot de passe ne peut pas être réinitialisé de cette façon.
message-account-blocked-help-support = Contactez l'assistance de { $sender } pour retrouver l'accès à votre compte.
message-account-blocked-help-sms = Votre compte { $sender } est bloqué. Contactez l'assistance de { $sender } pour retrouver l'accès.

## Pages
recovery-other-ways-title = Autres moyens de vérification
recovery-phone-label = L'envoyer plutôt sur mon téléphone
recovery-phone-help = Saisissez le numéro de téléphone complet de votre compte, par exemple +1 555 123 4567. S'il s'agit d'un numéro confirmé de votre compte, le code y est envoyé par SMS.
recovery-phone-invalid = Saisissez le numéro de téléphone complet, avec l'indicatif du pays, par exemple +1 555 123 4567.
recovery-send-to-phone = Envoyer le code par SMS à ce numéro
recovery-email-label = L'envoyer plutôt à mon adresse e-mail
recovery-email-help = Saisissez l'adresse e-mail complète de votre compte. S'il s'agit d'une adresse confirmée de votre compte, le code y est envoyé.
recovery-email-invalid = Saisissez l'adresse e-mail complète, par exemple ann@example.com.
recovery-send-to-email = Envoyer le code à cette adresse
report-title = Ce n'était pas moi
report-intro = Si quelqu'un d'autre a changé votre mot de passe, confirmez ci-dessous. Tout le monde sera déconnecté de votre compte et personne ne pourra se connecter avant que vous réinitialisiez votre mot de passe.
report-submit = Déconnecter tout le monde et bloquer la connexion
report-done-title = Votre compte est protégé
report-done-body = Tout le monde a été déconnecté et la connexion est bloquée. Réinitialisez votre mot de passe pour revenir.
login-which-method = Quelle méthode de connexion ai-je utilisée ?
method-hint-title = Quelle méthode de connexion ai-je utilisée ?
method-hint-intro = Saisissez l'adresse e-mail ou le numéro de téléphone que vous avez pu utiliser. Si un compte l'utilise, nous lui enverrons un message indiquant ses méthodes de connexion.
method-hint-submit = M'envoyer mes méthodes de connexion
method-hint-sent-title = Consultez vos messages
method-hint-sent-body = Si un compte utilise cette adresse ou ce numéro, un message indiquant ses méthodes de connexion est en route.

# Messages envoyés par le courier (e-mail et SMS). Les codes expirent au bout de 15 minutes.
# Arguments : $sender (nom de la boutique), $code, $url, $address, $method.
# Espace insécable avant « : » et « ! » dans les e-mails ; espace simple dans les SMS (alphabet GSM).

## Communs à tous les e-mails
message-code-label = Votre code
message-code-expires = Le code expire dans 15 minutes.
message-never-share = { $sender } ne vous demandera jamais ce code. Ne le communiquez à personne.
message-footer = Message automatique envoyé par { $sender }.
message-button-sign-in = Se connecter
# A button in the plain-text part of an email.
message-link = { $label } : { $url }

## Méthodes de connexion (message de bienvenue)
message-method-password = mot de passe
message-method-code = code à usage unique
message-method-passkey = clé d'accès
message-method-google = compte Google
message-method-apple = compte Apple
message-method-facebook = compte Facebook
message-method-vk = compte VK
message-method-alipay = compte Alipay

## Code d'inscription
message-registration-code-subject = Confirmez votre adresse e-mail pour { $sender }
message-registration-code-heading = Confirmez votre adresse e-mail
message-registration-code-intro = Merci pour votre inscription sur { $sender }. Pour terminer la création de votre compte, saisissez ce code :
message-registration-code-ignore = Si vous n'avez pas essayé de créer un compte, ignorez ce message : aucun compte n'est créé sans ce code.
message-registration-code-sms = { $code } est votre code de vérification { $sender }. Il expire dans 15 minutes.

## Quelqu'un a essayé de s'inscrire avec une adresse qui a déjà un compte
message-signup-attempt-subject = Quelqu'un a essayé de s'inscrire avec votre adresse
message-signup-attempt-heading = Vous avez déjà un compte
message-signup-attempt-body = Quelqu'un a essayé de créer un compte { $sender } avec cette adresse e-mail. Vous avez déjà un compte avec cette adresse, aucun nouveau compte n'a donc été créé.
message-signup-attempt-action = Si c'était vous, connectez-vous ou réinitialisez votre mot de passe sur { $url }
message-signup-attempt-ignore = Si ce n'était pas vous, vous n'avez rien à faire : votre compte n'a pas changé.
message-signup-attempt-sms = Quelqu'un a essayé de s'inscrire sur { $sender } avec ce numéro, mais vous avez déjà un compte. Connectez-vous ou réinitialisez votre mot de passe sur { $url }

## Code de vérification d'une adresse ajoutée ou non vérifiée
message-verification-code-subject = Vérifiez votre adresse e-mail pour { $sender }
message-verification-code-heading = Vérifiez votre adresse e-mail
message-verification-code-intro = Saisissez ce code pour confirmer que cette adresse vous appartient :
message-verification-code-ignore = Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : l'adresse n'est pas vérifiée sans ce code.
message-verification-code-sms = { $code } est votre code de vérification { $sender }. Il expire dans 15 minutes.

## Code de connexion sans mot de passe
message-login-code-subject = Votre code de connexion { $sender }
message-login-code-heading = Votre code de connexion
message-login-code-intro = Quelqu'un a demandé à se connecter à { $sender } avec cette adresse. Si c'était vous, saisissez ce code :
message-login-code-ignore = Si ce n'était pas vous, ignorez ce message : personne ne peut se connecter sans ce code.
message-login-code-sms = { $code } est votre code de connexion { $sender }. Il expire dans 15 minutes. Ne le communiquez à personne.

## Bienvenue, après l'inscription
message-welcome-subject = Bienvenue sur { $sender }
message-welcome-heading = Bienvenue sur { $sender } !
message-welcome-intro = Votre compte est prêt.
message-welcome-address = Votre compte : { $address }
message-welcome-method = Méthode de connexion : { $method }
message-welcome-settings = Dans les paramètres de votre compte, vous pouvez ajouter d'autres moyens de connexion, par exemple une clé d'accès.
message-welcome-sms = Bienvenue sur { $sender } ! Votre compte : { $address }. Méthode de connexion : { $method }.

## Une adresse non confirmée a été retirée : quelqu'un d'autre a prouvé qu'elle est à lui
message-contact-removed-subject = Une adresse non confirmée a été retirée de votre compte { $sender }
message-contact-removed-heading = Une adresse a été retirée de votre compte
message-contact-removed-body = { $address } figurait sur votre compte { $sender } mais n'a jamais été confirmée. Quelqu'un vient de confirmer qu'elle lui appartient : elle a donc été retirée de votre compte.
message-contact-removed-action = Si elle est à vous, connectez-vous sur { $url } et ajoutez-la de nouveau : il faudra la confirmer avec un code.
message-contact-removed-ignore = Rien d'autre n'a changé sur votre compte.
message-contact-removed-sms = { $sender } : { $address } a été retirée de votre compte. Elle n'a jamais été confirmée et quelqu'un d'autre l'a confirmée.

## Le titulaire a demandé la suppression du compte ; une connexion l’a annulée.
message-account-deletion-scheduled-subject = Votre compte { $sender } sera supprimé le { $date }
message-account-deletion-scheduled-heading = Votre compte sera supprimé
message-account-deletion-scheduled-body = Vous avez demandé la suppression de votre compte { $sender }. Il sera supprimé le { $date } (UTC), avec vos coordonnées, vos méthodes de connexion et vos appareils. Vous avez été déconnecté partout.
message-account-deletion-scheduled-cancel = Vous avez changé d’avis ? Connectez-vous avant cette date et la suppression sera annulée.
message-account-deletion-scheduled-not-you = Si vous n’avez rien demandé, connectez-vous maintenant pour l’annuler et changez votre mot de passe.
message-account-deletion-scheduled-sms = { $sender } : votre compte sera supprimé le { $date }. Connectez-vous avant pour annuler.
message-account-deletion-cancelled-subject = Votre compte { $sender } ne sera pas supprimé
message-account-deletion-cancelled-heading = Suppression du compte annulée
message-account-deletion-cancelled-body = Vous vous êtes connecté à votre compte { $sender } : il ne sera donc pas supprimé. Pour le supprimer malgré tout, refaites la demande dans les paramètres de votre compte.
message-account-deletion-cancelled-not-you = Si ce n’était pas vous, changez votre mot de passe immédiatement.
message-account-deletion-cancelled-sms = { $sender } : vous vous êtes connecté, votre compte ne sera donc pas supprimé.

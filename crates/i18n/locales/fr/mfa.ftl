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

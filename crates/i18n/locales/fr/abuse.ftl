# Protection contre les abus : avis de verrouillage, page de déverrouillage, vérification du navigateur.

message-button-unlock = Déverrouiller mon compte
message-account-locked-subject = Votre compte { $sender } a été verrouillé après des tentatives de connexion échouées
message-account-locked-heading = Nous avons verrouillé votre compte pour un moment
message-account-locked-body = Quelqu’un a saisi plusieurs fois un mauvais mot de passe pour votre compte { $sender }, la dernière fois le { $when }. Pour protéger votre compte, nous avons suspendu la connexion par mot de passe pour un moment.
message-account-locked-where = Les tentatives venaient de l’adresse réseau { $ip }.
message-account-locked-unlock = Si c’était vous, utilisez ce lien pour déverrouiller votre compte maintenant. Il fonctionne une seule fois, pendant 2 heures : { $unlock_url }
message-account-locked-reset = Si ce n’était pas vous, quelqu’un essaie peut-être de deviner votre mot de passe : remplacez-le par un nouveau que vous n’utilisez nulle part ailleurs.
message-account-locked-not-me = Si ce n’était pas vous et que vous pensez que quelqu’un d’autre a pu accéder à votre compte, utilisez ce lien : il déconnecte tout le monde, oublie les appareils de confiance et bloque la connexion par mot de passe jusqu’à ce que vous récupériez votre compte : { $report_url }
message-account-locked-ignore = Les appareils sur lesquels vous vous êtes déjà connecté peuvent toujours se connecter.
message-account-locked-sms = { $sender } : mauvais mot de passe plusieurs fois depuis { $ip } ; connexion suspendue. Déverrouiller : { $unlock_url } Pas vous ? Changez votre mot de passe.

error-challenge_required = Patientez pendant que nous vérifions votre navigateur, puis réessayez.
error-unlock_link_invalid = Ce lien de déverrouillage a expiré ou a déjà été utilisé.

unlock-title = Déverrouiller votre compte
unlock-intro = Déverrouillez votre compte pour vous reconnecter avec votre mot de passe sur cet appareil.
unlock-submit = Déverrouiller mon compte
unlock-done = Votre compte est déverrouillé. Vous pouvez vous connecter.
unlock-invalid = Ce lien de déverrouillage a expiré ou a déjà été utilisé. Vous pouvez toujours réinitialiser votre mot de passe.
unlock-sign-in = Se connecter
unlock-reset = Réinitialiser le mot de passe
challenge-checking = Vérification de votre navigateur…

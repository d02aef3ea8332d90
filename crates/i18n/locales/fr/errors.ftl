# One message per API error code (`error-<code>`), password problems and strength labels.
error-invalid_input = Certaines informations manquent ou ne sont pas valables. Vérifiez-les et réessayez.
error-invalid_identifier = Saisissez une adresse e-mail ou un numéro de téléphone valable.
error-invalid_code = Ce code n’est pas le bon. Tentatives restantes : { $attempts_left }.
error-flow_expired = Ce code a expiré. Recommencez pour en recevoir un nouveau.
error-too_many_attempts = Trop de tentatives. Patientez un peu avant de réessayer, ou réinitialisez votre mot de passe.
error-too_soon = Patientez { $seconds } s avant de demander un nouveau code.
error-invalid_credentials = L’adresse e-mail, le numéro de téléphone ou le mot de passe est incorrect. Le mot de passe tient compte des majuscules et des minuscules.
error-weak_password = Choisissez un mot de passe plus robuste.
error-password_mismatch = Les mots de passe ne correspondent pas.
error-account_blocked = Ce compte est bloqué. Réinitialisez votre mot de passe ou contactez l’assistance pour le récupérer.
error-channel_unavailable = Nous ne pouvons pas envoyer de code par ce moyen pour le moment. Essayez-en un autre.
error-server_busy = Le service est très sollicité en ce moment. Réessayez dans un instant.
error-reauthentication_required = Pour votre sécurité, confirmez à nouveau qu'il s'agit bien de vous (mot de passe ou code de votre application d'authentification) pour effectuer cette modification.
error-unauthenticated = Connectez-vous pour continuer.
error-not_found = Introuvable.
error-unsupported_media_type = Ce format de requête n’est pas pris en charge.
error-payload_too_large = La requête est trop volumineuse.
error-malformed_json = La requête est illisible.
error-csrf_failed = Le formulaire est resté ouvert trop longtemps ou provient d’un autre site. Revenez en arrière, rechargez la page et réessayez.
error-internal = Un problème est survenu de notre côté. Réessayez plus tard.

password-too_short = Utilisez au moins { $min } caractères.
password-too_long = Ce mot de passe est trop long.
password-common = Ce mot de passe est trop courant. Choisissez-en un que d’autres n’utiliseraient probablement pas.
password-guessable = Ce mot de passe est facile à deviner. Ajoutez quelques mots sans rapport entre eux.
password-same_as_current = Le nouveau mot de passe doit être différent de l’actuel.

strength-weak = Faible
strength-medium = Moyen
strength-strong = Robuste
error-invalid_credential = Impossible de vérifier cette clé d'accès. Réessayez ou utilisez un autre moyen de connexion.
error-already_registered = Cette clé d'accès est déjà enregistrée.
error-last_method = Impossible de la supprimer : c'est le dernier moyen de vous connecter à votre compte. Ajoutez-en d'abord un autre.

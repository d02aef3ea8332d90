# Browser pages: layout, forms, settings. Keys are grouped by page.

## Layout
skip-to-content = Aller au contenu principal
language-switcher-label = Langue

## Fields shared by several forms
field-identifier = Adresse e-mail ou numéro de téléphone
field-identifier-help = Par exemple, anne@example.com ou +33 6 12 34 56 78.
field-password = Mot de passe
field-new-password = Mot de passe
field-new-password-help = Au moins { $min } caractères. Quelques mots sans rapport entre eux font un mot de passe solide et facile à retenir.
field-password-confirm = Confirmez le mot de passe
field-name = Votre nom (facultatif)
field-code = Code à 6 chiffres
field-code-help = Chiffres uniquement, sans espaces.

## Password field helpers (shown by the page script)
password-show = Afficher le mot de passe
password-capslock = La touche Verr. Maj est activée.
password-layout = Votre clavier semble configuré pour une autre langue. Le mot de passe sera utilisé exactement tel que vous l’avez saisi.
password-mismatch = Les mots de passe ne correspondent pas.
strength-title = Robustesse du mot de passe

## Registration
register-title = Créer un compte
register-intro = Inscrivez-vous avec votre adresse e-mail ou votre numéro de téléphone. Nous vous enverrons un code pour la confirmer.
register-submit = Créer le compte
register-have-account = Vous avez déjà un compte ?
register-sign-in-link = Se connecter

## Verification
verify-title = Saisissez le code
verify-intro = Nous avons envoyé un code à 6 chiffres à { $destination }. Il arrive généralement en moins d’une minute et reste valable 15 minutes.
verify-intro-generic = Nous vous avons envoyé un code à 6 chiffres. Il arrive généralement en moins d’une minute et reste valable 15 minutes.
verify-submit = Valider
verify-no-code-title = Pas de code ?
verify-no-code = Vérifiez vos courriers indésirables. Si le code n’arrive pas, demandez-en un nouveau ; les codes précédents restent valables.
verify-resend = Envoyer un nouveau code
verify-resend-wait = Vous pourrez demander un nouveau code dans { $seconds } s
verify-resend-ready = Vous pouvez maintenant demander un nouveau code.
verify-resent = Un nouveau code est en route.

## Sign-in
login-title = Se connecter
login-submit = Se connecter
login-forgot = Mot de passe oublié ?
login-with-code = Se connecter avec un code
login-no-account = Nouveau ici ?
login-register = Créer un compte
login-signed-out = Vous êtes déconnecté.

## Account settings
settings-title = Votre compte
settings-signed-in-as = Connecté en tant que { $who }
settings-contacts = Adresses e-mail et numéros de téléphone
settings-no-contacts = Aucune adresse e-mail ni aucun numéro de téléphone pour l’instant.
contact-email = E-mail
contact-phone = Téléphone
contact-verified = Vérifié
contact-unverified = Non vérifié
contact-primary = Principal
settings-sessions = Appareils connectés
settings-sessions-intro = Ces navigateurs et applications sont connectés à votre compte. Déconnectez ceux que vous ne reconnaissez pas, puis changez votre mot de passe.
session-current = Cet appareil
session-signed-in = Connexion
session-last-seen = Dernière activité
session-place = Lieu
session-unknown-device = Appareil inconnu
session-sign-out = Déconnecter cet appareil
settings-sign-out-others = Se déconnecter partout ailleurs
settings-no-other-sessions = Aucun autre appareil n’est connecté.
settings-session-signed-out = L’appareil a été déconnecté.
settings-others-signed-out = Tous les autres appareils ont été déconnectés.
settings-sign-out = Se déconnecter

## Other pages
not-found-title = Page introuvable
not-found-body = La page que vous cherchez n’existe pas ou a été déplacée.
not-found-home = Aller à la connexion
page-error-title = Un problème est survenu
csrf-title = Veuillez réessayer
back-to-sign-in = Aller à la connexion
try-again = Réessayer
# The wait of a refused page (its Retry-After), in words, rounded up; $count is a number.
retry-in-seconds = { $count ->
    [one] Réessayez dans { $count } seconde.
   *[other] Réessayez dans { $count } secondes.
}
retry-in-minutes = { $count ->
    [one] Réessayez dans { $count } minute.
   *[other] Réessayez dans { $count } minutes.
}
retry-in-hours = { $count ->
    [one] Réessayez dans { $count } heure.
   *[other] Réessayez dans { $count } heures.
}
page-too-soon = Un nouveau code ne peut pas encore être envoyé.

## Password recovery and sign-in by code
recovery-title = Mot de passe oublié ?
recovery-intro = Saisissez l’adresse e-mail ou le numéro de téléphone de votre compte. Nous vous enverrons un code à 6 chiffres pour définir un nouveau mot de passe.
recovery-submit = Envoyer le code
reset-title = Choisissez un nouveau mot de passe
reset-intro = Une fois enregistré, tous les autres appareils seront déconnectés.
reset-submit = Enregistrer le nouveau mot de passe
reset-done-title = Votre mot de passe a été modifié
reset-done-body = Vous pouvez maintenant vous connecter avec votre nouveau mot de passe. Tous les autres appareils ont été déconnectés.
login-code-title = Se connecter avec un code
login-code-intro = Saisissez votre adresse e-mail ou votre numéro de téléphone. Nous vous enverrons un code à 6 chiffres pour vous connecter sans mot de passe.
login-code-submit = Envoyer le code
verify-code-format = Saisissez le code à 6 chiffres reçu dans le message.

## Security settings: changing the password while signed in
settings-security = Sécurité
settings-security-link = Changer de mot de passe
security-title = Sécurité
security-back = Retour à votre compte
security-password-title = Changer de mot de passe
security-password-intro = Une fois le nouveau mot de passe enregistré, tous les autres appareils sont déconnectés et nous vous prévenons par e-mail ou par SMS.
field-current-password = Mot de passe actuel
field-current-password-help = Vous pouvez le laisser vide si vous vous êtes connecté il y a moins de { $minutes } minutes.
security-new-password = Nouveau mot de passe
security-password-submit = Changer le mot de passe
security-password-changed = Votre mot de passe a été modifié. Tous les autres appareils ont été déconnectés.
security-current-wrong = Le mot de passe actuel n’est pas le bon. Les mots de passe tiennent compte des majuscules et des minuscules.
security-current-needed = Saisissez votre mot de passe actuel : votre connexion date de plus de { $minutes } minutes.

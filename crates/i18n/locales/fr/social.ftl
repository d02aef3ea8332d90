# Social sign-in: the provider buttons, the link proof page (/login/link) and the
# linked accounts on the security page.

social-buttons-title = Ou continuer avec
social-continue-with = Continuer avec { $provider }

social-link-title = Associez votre compte { $provider }
social-link-intro = D’après { $provider }, votre adresse e-mail est { $email }. Un compte existe déjà ici avec cette adresse : avant que { $provider } puisse vous y connecter, prouvez que ce compte vous appartient. Vous n’aurez à le faire qu’une seule fois.
social-link-password-title = Utilisez votre mot de passe
social-link-password-submit = Confirmer et associer
social-link-password-wrong = Ce n’est pas le mot de passe de ce compte.
social-link-code-title = Utilisez un code envoyé par e-mail
social-link-code-intro = Nous enverrons un code à usage unique à { $email }.
social-link-code-send = Recevoir un code par e-mail
social-link-code-sent = Nous avons envoyé un code à { $email }. Saisissez-le ci-dessous.
social-link-code-submit = Confirmer et associer
social-link-code-expired = Ce code a expiré ou a déjà été utilisé. Demandez-en un nouveau.
social-link-passkey-title = Utilisez une clé d’accès
social-link-passkey-note = Ce compte possède une clé d’accès. Les clés d’accès ne sont pas encore utilisables sur cette page : connectez-vous avec votre clé d’accès sur la page de connexion, puis associez { $provider } depuis vos paramètres de sécurité.
social-link-passkey-signin = Se connecter avec une clé d’accès
social-link-cancel = Ce n’est pas vous ? Connectez-vous autrement

social-linked-title = Comptes associés
social-linked-intro = Les comptes d’autres services avec lesquels vous pouvez vous connecter.
social-linked-none = Aucun compte n’est encore associé.
social-linked-email-label = E-mail
social-linked-date-label = Associé
social-linked-last-used-label = Dernière utilisation
social-linked-never-used = Jamais
social-unlink-button = Dissocier
social-link-another = Associer { $provider }
social-linked-notice = Votre compte est maintenant associé. Vous pouvez désormais vous connecter avec.
social-unlinked-notice = Le compte a été dissocié. Il ne permet plus de vous connecter.
social-flow-expired = Cette connexion a expiré ou a déjà été utilisée. Veuillez recommencer.

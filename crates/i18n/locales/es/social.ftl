# Social sign-in: the provider buttons, the link proof page (/login/link) and the
# linked accounts on the security page.

social-buttons-title = O continúa con
social-continue-with = Continuar con { $provider }

social-link-title = Vincula tu cuenta de { $provider }
social-link-intro = { $provider } indica que tu correo electrónico es { $email }. Aquí ya existe una cuenta con este correo, así que, antes de iniciar sesión en ella con { $provider }, demuestra que la cuenta es tuya. Solo tendrás que hacerlo una vez.
social-link-password-title = Usa tu contraseña
social-link-password-submit = Confirmar y vincular
social-link-password-wrong = Esa no es la contraseña de esta cuenta.
social-link-code-title = Usa un código enviado por correo
social-link-code-intro = Te enviaremos un código de un solo uso a { $email }.
social-link-code-send = Enviarme un código por correo
social-link-code-sent = Te hemos enviado un código a { $email }. Introdúcelo abajo.
social-link-code-submit = Confirmar y vincular
social-link-code-expired = Ese código ha caducado o ya se ha usado. Pide uno nuevo.
social-link-passkey-title = Usa una llave de acceso
social-link-passkey-note = Esta cuenta tiene una llave de acceso. Todavía no se pueden usar llaves de acceso en esta página: inicia sesión con tu llave de acceso en la página de inicio de sesión y, después, vincula { $provider } desde la configuración de seguridad.
social-link-passkey-signin = Iniciar sesión con una llave de acceso
social-link-cancel = ¿No eres tú? Inicia sesión de otra forma

social-linked-title = Cuentas vinculadas
social-linked-intro = Cuentas de otros servicios con las que puedes iniciar sesión.
social-linked-none = Todavía no hay ninguna cuenta vinculada.
social-linked-email-label = Correo electrónico
social-linked-date-label = Vinculada
social-linked-last-used-label = Último uso
social-linked-never-used = Nunca
social-unlink-button = Desvincular
social-link-another = Vincular { $provider }
social-linked-notice = Tu cuenta ya está vinculada. A partir de ahora puedes iniciar sesión con ella.
social-unlinked-notice = Se ha desvinculado la cuenta. Ya no puedes iniciar sesión con ella.
social-flow-expired = Este inicio de sesión ha caducado o ya se usó. Vuelve a empezar.

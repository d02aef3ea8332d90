# Mensajes que envía el courier (correo y SMS). Los códigos caducan a los 15 minutos.
# Argumentos: $sender (nombre de la tienda), $code, $url, $address, $method.

## Comunes a todos los correos
message-code-label = Tu código
message-code-expires = El código caduca en 15 minutos.
message-never-share = { $sender } nunca te pedirá este código. No lo compartas con nadie.
message-footer = Este es un mensaje automático de { $sender }.
message-button-sign-in = Iniciar sesión
# A button in the plain-text part of an email.
message-link = { $label }: { $url }

## Métodos de inicio de sesión (mensaje de bienvenida)
message-method-password = contraseña
message-method-code = código de un solo uso
message-method-passkey = llave de acceso
message-method-google = cuenta de Google
message-method-apple = cuenta de Apple
message-method-facebook = cuenta de Facebook
message-method-vk = cuenta de VK
message-method-alipay = cuenta de Alipay

## Código de registro
message-registration-code-subject = Confirma tu correo electrónico para { $sender }
message-registration-code-heading = Confirma tu dirección de correo electrónico
message-registration-code-intro = Gracias por registrarte en { $sender }. Para terminar de crear tu cuenta, introduce este código:
message-registration-code-ignore = Si no intentaste crear una cuenta, ignora este mensaje: sin este código no se crea ninguna cuenta.
message-registration-code-sms = { $code } es tu código de verificación de { $sender }. Caduca en 15 minutos.

## Alguien intentó registrarse con una dirección que ya tiene cuenta
message-signup-attempt-subject = Alguien intentó registrarse con tu dirección
message-signup-attempt-heading = Ya tienes una cuenta
message-signup-attempt-body = Alguien intentó crear una cuenta de { $sender } con esta dirección de correo electrónico. Ya tienes una cuenta con ella, así que no se creó ninguna cuenta nueva.
message-signup-attempt-action = Si fuiste tú, inicia sesión o restablece tu contraseña en { $url }
message-signup-attempt-ignore = Si no fuiste tú, no tienes que hacer nada: tu cuenta no ha cambiado.
message-signup-attempt-sms = Alguien intentó registrarse en { $sender } con este número, pero ya tienes una cuenta. Inicia sesión o restablece tu contraseña en { $url }

## Código de verificación de una dirección añadida o sin verificar
message-verification-code-subject = Verifica tu correo electrónico para { $sender }
message-verification-code-heading = Verifica tu dirección de correo electrónico
message-verification-code-intro = Introduce este código para confirmar que esta dirección te pertenece:
message-verification-code-ignore = Si no lo solicitaste, ignora este mensaje: la dirección no se verifica sin este código.
message-verification-code-sms = { $code } es tu código de verificación de { $sender }. Caduca en 15 minutos.

## Código de inicio de sesión sin contraseña
message-login-code-subject = Tu código de inicio de sesión de { $sender }
message-login-code-heading = Tu código de inicio de sesión
message-login-code-intro = Alguien pidió iniciar sesión en { $sender } con esta dirección. Si fuiste tú, introduce este código:
message-login-code-ignore = Si no fuiste tú, ignora este mensaje: nadie puede iniciar sesión sin este código.
message-login-code-sms = { $code } es tu código para iniciar sesión en { $sender }. Caduca en 15 minutos. No lo compartas.

## Bienvenida, después del registro
message-welcome-subject = Te damos la bienvenida a { $sender }
message-welcome-heading = ¡Te damos la bienvenida a { $sender }!
message-welcome-intro = Tu cuenta está lista.
message-welcome-address = Tu cuenta: { $address }
message-welcome-method = Cómo inicias sesión: { $method }
message-welcome-settings = En la configuración de tu cuenta puedes añadir otras formas de iniciar sesión, como una llave de acceso.
message-welcome-sms = ¡Te damos la bienvenida a { $sender }! Tu cuenta: { $address }. Cómo inicias sesión: { $method }.

## Se quitó una dirección sin confirmar: otra persona demostró que es suya
message-contact-removed-subject = Se quitó una dirección sin confirmar de tu cuenta de { $sender }
message-contact-removed-heading = Se quitó una dirección de tu cuenta
message-contact-removed-body = { $address } figuraba en tu cuenta de { $sender }, pero nunca se confirmó. Otra persona acaba de confirmar que es suya, así que se quitó de tu cuenta.
message-contact-removed-action = Si es tuya, inicia sesión en { $url } y vuelve a añadirla: tendrás que confirmarla con un código.
message-contact-removed-ignore = Nada más ha cambiado en tu cuenta.
message-contact-removed-sms = { $sender }: se quitó { $address } de tu cuenta. Nunca se confirmó y otra persona la confirmó.

## El titular pidió eliminar la cuenta; un inicio de sesión lo canceló.
message-account-deletion-scheduled-subject = Tu cuenta de { $sender } se eliminará el { $date }
message-account-deletion-scheduled-heading = Tu cuenta se eliminará
message-account-deletion-scheduled-body = Pediste eliminar tu cuenta de { $sender }. Se eliminará el { $date } (UTC), junto con tus contactos, métodos de inicio de sesión y dispositivos. Hemos cerrado tu sesión en todas partes.
message-account-deletion-scheduled-cancel = ¿Has cambiado de idea? Inicia sesión antes de esa fecha y la eliminación se cancelará.
message-account-deletion-scheduled-not-you = Si no lo pediste tú, inicia sesión ahora para cancelarla y cambia tu contraseña.
message-account-deletion-scheduled-sms = { $sender }: tu cuenta se eliminará el { $date }. Inicia sesión antes para cancelarlo.
message-account-deletion-cancelled-subject = Tu cuenta de { $sender } no se eliminará
message-account-deletion-cancelled-heading = Eliminación de la cuenta cancelada
message-account-deletion-cancelled-body = Iniciaste sesión en tu cuenta de { $sender }, así que no se eliminará. Si aun así quieres eliminarla, vuelve a pedirlo en los ajustes de tu cuenta.
message-account-deletion-cancelled-not-you = Si no iniciaste sesión tú, cambia tu contraseña de inmediato.
message-account-deletion-cancelled-sms = { $sender }: iniciaste sesión, así que tu cuenta no se eliminará.

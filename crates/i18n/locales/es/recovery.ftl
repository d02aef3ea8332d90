# Mensajes de recuperación de contraseña. Argumentos: $sender, $code, $url, $link, $methods.

## Comunes
message-list-separator = {", "}
message-method-email_code = código de un solo uso por correo
message-method-sms_code = código de un solo uso por SMS
message-button-reset = Restablecer contraseña
message-button-not-me = No fui yo

## Código de recuperación (y, por correo, el enlace)
message-recovery-code-subject = Restablece tu contraseña de { $sender }
message-recovery-code-heading = Restablece tu contraseña
message-recovery-code-intro = Alguien pidió restablecer la contraseña de tu cuenta de { $sender }. Si fuiste tú, introduce este código o usa el botón de abajo para elegir una contraseña nueva.
message-recovery-code-ignore = Si no lo pediste, ignora este mensaje: tu contraseña no cambia sin este código.
message-recovery-code-sms = { $code } es tu código para restablecer la contraseña de { $sender }. Caduca en 15 minutos.

## La contraseña cambió
message-password-changed-subject = Tu contraseña de { $sender } ha cambiado
message-password-changed-heading = Tu contraseña ha cambiado
message-password-changed-body = La contraseña de tu cuenta de { $sender } acaba de cambiar y se cerró la sesión en los demás dispositivos.
message-password-changed-not-you = Si no fuiste tú, usa ahora el botón de abajo: cierra todas las sesiones y bloquea el acceso hasta que restablezcas tu contraseña.
message-password-changed-ignore = Si fuiste tú, no tienes que hacer nada.
message-password-changed-sms = Tu contraseña de { $sender } ha cambiado. ¿No fuiste tú? { $link }

## Con qué método inicia sesión la cuenta
message-method-hint-subject = Cómo inicias sesión en { $sender }
message-method-hint-heading = Cómo inicias sesión
message-method-hint-body = Alguien pidió ayuda para iniciar sesión en tu cuenta de { $sender } con esta dirección.
message-method-hint-methods = Tu cuenta inicia sesión con: { $methods }.
message-method-hint-how = Para iniciar sesión, ve a { $url } y usa uno de ellos. Para un código de un solo uso, introduce esta dirección y te enviaremos un código. Si la lista no incluye una contraseña, no hay contraseña que restablecer: puedes añadir una en los ajustes de tu cuenta después de iniciar sesión.
message-method-hint-sms = { $sender }: tu cuenta inicia sesión con: { $methods }. Entra en { $url }

## Una solicitud para una dirección sin cuenta
message-no-account-subject = Ninguna cuenta de { $sender } usa esta dirección
message-no-account-heading = No hay ninguna cuenta con esta dirección
message-no-account-body = Alguien pidió restablecer una contraseña, o saber cómo iniciar sesión, para esta dirección en { $sender }, pero ninguna cuenta la usa.
message-no-account-other = Si fuiste tú, quizá te registraste con otra dirección o con un número de teléfono. También puedes crear una cuenta nueva con esta dirección.
message-no-account-ignore = Si no fuiste tú, ignora este mensaje.
message-no-account-sms = Alguien preguntó por una cuenta de { $sender } para este número, pero no existe.

## Una solicitud para una cuenta bloqueada
message-account-blocked-help-subject = Tu cuenta de { $sender } está bloqueada
message-account-blocked-help-heading = Tu cuenta está bloqueada
message-account-blocked-help-body = Alguien pidió restablecer la contraseña de tu cuenta de { $sender }. La cuenta está bloqueada, así que su contraseña no se puede restablecer de esta forma.
message-account-blocked-help-support = Ponte en contacto con el soporte de { $sender } para recuperar el acceso a tu cuenta.
message-account-blocked-help-sms = Tu cuenta de { $sender } está bloqueada. Contacta con el soporte de { $sender } para recuperar el acceso.

## Páginas
recovery-other-ways-title = Otras formas de verificar
recovery-phone-label = Enviarlo a mi teléfono
recovery-phone-help = Escribe el número de teléfono completo de tu cuenta, por ejemplo +1 555 123 4567. Si es un número confirmado de tu cuenta, te enviaremos el código por SMS.
recovery-phone-invalid = Escribe el número de teléfono completo, con el prefijo del país, por ejemplo +1 555 123 4567.
recovery-send-to-phone = Enviar el código por SMS a este número
recovery-email-label = Enviarlo a mi correo
recovery-email-help = Escribe la dirección de correo completa de tu cuenta. Si es una dirección confirmada de tu cuenta, te enviaremos el código por correo.
recovery-email-invalid = Escribe la dirección de correo completa, por ejemplo ann@example.com.
recovery-send-to-email = Enviar el código a esta dirección
report-title = No fui yo
report-intro = Si otra persona cambió tu contraseña, confírmalo abajo. Se cerrarán todas las sesiones de tu cuenta y nadie podrá iniciar sesión hasta que restablezcas tu contraseña.
report-submit = Cerrar todas las sesiones y bloquear el acceso
report-done-title = Tu cuenta está protegida
report-done-body = Se cerraron todas las sesiones y el acceso está bloqueado. Restablece tu contraseña para volver a entrar.
login-which-method = ¿Con qué método inicié sesión?
method-hint-title = ¿Con qué método inicié sesión?
method-hint-intro = Introduce la dirección de correo o el número de teléfono que podrías haber usado. Si una cuenta lo usa, le enviaremos un mensaje con sus métodos de inicio de sesión.
method-hint-submit = Enviarme mis métodos de inicio de sesión
method-hint-sent-title = Revisa tus mensajes
method-hint-sent-body = Si una cuenta usa esta dirección o número, va de camino un mensaje con sus métodos de inicio de sesión.

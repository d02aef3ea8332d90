# Verificación en dos pasos y llaves de acceso (issue #10): mensajes y páginas.
# Argumentos en los mensajes: $sender (nombre de la tienda), $code, $factor (nombre de un método),
# $left (códigos de recuperación restantes), $when, $place, $device.

## Nombres de los métodos (como los nombran los mensajes)
message-method-totp = app de autenticación
message-method-recovery_codes = códigos de recuperación

## El código del segundo paso del inicio de sesión
message-second-factor-code-subject = Tu código de verificación de { $sender }
message-second-factor-code-heading = Confirma que eres tú
message-second-factor-code-intro = Introdujiste tu contraseña correctamente. Para terminar de iniciar sesión en { $sender }, introduce este código:
message-second-factor-code-ignore = Si no fuiste tú, alguien conoce tu contraseña: cámbiala ahora. Nadie puede iniciar sesión sin este código.
message-second-factor-code-sms = { $code } es tu código de verificación de { $sender }. Caduca en 15 minutos. No lo compartas.

## La contraseña correcta, pero un segundo factor incorrecto
message-second-factor-failed-subject = Alguien introdujo tu contraseña de { $sender }
message-second-factor-failed-heading = ¿Fuiste tú?
message-second-factor-failed-body = Alguien introdujo tu contraseña correctamente, pero no superó el segundo paso para iniciar sesión en { $sender }.
message-second-factor-failed-details = Cuándo: { $when }. Desde: { $place }. Dispositivo: { $device }.
message-second-factor-failed-advice = Si no fuiste tú, cambia tu contraseña ahora: tu segundo factor lo detuvo, pero esa persona conoce tu contraseña.
message-second-factor-failed-sms = Alguien introdujo tu contraseña de { $sender }, pero no superó el segundo paso. Si no fuiste tú, cambia tu contraseña ahora.

## Se usó un código de recuperación
message-recovery-code-used-subject = Se usó un código de recuperación en tu cuenta de { $sender }
message-recovery-code-used-heading = Se usó un código de recuperación
message-recovery-code-used-body = Se acaba de usar uno de tus códigos de recuperación para iniciar sesión en { $sender }. Cada código solo funciona una vez.
message-recovery-code-used-left = Códigos restantes: { $left }. Puedes crear un conjunto nuevo en la configuración de seguridad de tu cuenta.
message-recovery-code-used-not-you = Si no fuiste tú, cambia tu contraseña y crea códigos de recuperación nuevos ahora.
message-recovery-code-used-sms = Se acaba de usar un código de recuperación de { $sender } para iniciar sesión. Códigos restantes: { $left }. ¿No fuiste tú? Cambia tu contraseña ahora.

## Se añadió o se quitó un segundo factor o una llave de acceso
message-factor-added-subject = Se añadió un método de inicio de sesión a tu cuenta de { $sender }
message-factor-added-heading = Se añadió un método de inicio de sesión
message-factor-added-body = Se añadió esto a tu cuenta de { $sender }: { $factor }.
message-factor-added-not-you = Si no fuiste tú, inicia sesión y quítalo; después, cambia tu contraseña.
message-factor-added-sms = Nuevo método de inicio de sesión en tu cuenta de { $sender }: { $factor }. ¿No fuiste tú? Inicia sesión y quítalo.
message-factor-removed-subject = Se quitó un método de inicio de sesión de tu cuenta de { $sender }
message-factor-removed-heading = Se quitó un método de inicio de sesión
message-factor-removed-body = Se quitó esto de tu cuenta de { $sender }: { $factor }.
message-factor-removed-not-you = Si no fuiste tú, inicia sesión, cambia tu contraseña y vuelve a configurarlo.
message-factor-removed-sms = Se quitó un método de inicio de sesión de tu cuenta de { $sender }: { $factor }. ¿No fuiste tú? Cambia tu contraseña ahora.

## Pages
# Arguments in pages: $days (how long a device is remembered), $count, $minutes.

## Sign-in: passkeys first
passkey-signin-button = Iniciar sesión con una llave de acceso
passkey-signin-or = o
passkey-signin-failed = Esa llave de acceso no funcionó. Vuelve a intentarlo o inicia sesión de otra forma.

## The second step of a sign-in (/login/mfa)
mfa-page-title = Confirma que eres tú
mfa-page-intro = La contraseña es correcta. Termina de iniciar sesión con una de estas opciones.
mfa-passkey-heading = Llave de acceso
mfa-passkey-button = Usar una llave de acceso
mfa-totp-heading = App de autenticación
mfa-totp-label = Código de tu app de autenticación
mfa-totp-help = Abre la app e introduce el código de 6 dígitos que muestra para esta cuenta.
mfa-remember-label = Recordar este dispositivo durante { $days } días
mfa-remember-help = No marques esta casilla en un ordenador compartido o público.
mfa-submit = Continuar
mfa-send-heading = Recibir un código por mensaje
mfa-send-sms-button = Enviarme un código por SMS
mfa-send-email-button = Enviarme un código por correo
mfa-sent-sms = Te enviamos un código al teléfono. Caduca en 15 minutos.
mfa-sent-email = Te enviamos un código a tu correo electrónico. Caduca en 15 minutos.
mfa-code-label = Código del mensaje
mfa-code-help = Introduce el código de 6 dígitos que te enviamos.
mfa-recovery-summary = ¿Perdiste el teléfono? Usa un código de recuperación
mfa-recovery-label = Código de recuperación
mfa-recovery-help = Uno de los códigos que guardaste al activar la verificación en dos pasos. Cada uno funciona una sola vez.
mfa-code-missing = Introduce el código.
mfa-start-over = Volver a iniciar sesión

## Security settings: second factors, passkeys, remembered devices
security-mfa-title = Verificación en dos pasos
security-mfa-intro = Un segundo paso después de la contraseña protege tu cuenta aunque alguien la descubra.
totp-section-title = App de autenticación
totp-state-on = Activada: al iniciar sesión se pide un código de tu app de autenticación.
totp-state-off = Desactivada: no hay ninguna app de autenticación configurada.
totp-setup-link = Configurar una app de autenticación
totp-remove-button = Quitar la app de autenticación
totp-added-notice = Tu app de autenticación está configurada. Ahora se pide su código al iniciar sesión.
totp-removed-notice = Se quitó la app de autenticación.
recovery-codes-section-title = Códigos de recuperación
recovery-codes-count = { $count ->
    [one] Te queda { $count } código de recuperación
   *[other] Te quedan { $count } códigos de recuperación
}
recovery-codes-warning = Atención: te quedan pocos códigos de recuperación. Crea un conjunto nuevo para no perder el acceso si pierdes el teléfono.
recovery-codes-regenerate-button = Crear códigos de recuperación nuevos
recovery-codes-regenerate-help = Tus códigos anteriores dejan de funcionar en cuanto creas otros nuevos.
passkey-section-title = Llaves de acceso
passkey-section-intro = Inicia sesión con tu huella, tu cara o el bloqueo de pantalla en lugar de una contraseña.
passkey-none = Todavía no tienes llaves de acceso.
passkey-unnamed = Llave de acceso
passkey-created-label = Añadida
passkey-last-used-label = Último uso
passkey-never-used = Nunca
passkey-remove-button = Quitar
passkey-removed-notice = Se quitó la llave de acceso.
passkey-name-label = Nombre de la llave de acceso nueva (opcional)
passkey-name-help = Por ejemplo, «Portátil del trabajo», para distinguir tus llaves de acceso.
passkey-add-button = Añadir una llave de acceso
passkey-needs-js = Para añadir una llave de acceso necesitas JavaScript y un navegador compatible con llaves de acceso.
passkey-add-failed = No se pudo añadir la llave de acceso. Vuelve a intentarlo.
trusted-devices-title = Dispositivos recordados
trusted-devices-intro = Estos dispositivos omiten el segundo paso al iniciar sesión hasta la fecha indicada.
trusted-devices-none = No hay ningún dispositivo recordado.
trusted-devices-unknown = Dispositivo desconocido
trusted-devices-added-label = Recordado
trusted-devices-last-used-label = Último uso
trusted-devices-expires-label = Hasta
trusted-devices-revoke-button = Olvidar este dispositivo
trusted-devices-revoke-all-button = Olvidar todos los dispositivos
trusted-devices-revoked-notice = Ese dispositivo volverá a pedir el segundo paso.
trusted-devices-all-revoked-notice = Todos los dispositivos volverán a pedir el segundo paso.

## Setting up an authenticator app (/settings/security/totp)
totp-setup-title = Configurar una app de autenticación
totp-setup-scan = Escanea este código QR con una app de autenticación, como la que incluye tu gestor de contraseñas.
totp-qr-alt = Código QR que añade tu cuenta a una app de autenticación
totp-secret-label = ¿No puedes escanearlo? Escribe esta clave en la app:
totp-code-label = El código de 6 dígitos que muestra ahora la app
totp-code-help = Los códigos cambian cada 30 segundos; introduce el actual.
totp-confirm-button = Activar
totp-retry-hint = ¿Ya añadiste la cuenta a la app? Introduce el código que muestra ahora. Si no, empieza de nuevo con un código QR nuevo.
totp-start-again = Empezar de nuevo con un código QR nuevo
totp-cancel = Cancelar

## Recovery codes, shown once
recovery-codes-page-title = Guarda tus códigos de recuperación
recovery-codes-page-intro = Si pierdes el teléfono, cada uno de estos códigos te permite iniciar sesión una vez. Guárdalos en un lugar seguro, como un gestor de contraseñas, o imprímelos.
recovery-codes-shown-once = Solo te mostramos estos códigos esta vez. Los códigos anteriores ya no funcionan.
recovery-codes-done-link = Ya guardé mis códigos

## Confirm it's you (/settings/reauthenticate)
reauth-title = Confirma que eres tú
reauth-intro = Por tu seguridad, confirma que eres tú antes de cambiar cómo inicias sesión. No te lo volveremos a pedir en { $minutes } minutos.
reauth-password-label = Tu contraseña
reauth-totp-label = O un código de tu app de autenticación
reauth-totp-help = Introduce tu contraseña o el código de 6 dígitos, no ambos.
reauth-submit-button = Confirmar
reauth-password-wrong = Esa contraseña no es correcta. Las contraseñas distinguen entre mayúsculas y minúsculas.
reauth-empty = Introduce tu contraseña o un código.

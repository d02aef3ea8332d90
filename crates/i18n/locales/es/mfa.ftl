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

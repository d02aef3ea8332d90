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
passkey-signin-button = Sign in with a passkey
passkey-signin-or = or
passkey-signin-failed = That passkey did not work. Try again, or sign in another way.

## The second step of a sign-in (/login/mfa)
mfa-page-title = Confirm it's you
mfa-page-intro = Your password was right. Finish signing in with one of these.
mfa-passkey-heading = Passkey
mfa-passkey-button = Use a passkey
mfa-totp-heading = Authenticator app
mfa-totp-label = Code from your authenticator app
mfa-totp-help = Open the app and enter the 6-digit code it shows for this account.
mfa-remember-label = Remember this device for { $days } days
mfa-remember-help = Leave this unticked on a shared or public computer.
mfa-submit = Continue
mfa-send-heading = Get a code by message
mfa-send-sms-button = Text a code to my phone
mfa-send-email-button = Email me a code
mfa-sent-sms = We sent a code to your phone. It expires in 15 minutes.
mfa-sent-email = We sent a code to your email address. It expires in 15 minutes.
mfa-code-label = Code from the message
mfa-code-help = Enter the 6-digit code we sent you.
mfa-recovery-summary = Lost your phone? Use a recovery code
mfa-recovery-label = Recovery code
mfa-recovery-help = One of the codes you saved when you turned on two-factor authentication. Each one works once.
mfa-code-missing = Enter the code.
mfa-start-over = Start signing in again

## Security settings: second factors, passkeys, remembered devices
security-mfa-title = Two-factor authentication
security-mfa-intro = A second step after your password keeps your account safe even if someone learns the password.
totp-section-title = Authenticator app
totp-state-on = On: signing in asks for a code from your authenticator app.
totp-state-off = Off: no authenticator app is set up.
totp-setup-link = Set up an authenticator app
totp-remove-button = Remove the authenticator app
totp-added-notice = Your authenticator app is set up. Signing in now asks for its code.
totp-removed-notice = The authenticator app was removed.
recovery-codes-section-title = Recovery codes
recovery-codes-count = { $count ->
    [one] { $count } recovery code left
   *[other] { $count } recovery codes left
}
recovery-codes-warning = Warning: only a few recovery codes are left. Make a new set so you are not locked out if you lose your phone.
recovery-codes-regenerate-button = Make new recovery codes
recovery-codes-regenerate-help = Your old recovery codes stop working as soon as you make new ones.
passkey-section-title = Passkeys
passkey-section-intro = Sign in with your fingerprint, face or screen lock instead of a password.
passkey-none = You have no passkeys yet.
passkey-unnamed = Passkey
passkey-created-label = Added
passkey-last-used-label = Last used
passkey-never-used = Never
passkey-remove-button = Remove
passkey-removed-notice = The passkey was removed.
passkey-name-label = Name of the new passkey (optional)
passkey-name-help = For example "Work laptop", so you can tell your passkeys apart.
passkey-add-button = Add a passkey
passkey-needs-js = Adding a passkey needs JavaScript and a browser that supports passkeys.
passkey-add-failed = The passkey could not be added. Try again.
trusted-devices-title = Remembered devices
trusted-devices-intro = These devices skip the second step when you sign in, until the date shown.
trusted-devices-none = No device is remembered.
trusted-devices-unknown = Unknown device
trusted-devices-added-label = Remembered
trusted-devices-last-used-label = Last used
trusted-devices-expires-label = Until
trusted-devices-revoke-button = Forget this device
trusted-devices-revoke-all-button = Forget all devices
trusted-devices-revoked-notice = That device will ask for the second step again.
trusted-devices-all-revoked-notice = Every device will ask for the second step again.

## Setting up an authenticator app (/settings/security/totp)
totp-setup-title = Set up an authenticator app
totp-setup-scan = Scan this QR code with an authenticator app, such as the one built into your password manager.
totp-qr-alt = QR code that adds your account to an authenticator app
totp-secret-label = Can't scan it? Type this key into the app instead:
totp-code-label = The 6-digit code the app now shows
totp-code-help = Codes change every 30 seconds; enter the current one.
totp-confirm-button = Turn on
totp-retry-hint = Already added the account to your app? Enter the code it shows now. If not, start again with a new QR code.
totp-start-again = Start again with a new QR code
totp-cancel = Cancel

## Recovery codes, shown once
recovery-codes-page-title = Save your recovery codes
recovery-codes-page-intro = If you lose your phone, each of these codes lets you sign in once. Keep them somewhere safe, such as a password manager, or print them.
recovery-codes-shown-once = This is the only time we show these codes. Earlier codes no longer work.
recovery-codes-done-link = I have saved my codes

## Confirm it's you (/settings/reauthenticate)
reauth-title = Confirm it's you
reauth-intro = For your security, confirm it's you before changing how you sign in. You won't be asked again for { $minutes } minutes.
reauth-password-label = Your password
reauth-totp-label = Or a code from your authenticator app
reauth-totp-help = Enter either your password or the 6-digit code, not both.
reauth-submit-button = Confirm
reauth-password-wrong = That password is not right. Passwords are case-sensitive.
reauth-empty = Enter your password or a code.

# Verificação em duas etapas e chaves de acesso (issue #10): mensagens e páginas.
# Argumentos nas mensagens: $sender (nome da loja), $code, $factor (nome de um método),
# $left (códigos de recuperação restantes), $when, $place, $device.

## Nomes dos métodos (como as mensagens se referem a eles)
message-method-totp = app autenticador
message-method-recovery_codes = códigos de recuperação

## O código da segunda etapa para entrar
message-second-factor-code-subject = Seu código de verificação de { $sender }
message-second-factor-code-heading = Confirme que é você
message-second-factor-code-intro = Sua senha foi digitada corretamente. Para concluir a entrada em { $sender }, digite este código:
message-second-factor-code-ignore = Se não foi você, alguém sabe sua senha: troque-a agora. Ninguém consegue entrar sem este código.
message-second-factor-code-sms = { $code } é seu código de verificação de { $sender }. Ele expira em 15 minutos. Não o compartilhe.

## A senha certa, depois um segundo fator errado
message-second-factor-failed-subject = Alguém digitou sua senha de { $sender }
message-second-factor-failed-heading = Foi você?
message-second-factor-failed-body = Alguém digitou sua senha corretamente, mas não passou da segunda etapa para entrar em { $sender }.
message-second-factor-failed-details = Quando: { $when }. De onde: { $place }. Dispositivo: { $device }.
message-second-factor-failed-advice = Se não foi você, troque sua senha agora: seu segundo fator impediu o acesso, mas essa pessoa sabe sua senha.
message-second-factor-failed-sms = Alguém digitou sua senha de { $sender }, mas não passou da segunda etapa. Se não foi você, troque sua senha agora.

## Um código de recuperação foi usado
message-recovery-code-used-subject = Um código de recuperação foi usado na sua conta { $sender }
message-recovery-code-used-heading = Um código de recuperação foi usado
message-recovery-code-used-body = Um dos seus códigos de recuperação acabou de ser usado para entrar em { $sender }. Cada código funciona só uma vez.
message-recovery-code-used-left = Códigos restantes: { $left }. Você pode gerar um novo conjunto nas configurações de segurança da sua conta.
message-recovery-code-used-not-you = Se não foi você, troque sua senha e gere novos códigos de recuperação agora.
message-recovery-code-used-sms = Um código de recuperação de { $sender } acabou de ser usado para entrar. Códigos restantes: { $left }. Não foi você? Troque sua senha agora.

## Um segundo fator ou chave de acesso foi adicionado ou removido
message-factor-added-subject = Uma forma de entrar foi adicionada à sua conta { $sender }
message-factor-added-heading = Uma forma de entrar foi adicionada
message-factor-added-body = Isto foi adicionado à sua conta { $sender }: { $factor }.
message-factor-added-not-you = Se não foi você, entre e remova-o; depois, troque sua senha.
message-factor-added-sms = Nova forma de entrar na sua conta { $sender }: { $factor }. Não foi você? Entre e remova-a.
message-factor-removed-subject = Uma forma de entrar foi removida da sua conta { $sender }
message-factor-removed-heading = Uma forma de entrar foi removida
message-factor-removed-body = Isto foi removido da sua conta { $sender }: { $factor }.
message-factor-removed-not-you = Se não foi você, entre, troque sua senha e configure-o de novo.
message-factor-removed-sms = Forma de entrar removida da sua conta { $sender }: { $factor }. Não foi você? Troque sua senha agora.

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

# Protección contra abusos: aviso de bloqueo, página de desbloqueo, comprobación del navegador.

message-button-unlock = Desbloquear mi cuenta
message-account-locked-subject = Tu cuenta de { $sender } se bloqueó tras varios intentos fallidos
message-account-locked-heading = Hemos bloqueado tu cuenta por un tiempo
message-account-locked-body = Alguien introdujo varias veces una contraseña incorrecta para tu cuenta de { $sender }, la última vez el { $when }. Para proteger tu cuenta, hemos pausado el inicio de sesión con contraseña durante un tiempo.
message-account-locked-where = Los intentos llegaron desde la dirección de red { $ip }.
message-account-locked-unlock = Si fuiste tú, usa este enlace para desbloquear tu cuenta ahora. Funciona una sola vez, durante 2 horas: { $unlock_url }
message-account-locked-reset = Si no fuiste tú, puede que alguien esté intentando adivinar tu contraseña: cámbiala por una nueva que no uses en ningún otro sitio.
message-account-locked-not-me = Si no fuiste tú y crees que otra persona puede haber entrado en tu cuenta, usa este enlace: cierra todas las sesiones, olvida los dispositivos de confianza y bloquea el inicio de sesión con contraseña hasta que recuperes tu cuenta: { $report_url }
message-account-locked-ignore = Los dispositivos en los que ya iniciaste sesión pueden seguir haciéndolo.
message-account-locked-sms = { $sender }: contraseña incorrecta varias veces desde { $ip }; inicio pausado. Desbloquear: { $unlock_url } ¿No fuiste tú? Cambia tu contraseña.

error-challenge_required = Espera mientras comprobamos tu navegador y vuelve a intentarlo.
error-unlock_link_invalid = Este enlace de desbloqueo ha caducado o ya se usó.

unlock-title = Desbloquear tu cuenta
unlock-intro = Desbloquea tu cuenta para volver a iniciar sesión con tu contraseña en este dispositivo.
unlock-submit = Desbloquear mi cuenta
unlock-done = Tu cuenta está desbloqueada. Ya puedes iniciar sesión.
unlock-invalid = Este enlace de desbloqueo ha caducado o ya se usó. Aún puedes restablecer tu contraseña.
unlock-sign-in = Iniciar sesión
unlock-reset = Restablecer la contraseña
challenge-checking = Comprobando tu navegador…

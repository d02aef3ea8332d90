# Browser pages: layout, forms, settings. Keys are grouped by page.

## Layout
skip-to-content = Ir al contenido principal
language-switcher-label = Idioma

## Fields shared by several forms
field-identifier = Correo electrónico o número de teléfono
field-identifier-help = Por ejemplo, ana@example.com o +34 612 345 678.
field-password = Contraseña
field-new-password = Contraseña
field-new-password-help = Al menos { $min } caracteres. Unas cuantas palabras sin relación entre sí forman una contraseña segura y fácil de recordar.
field-password-confirm = Repite la contraseña
field-name = Tu nombre (opcional)
field-code = Código de 6 dígitos
field-code-help = Solo números, sin espacios.

## Password field helpers (shown by the page script)
password-show = Mostrar contraseña
password-capslock = Bloq Mayús está activado.
password-layout = Parece que tu teclado está configurado en otro idioma. La contraseña se usará tal como la escribas.
password-mismatch = Las contraseñas no coinciden.
strength-title = Seguridad de la contraseña

## Registration
register-title = Crear una cuenta
register-intro = Regístrate con tu correo electrónico o número de teléfono. Te enviaremos un código para confirmarlo.
register-submit = Crear cuenta
register-have-account = ¿Ya tienes una cuenta?
register-sign-in-link = Iniciar sesión

## Verification
verify-title = Introduce el código
verify-intro = Hemos enviado un código de 6 dígitos a { $destination }. Suele llegar en menos de un minuto y es válido durante 15 minutos.
verify-intro-generic = Te hemos enviado un código de 6 dígitos. Suele llegar en menos de un minuto y es válido durante 15 minutos.
verify-submit = Confirmar
verify-no-code-title = ¿No te ha llegado el código?
verify-no-code = Revisa la carpeta de correo no deseado. Si el código no llega, pide uno nuevo; los anteriores seguirán funcionando.
verify-resend = Enviar un código nuevo
verify-resend-wait = Podrás pedir un código nuevo dentro de { $seconds } s
verify-resend-ready = Ya puedes pedir un código nuevo.
verify-resent = Te hemos enviado un código nuevo.

## Sign-in
login-title = Iniciar sesión
login-submit = Iniciar sesión
login-forgot = ¿Has olvidado tu contraseña?
login-with-code = Iniciar sesión con un código
login-no-account = ¿Eres nuevo?
login-register = Crear una cuenta
login-signed-out = Has cerrado la sesión.

## Account settings
settings-title = Tu cuenta
settings-signed-in-as = Has iniciado sesión como { $who }
settings-contacts = Correos electrónicos y números de teléfono
settings-no-contacts = Todavía no hay ningún correo electrónico ni número de teléfono.
contact-email = Correo electrónico
contact-phone = Teléfono
contact-verified = Verificado
contact-unverified = Sin verificar
contact-primary = Principal
settings-sessions = Dispositivos con sesión iniciada
settings-sessions-intro = Estos navegadores y aplicaciones tienen la sesión iniciada en tu cuenta. Cierra la sesión en los que no reconozcas y cambia tu contraseña.
session-current = Este dispositivo
session-signed-in = Sesión iniciada
session-last-seen = Última actividad
session-place = Lugar
session-unknown-device = Dispositivo desconocido
session-sign-out = Cerrar sesión en este dispositivo
settings-sign-out-others = Cerrar sesión en todos los demás dispositivos
settings-no-other-sessions = No hay sesiones iniciadas en otros dispositivos.
settings-session-signed-out = Se ha cerrado la sesión en el dispositivo.
settings-others-signed-out = Se ha cerrado la sesión en todos los demás dispositivos.
settings-sign-out = Cerrar sesión

## Other pages
not-found-title = Página no encontrada
not-found-body = La página que buscas no existe o se ha movido.
not-found-home = Ir a iniciar sesión
page-error-title = Algo ha salido mal
csrf-title = Vuelve a intentarlo
back-to-sign-in = Ir a iniciar sesión
try-again = Volver a intentarlo
# The wait of a refused page (its Retry-After), in words, rounded up; $count is a number.
retry-in-seconds = { $count ->
    [one] Vuelve a intentarlo en { $count } segundo.
   *[other] Vuelve a intentarlo en { $count } segundos.
}
retry-in-minutes = { $count ->
    [one] Vuelve a intentarlo en { $count } minuto.
   *[other] Vuelve a intentarlo en { $count } minutos.
}
retry-in-hours = { $count ->
    [one] Vuelve a intentarlo en { $count } hora.
   *[other] Vuelve a intentarlo en { $count } horas.
}
page-too-soon = Todavía no se puede enviar un código nuevo.

## Password recovery and sign-in by code
recovery-title = ¿Has olvidado tu contraseña?
recovery-intro = Introduce el correo electrónico o el número de teléfono de tu cuenta. Te enviaremos un código de 6 dígitos para crear una contraseña nueva.
recovery-submit = Enviar el código
reset-title = Elige una contraseña nueva
reset-intro = Al guardarla, se cerrará la sesión en todos los demás dispositivos.
reset-submit = Guardar la contraseña nueva
reset-done-title = Se ha cambiado tu contraseña
reset-done-body = Ya puedes iniciar sesión con tu contraseña nueva. Se ha cerrado la sesión en todos los demás dispositivos.
login-code-title = Iniciar sesión con un código
login-code-intro = Introduce tu correo electrónico o número de teléfono. Te enviaremos un código de 6 dígitos para iniciar sesión sin contraseña.
login-code-submit = Enviar el código
verify-code-format = Introduce el código de 6 dígitos del mensaje.

## Security settings: changing the password while signed in
settings-security = Seguridad
settings-security-link = Cambiar la contraseña
security-title = Seguridad
security-back = Volver a tu cuenta
security-password-title = Cambiar la contraseña
security-password-intro = Al guardar la contraseña nueva, se cerrará la sesión en todos los demás dispositivos y te avisaremos por correo electrónico o SMS.
field-current-password = Contraseña actual
field-current-password-help = Puedes dejarla en blanco si iniciaste sesión hace menos de { $minutes } minutos.
security-new-password = Contraseña nueva
security-password-submit = Cambiar contraseña
security-password-changed = Tu contraseña se ha cambiado. Se ha cerrado la sesión en todos los demás dispositivos.
security-current-wrong = La contraseña actual no es correcta. Las contraseñas distinguen entre mayúsculas y minúsculas.
security-current-needed = Escribe tu contraseña actual: iniciaste sesión hace más de { $minutes } minutos.

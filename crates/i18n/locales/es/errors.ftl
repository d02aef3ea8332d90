# One message per API error code (`error-<code>`), password problems and strength labels.
error-invalid_input = Falta información o no es válida. Revísala y vuelve a intentarlo.
error-invalid_identifier = Introduce un correo electrónico o un número de teléfono válido.
error-invalid_code = El código no es correcto. Intentos restantes: { $attempts_left }.
error-flow_expired = El código ha caducado. Vuelve a empezar para recibir uno nuevo.
error-too_many_attempts = Demasiados intentos. Espera un rato y vuelve a intentarlo, o restablece tu contraseña.
error-too_soon = Espera { $seconds } s antes de pedir un código nuevo.
error-invalid_credentials = El correo, el número de teléfono o la contraseña no son correctos. La contraseña distingue entre mayúsculas y minúsculas.
error-weak_password = Elige una contraseña más segura.
error-password_mismatch = Las contraseñas no coinciden.
error-account_blocked = Esta cuenta está bloqueada. Restablece tu contraseña o ponte en contacto con el servicio de atención para recuperar el acceso.
error-channel_unavailable = Ahora mismo no podemos enviar el código por esta vía. Prueba de otra forma.
error-server_busy = Ahora mismo tenemos mucha actividad. Vuelve a intentarlo en un momento.
error-reauthentication_required = Por tu seguridad, confirma de nuevo que eres tú (con tu contraseña o un código de tu app de autenticación) para hacer este cambio.
error-unauthenticated = Inicia sesión para continuar.
error-not_found = No hemos encontrado lo que buscas.
error-unsupported_media_type = Este formato de solicitud no es compatible.
error-payload_too_large = La solicitud es demasiado grande.
error-malformed_json = No se ha podido leer la solicitud.
error-csrf_failed = El formulario ha estado abierto demasiado tiempo o procede de otro sitio. Vuelve atrás, recarga la página e inténtalo de nuevo.
error-internal = Algo ha fallado por nuestra parte. Vuelve a intentarlo más tarde.

password-too_short = Usa al menos { $min } caracteres.
password-too_long = Esta contraseña es demasiado larga.
password-common = Esta contraseña es demasiado común. Elige una que otras personas difícilmente usen.
password-guessable = Esta contraseña es fácil de adivinar. Añade algunas palabras más sin relación entre sí.
password-same_as_current = La nueva contraseña debe ser distinta de la actual.

strength-weak = Débil
strength-medium = Media
strength-strong = Segura
error-invalid_credential = No se pudo comprobar la llave de acceso. Inténtalo de nuevo o usa otra forma de iniciar sesión.
error-already_registered = Esa llave de acceso ya está registrada.
error-last_method = No puedes quitarlo: es la última forma de entrar en tu cuenta. Añade otra forma primero.

## Dispositivos y actividad (#12): /settings/devices, /settings/activity, el aviso de nuevo dispositivo.

devices-title = Tus dispositivos
devices-card-intro = Mira dónde tienes la sesión iniciada, cierra la sesión en dispositivos y olvida los recordados.
devices-link = Gestionar tus dispositivos
devices-remembered-title = Dispositivos recordados
devices-remembered-intro = Estos dispositivos se saltan el segundo paso del inicio de sesión. Olvida los que ya no uses.

activity-title = Actividad de seguridad
activity-intro = Inicios de sesión y cambios recientes en tu cuenta, los más nuevos primero. Si algo de esto no lo hiciste tú, cambia tu contraseña.
activity-card-intro = Inicios de sesión recientes, intentos fallidos y cambios en tu cuenta.
activity-link = Ver tu actividad de seguridad
activity-none = Todavía no ha pasado nada en tu cuenta.
activity-when = Cuándo
activity-device = Dispositivo
activity-place = Lugar
activity-address = Dirección

event-identity-created = Cuenta creada
event-session-created = Sesión iniciada
event-signin-failed = Contraseña incorrecta
event-identity-locked = Inicio de sesión bloqueado tras demasiados intentos
event-identity-unlocked = Inicio de sesión desbloqueado
event-recovery-requested = Restablecimiento de contraseña solicitado
event-recovery-completed = Contraseña restablecida
event-password-changed = Contraseña cambiada
event-email-changed = Correo electrónico cambiado
event-phone-changed = Número de teléfono cambiado
event-mfa-enabled = Segundo factor añadido
event-mfa-disabled = Segundo factor eliminado
event-provider-linked = Cuenta vinculada
event-provider-unlinked = Cuenta desvinculada
event-identity-blocked = Cuenta bloqueada
event-identity-unblocked = Cuenta desbloqueada
event-identity-deleted = Cuenta eliminada
event-contact-dropped = Contacto eliminado

## Inicio de sesión desde un dispositivo nuevo
message-new-device-subject = Nuevo inicio de sesión en tu cuenta de { $sender }
message-new-device-heading = Un dispositivo nuevo inició sesión
message-new-device-body = Alguien acaba de iniciar sesión en tu cuenta de { $sender } desde un dispositivo que no se había usado antes.
message-new-device-details = Cuándo: { $when }. Dispositivo: { $device }. Dirección: { $ip }.
message-new-device-details-place = Cuándo: { $when }. Dispositivo: { $device }. Dónde: { $place } ({ $ip }).
message-new-device-not-you = Si no fuiste tú, usa ahora el botón de abajo: cierra todas las sesiones y bloquea el acceso hasta que restablezcas tu contraseña.
message-new-device-ignore = Si fuiste tú, no tienes que hacer nada.
message-new-device-sms = Nuevo inicio de sesión en tu cuenta de { $sender } desde un dispositivo nuevo. ¿No fuiste tú? { $link }

# Cambios de correo y teléfono (issue #12): la página de contactos, la de deshacer y sus
# mensajes. Argumentos: $sender (el nombre de la tienda), $code, $address, $link.

## El código para una dirección nueva
message-contact-code-subject = Confirma tu nueva dirección en { $sender }
message-contact-code-heading = Confirma tu nueva dirección
message-contact-code-intro = Introduce este código para añadir esta dirección a tu cuenta de { $sender }:
message-contact-code-ignore = Si no lo pediste, ignora este mensaje: sin este código la dirección no se añade.
message-contact-code-sms = { $code } es tu código de { $sender } para añadir este número. Caduca en 15 minutos.

## Alguien intentó añadir una dirección de otra cuenta
message-address-in-use-subject = Alguien intentó usar tu dirección en { $sender }
message-address-in-use-heading = Alguien intentó añadir tu dirección
message-address-in-use-body = Alguien intentó añadir esta dirección a otra cuenta de { $sender }. No se añadió: sigue en tu cuenta.
message-address-in-use-ignore = No tienes que hacer nada. Si este mensaje se repite, plantéate cambiar tu contraseña.
message-address-in-use-sms = { $sender }: alguien intentó añadir este número a otra cuenta. No ha cambiado nada.

## El correo principal cambió (a la dirección anterior, con el enlace para deshacer)
message-email-changed-subject = El correo de tu cuenta de { $sender } ha cambiado
message-email-changed-heading = Tu correo ha cambiado
message-email-changed-body = El correo de tu cuenta de { $sender } ahora es { $address }. Los mensajes de tu cuenta llegan ahí.
message-email-changed-not-you = Si no fuiste tú, usa el botón de abajo en un plazo de 7 días: vuelve a poner esta dirección, quita { $address } y cierra todas las sesiones.
message-email-changed-ignore = Si fuiste tú, no tienes que hacer nada.
message-email-changed-sms = { $sender }: tu correo cambió a { $address }. ¿No fuiste tú? { $link }

## El teléfono principal cambió (al número anterior)
message-phone-changed-subject = El teléfono de tu cuenta de { $sender } ha cambiado
message-phone-changed-heading = Tu número de teléfono ha cambiado
message-phone-changed-body = El número de teléfono de tu cuenta de { $sender } ahora es { $address }.
message-phone-changed-not-you = Si no fuiste tú, usa el botón de abajo cuanto antes: cierra todas las sesiones y bloquea el acceso hasta que restablezcas tu contraseña.
message-phone-changed-sms = { $sender }: tu número cambió. ¿No fuiste tú? { $link }

## Se deshizo un cambio (a ambas direcciones)
message-email-reverted-subject = Se restauró el correo de tu cuenta de { $sender }
message-email-reverted-heading = Tu correo se ha restaurado
message-email-reverted-body = El correo de tu cuenta de { $sender } vuelve a ser { $address } y se quitó la dirección que lo sustituyó. Se cerró la sesión en todos los dispositivos.
message-email-reverted-advice = Vuelve a iniciar sesión. Si no cambiaste la dirección tú, cambia también tu contraseña.
message-email-reverted-sms = { $sender }: tu correo vuelve a ser { $address }. Se cerró la sesión en todos los dispositivos.

## La página de contactos (/settings/contacts)
contacts-heading = Correo y teléfono
contacts-intro = Las direcciones con las que entras y en las que recibes mensajes.
contacts-manage = Gestionar correo y teléfono
contacts-yours = Tus direcciones
contacts-make-primary = Hacer principal
contacts-remove = Quitar
contacts-add-email = Añadir un correo
contacts-add-phone = Añadir un teléfono
contacts-new-email = Correo nuevo
contacts-new-phone = Teléfono nuevo
contacts-as-primary = Usarla como mi dirección principal
contacts-send-code = Enviar código
contacts-code-title = Introduce el código
contacts-code-intro = Enviamos un código de 6 dígitos a { $address }. Introdúcelo para añadir la dirección.
contacts-added = Se añadió la dirección.
contacts-removed = Se quitó la dirección.
contacts-primary-changed = Tu dirección principal ha cambiado.
contacts-back = Volver a correo y teléfono

## La página para deshacer (/revert)
revert-title = Deshacer el cambio de correo
revert-intro = { $address } vuelve a ser el correo de tu cuenta y se cierra la sesión en todos los dispositivos.
revert-removes = Se quitará { $address } de tu cuenta.
revert-submit = Deshacer el cambio
revert-done-title = Tu correo se ha restaurado
revert-done = { $address } vuelve a ser tu correo. Se cerró la sesión en todos los dispositivos: vuelve a iniciar sesión.
revert-invalid-title = Este enlace ya no funciona
revert-invalid = Los enlaces para deshacer funcionan una vez, durante 7 días. Inicia sesión para revisar las direcciones de tu cuenta.

# Social sign-in: the provider buttons, the link proof page (/login/link) and the
# linked accounts on the security page.

social-buttons-title = Ou continue com
social-continue-with = Continuar com { $provider }

social-link-title = Vincule sua conta { $provider }
social-link-intro = { $provider } informa que seu e-mail é { $email }. Já existe uma conta aqui com esse e-mail, então, antes de entrar nela com { $provider }, prove que a conta é sua. Você só precisa fazer isso uma vez.
social-link-password-title = Use sua senha
social-link-password-submit = Confirmar e vincular
social-link-password-wrong = Essa não é a senha desta conta.
social-link-code-title = Use um código enviado por e-mail
social-link-code-intro = Enviaremos um código de uso único para { $email }.
social-link-code-send = Enviar um código por e-mail
social-link-code-sent = Enviamos um código para { $email }. Digite-o abaixo.
social-link-code-submit = Confirmar e vincular
social-link-code-expired = Esse código expirou ou já foi usado. Peça um novo.
social-link-passkey-title = Use uma chave de acesso
social-link-passkey-note = Esta conta tem uma chave de acesso. Ainda não é possível usar chaves de acesso nesta página: entre com sua chave de acesso na página de entrada e depois vincule { $provider } nas configurações de segurança.
social-link-passkey-signin = Entrar com uma chave de acesso
social-link-cancel = Não é você? Entre de outra forma

social-linked-title = Contas vinculadas
social-linked-intro = Contas de outros serviços com as quais você pode entrar.
social-linked-none = Ainda não há nenhuma conta vinculada.
social-linked-email-label = E-mail
social-linked-date-label = Vinculada
social-linked-last-used-label = Último uso
social-linked-never-used = Nunca
social-unlink-button = Desvincular
social-link-another = Vincular { $provider }
social-linked-notice = Sua conta foi vinculada. A partir de agora, você pode entrar com ela.
social-unlinked-notice = A conta foi desvinculada. Ela não pode mais ser usada para entrar.
social-flow-expired = Este acesso expirou ou já foi usado. Comece de novo.

# Mensagens de recuperação de senha. Argumentos: $sender, $code, $url, $link, $methods.

## Comuns
message-list-separator = {", "}
message-method-email_code = código de uso único por e-mail
message-method-sms_code = código de uso único por SMS
message-button-reset = Redefinir senha
message-button-not-me = Não fui eu

## Código de recuperação (e, por e-mail, o link)
message-recovery-code-subject = Redefina sua senha do { $sender }
message-recovery-code-heading = Redefina sua senha
message-recovery-code-intro = Alguém pediu para redefinir a senha da sua conta do { $sender }. Se foi você, digite este código ou use o botão abaixo para escolher uma nova senha.
message-recovery-code-ignore = Se você não pediu isso, ignore esta mensagem: sua senha não muda sem este código.
message-recovery-code-sms = { $code } é seu código para redefinir a senha do { $sender }. Expira em 15 minutos.

## A senha foi alterada
message-password-changed-subject = Sua senha do { $sender } foi alterada
message-password-changed-heading = Sua senha foi alterada
message-password-changed-body = A senha da sua conta do { $sender } acabou de ser alterada, e os outros dispositivos conectados a ela foram desconectados.
message-password-changed-not-you = Se não foi você, use agora o botão abaixo: ele desconecta todos e bloqueia o acesso até você redefinir sua senha.
message-password-changed-ignore = Se foi você, não é preciso fazer nada.
message-password-changed-sms = Sua senha do { $sender } foi alterada. Não foi você? { $link }

## Com qual método a conta entra
message-method-hint-subject = Como você entra no { $sender }
message-method-hint-heading = Como você entra
message-method-hint-body = Alguém pediu ajuda para entrar na sua conta do { $sender } com este endereço.
message-method-hint-methods = Sua conta entra com: { $methods }.
message-method-hint-how = Para entrar, acesse { $url } e use um deles. Para um código de uso único, digite este endereço e enviaremos um código. Se a lista não tem senha, não há senha para redefinir: você pode adicionar uma nas configurações da conta depois de entrar.
message-method-hint-sms = { $sender }: sua conta entra com: { $methods }. Entre em { $url }

## Um pedido para um endereço sem conta
message-no-account-subject = Nenhuma conta do { $sender } usa este endereço
message-no-account-heading = Não há conta com este endereço
message-no-account-body = Alguém pediu para redefinir uma senha, ou saber como entrar, para este endereço de e-mail no { $sender }, mas nenhuma conta usa este endereço.
message-no-account-other = Se foi você, talvez tenha se cadastrado com outro endereço ou com um número de telefone. Você também pode criar uma conta nova com este endereço.
message-no-account-ignore = Se não foi você, ignore esta mensagem.
message-no-account-sms = Alguém perguntou por uma conta do { $sender } para este número, mas ela não existe.

## Um pedido para uma conta bloqueada
message-account-blocked-help-subject = Sua conta do { $sender } está bloqueada
message-account-blocked-help-heading = Sua conta está bloqueada
message-account-blocked-help-body = Alguém pediu para redefinir a senha da sua conta do { $sender }. A conta está bloqueada, então a senha não pode ser redefinida desta forma.
message-account-blocked-help-support = Entre em contato com o suporte do { $sender } para recuperar o acesso à sua conta.
message-account-blocked-help-sms = Sua conta do { $sender } está bloqueada. Fale com o suporte do { $sender } para recuperar o acesso.

## Páginas
recovery-other-ways-title = Outras formas de verificar
recovery-phone-label = Enviar para o meu telefone
recovery-phone-help = Digite o número de telefone completo da sua conta, por exemplo +1 555 123 4567. Se for um número confirmado da sua conta, o código será enviado por SMS.
recovery-phone-invalid = Digite o número de telefone completo, com o código do país, por exemplo +1 555 123 4567.
recovery-send-to-phone = Enviar o código por SMS para este número
recovery-email-label = Enviar para o meu e-mail
recovery-email-help = Digite o endereço de e-mail completo da sua conta. Se for um endereço confirmado da sua conta, o código será enviado para ele.
recovery-email-invalid = Digite o endereço de e-mail completo, por exemplo ann@example.com.
recovery-send-to-email = Enviar o código para este endereço
report-title = Não fui eu
report-intro = Se outra pessoa alterou sua senha, confirme abaixo. Todos serão desconectados da sua conta e ninguém poderá entrar até você redefinir sua senha.
report-submit = Desconectar todos e bloquear o acesso
report-done-title = Sua conta está protegida
report-done-body = Todos foram desconectados e o acesso está bloqueado. Redefina sua senha para entrar novamente.
login-which-method = Com qual método eu entrei?
method-hint-title = Com qual método eu entrei?
method-hint-intro = Digite o endereço de e-mail ou o número de telefone que você pode ter usado. Se uma conta o usa, enviaremos uma mensagem com os métodos de acesso dela.
method-hint-submit = Enviar meus métodos de acesso
method-hint-sent-title = Confira suas mensagens
method-hint-sent-body = Se uma conta usa este endereço ou número, uma mensagem com os métodos de acesso está a caminho.

# Browser pages: layout, forms, settings. Keys are grouped by page.

## Layout
skip-to-content = Pular para o conteúdo principal
language-switcher-label = Idioma

## Fields shared by several forms
field-identifier = E-mail ou número de telefone
field-identifier-help = Por exemplo, ana@example.com ou +55 11 91234-5678.
field-password = Senha
field-new-password = Senha
field-new-password-help = Pelo menos { $min } caracteres. Algumas palavras sem relação entre si formam uma senha forte e fácil de lembrar.
field-password-confirm = Repita a senha
field-name = Seu nome (opcional)
field-code = Código de 6 dígitos
field-code-help = Somente números, sem espaços.

## Password field helpers (shown by the page script)
password-show = Mostrar senha
password-capslock = O Caps Lock está ativado.
password-layout = Parece que seu teclado está configurado para outro idioma. A senha será usada exatamente como foi digitada.
password-mismatch = As senhas não coincidem.
strength-title = Força da senha

## Registration
register-title = Criar uma conta
register-intro = Cadastre-se com seu e-mail ou número de telefone. Enviaremos um código para confirmá-lo.
register-submit = Criar conta
register-have-account = Já tem uma conta?
register-sign-in-link = Entrar

## Verification
verify-title = Digite o código
verify-intro = Enviamos um código de 6 dígitos para { $destination }. Ele costuma chegar em até um minuto e vale por 15 minutos.
verify-intro-generic = Enviamos um código de 6 dígitos para você. Ele costuma chegar em até um minuto e vale por 15 minutos.
verify-submit = Confirmar
verify-no-code-title = Não recebeu o código?
verify-no-code = Confira a pasta de spam. Se o código não chegar, peça um novo; os anteriores continuam valendo.
verify-resend = Enviar um novo código
verify-resend-wait = Você poderá pedir um novo código em { $seconds } s
verify-resend-ready = Você já pode pedir um novo código.
verify-resent = Um novo código está a caminho.

## Sign-in
login-title = Entrar
login-submit = Entrar
login-forgot = Esqueceu a senha?
login-with-code = Entrar com um código
login-no-account = É novo por aqui?
login-register = Criar uma conta
login-signed-out = Você saiu da sua conta.

## Account settings
settings-title = Sua conta
settings-signed-in-as = Conectado como { $who }
settings-contacts = E-mails e números de telefone
settings-no-contacts = Ainda não há nenhum e-mail ou número de telefone.
contact-email = E-mail
contact-phone = Telefone
contact-verified = Verificado
contact-unverified = Não verificado
contact-primary = Principal
settings-sessions = Dispositivos conectados
settings-sessions-intro = Estes navegadores e aplicativos estão conectados à sua conta. Desconecte os que você não reconhecer e troque sua senha.
session-current = Este dispositivo
session-signed-in = Conectado em
session-last-seen = Última atividade
session-place = Local
session-unknown-device = Dispositivo desconhecido
session-sign-out = Sair deste dispositivo
settings-sign-out-others = Sair de todos os outros dispositivos
settings-no-other-sessions = Nenhum outro dispositivo está conectado.
settings-session-signed-out = O dispositivo foi desconectado.
settings-others-signed-out = Todos os outros dispositivos foram desconectados.
settings-sign-out = Sair

## Other pages
not-found-title = Página não encontrada
not-found-body = A página que você procura não existe ou foi movida.
not-found-home = Ir para a entrada
page-error-title = Algo deu errado
csrf-title = Tente novamente
back-to-sign-in = Ir para a entrada
try-again = Tentar novamente
# The wait of a refused page (its Retry-After), in words, rounded up; $count is a number.
retry-in-seconds = { $count ->
    [one] Tente novamente em { $count } segundo.
   *[other] Tente novamente em { $count } segundos.
}
retry-in-minutes = { $count ->
    [one] Tente novamente em { $count } minuto.
   *[other] Tente novamente em { $count } minutos.
}
retry-in-hours = { $count ->
    [one] Tente novamente em { $count } hora.
   *[other] Tente novamente em { $count } horas.
}
page-too-soon = Ainda não é possível enviar um novo código.

## Password recovery and sign-in by code
recovery-title = Esqueceu a senha?
recovery-intro = Digite o e-mail ou o número de telefone da sua conta. Enviaremos um código de 6 dígitos para você criar uma nova senha.
recovery-submit = Enviar o código
reset-title = Crie uma nova senha
reset-intro = Depois de salvar, todos os outros dispositivos serão desconectados.
reset-submit = Salvar a nova senha
reset-done-title = Sua senha foi alterada
reset-done-body = Agora você pode entrar com a nova senha. Todos os outros dispositivos foram desconectados.
login-code-title = Entrar com um código
login-code-intro = Digite seu e-mail ou número de telefone. Enviaremos um código de 6 dígitos para você entrar sem senha.
login-code-submit = Enviar o código
verify-code-format = Digite o código de 6 dígitos da mensagem.

## Security settings: changing the password while signed in
settings-security = Segurança
settings-security-link = Alterar a senha
security-title = Segurança
security-back = Voltar para a sua conta
security-password-title = Alterar a senha
security-password-intro = Ao salvar a nova senha, todos os outros dispositivos serão desconectados e avisaremos você por e-mail ou SMS.
field-current-password = Senha atual
field-current-password-help = Você pode deixar em branco se entrou há menos de { $minutes } minutos.
security-new-password = Nova senha
security-password-submit = Alterar senha
security-password-changed = Sua senha foi alterada. Todos os outros dispositivos foram desconectados.
security-current-wrong = A senha atual não está correta. As senhas diferenciam maiúsculas de minúsculas.
security-current-needed = Digite sua senha atual: você entrou há mais de { $minutes } minutos.

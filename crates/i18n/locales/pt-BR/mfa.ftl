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
passkey-signin-button = Entrar com uma chave de acesso
passkey-signin-or = ou
passkey-signin-failed = Essa chave de acesso não funcionou. Tente novamente ou entre de outra forma.

## The second step of a sign-in (/login/mfa)
mfa-page-title = Confirme que é você
mfa-page-intro = Sua senha está certa. Conclua a entrada com uma destas opções.
mfa-passkey-heading = Chave de acesso
mfa-passkey-button = Usar uma chave de acesso
mfa-totp-heading = App autenticador
mfa-totp-label = Código do seu app autenticador
mfa-totp-help = Abra o app e digite o código de 6 dígitos que ele mostra para esta conta.
mfa-remember-label = Lembrar este dispositivo por { $days } dias
mfa-remember-help = Deixe desmarcado em um computador compartilhado ou público.
mfa-submit = Continuar
mfa-send-heading = Receber um código por mensagem
mfa-send-sms-button = Enviar um código por SMS
mfa-send-email-button = Enviar um código por e-mail
mfa-sent-sms = Enviamos um código para seu celular. Ele expira em 15 minutos.
mfa-sent-email = Enviamos um código para seu e-mail. Ele expira em 15 minutos.
mfa-code-label = Código da mensagem
mfa-code-help = Digite o código de 6 dígitos que enviamos para você.
mfa-recovery-summary = Perdeu o celular? Use um código de recuperação
mfa-recovery-label = Código de recuperação
mfa-recovery-help = Um dos códigos que você salvou ao ativar a verificação em duas etapas. Cada um funciona só uma vez.
mfa-code-missing = Digite o código.
mfa-start-over = Recomeçar a entrada

## Security settings: second factors, passkeys, remembered devices
security-mfa-title = Verificação em duas etapas
security-mfa-intro = Uma segunda etapa depois da senha mantém sua conta segura mesmo que alguém descubra a senha.
totp-section-title = App autenticador
totp-state-on = Ativado: ao entrar, pedimos um código do seu app autenticador.
totp-state-off = Desativado: nenhum app autenticador configurado.
totp-setup-link = Configurar um app autenticador
totp-remove-button = Remover o app autenticador
totp-added-notice = Seu app autenticador está configurado. Agora pedimos o código dele ao entrar.
totp-removed-notice = O app autenticador foi removido.
recovery-codes-section-title = Códigos de recuperação
recovery-codes-count = { $count ->
    [one] Resta { $count } código de recuperação
   *[other] Restam { $count } códigos de recuperação
}
recovery-codes-warning = Atenção: restam poucos códigos de recuperação. Gere um novo conjunto para não perder o acesso se perder o celular.
recovery-codes-regenerate-button = Gerar novos códigos de recuperação
recovery-codes-regenerate-help = Seus códigos antigos param de funcionar assim que você gera novos.
passkey-section-title = Chaves de acesso
passkey-section-intro = Entre com sua digital, seu rosto ou o bloqueio de tela em vez de uma senha.
passkey-none = Você ainda não tem chaves de acesso.
passkey-unnamed = Chave de acesso
passkey-created-label = Adicionada
passkey-last-used-label = Último uso
passkey-never-used = Nunca
passkey-remove-button = Remover
passkey-removed-notice = A chave de acesso foi removida.
passkey-name-label = Nome da nova chave de acesso (opcional)
passkey-name-help = Por exemplo, “Notebook do trabalho”, para diferenciar suas chaves de acesso.
passkey-add-button = Adicionar uma chave de acesso
passkey-needs-js = Para adicionar uma chave de acesso, é preciso JavaScript e um navegador compatível com chaves de acesso.
passkey-add-failed = Não foi possível adicionar a chave de acesso. Tente novamente.
trusted-devices-title = Dispositivos lembrados
trusted-devices-intro = Estes dispositivos pulam a segunda etapa ao entrar, até a data indicada.
trusted-devices-none = Nenhum dispositivo lembrado.
trusted-devices-unknown = Dispositivo desconhecido
trusted-devices-added-label = Lembrado
trusted-devices-last-used-label = Último uso
trusted-devices-expires-label = Até
trusted-devices-revoke-button = Esquecer este dispositivo
trusted-devices-revoke-all-button = Esquecer todos os dispositivos
trusted-devices-revoked-notice = Esse dispositivo vai pedir a segunda etapa de novo.
trusted-devices-all-revoked-notice = Todos os dispositivos vão pedir a segunda etapa de novo.

## Setting up an authenticator app (/settings/security/totp)
totp-setup-title = Configurar um app autenticador
totp-setup-scan = Leia este QR code com um app autenticador, como o que vem no seu gerenciador de senhas.
totp-qr-alt = QR code que adiciona sua conta a um app autenticador
totp-secret-label = Não consegue ler? Digite esta chave no app:
totp-code-label = O código de 6 dígitos que o app mostra agora
totp-code-help = Os códigos mudam a cada 30 segundos; digite o atual.
totp-confirm-button = Ativar
totp-retry-hint = Já adicionou a conta ao app? Digite o código que ele mostra agora. Se não, recomece com um novo QR code.
totp-start-again = Recomeçar com um novo QR code
totp-cancel = Cancelar

## Recovery codes, shown once
recovery-codes-page-title = Salve seus códigos de recuperação
recovery-codes-page-intro = Se você perder o celular, cada um destes códigos permite entrar uma vez. Guarde-os em um lugar seguro, como um gerenciador de senhas, ou imprima-os.
recovery-codes-shown-once = Esta é a única vez que mostramos estes códigos. Os códigos anteriores não funcionam mais.
recovery-codes-done-link = Já salvei meus códigos

## Confirm it's you (/settings/reauthenticate)
reauth-title = Confirme que é você
reauth-intro = Para sua segurança, confirme que é você antes de mudar a forma de entrar. Não pediremos de novo por { $minutes } minutos.
reauth-password-label = Sua senha
reauth-totp-label = Ou um código do seu app autenticador
reauth-totp-help = Digite sua senha ou o código de 6 dígitos, não os dois.
reauth-submit-button = Confirmar
reauth-password-wrong = Essa senha não está correta. As senhas diferenciam maiúsculas de minúsculas.
reauth-empty = Digite sua senha ou um código.

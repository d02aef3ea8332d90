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

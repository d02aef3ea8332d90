# Mensagens que o courier envia (e-mail e SMS). Os códigos expiram em 15 minutos.
# Argumentos: $sender (nome da loja), $code, $url, $address, $method.

## Comuns a todos os e-mails
message-code-label = Seu código
message-code-expires = O código expira em 15 minutos.
message-never-share = { $sender } nunca vai pedir este código a você. Não o compartilhe com ninguém.
message-footer = Esta é uma mensagem automática de { $sender }.
message-button-sign-in = Entrar
# A button in the plain-text part of an email.
message-link = { $label }: { $url }

## Formas de entrar (mensagem de boas-vindas)
message-method-password = senha
message-method-code = código de uso único
message-method-passkey = chave de acesso
message-method-google = conta do Google
message-method-apple = conta Apple
message-method-facebook = conta do Facebook
message-method-vk = conta do VK
message-method-alipay = conta do Alipay

## Código de cadastro
message-registration-code-subject = Confirme seu e-mail para { $sender }
message-registration-code-heading = Confirme seu endereço de e-mail
message-registration-code-intro = Obrigado por se cadastrar em { $sender }. Para concluir a criação da sua conta, digite este código:
message-registration-code-ignore = Se você não tentou criar uma conta, ignore esta mensagem: nenhuma conta é criada sem este código.
message-registration-code-sms = { $code } é seu código de verificação de { $sender }. Ele expira em 15 minutos.

## Alguém tentou se cadastrar com um endereço que já tem conta
message-signup-attempt-subject = Alguém tentou se cadastrar com seu endereço
message-signup-attempt-heading = Você já tem uma conta
message-signup-attempt-body = Alguém tentou criar uma conta em { $sender } com este endereço de e-mail. Você já tem uma conta com ele, então nenhuma conta nova foi criada.
message-signup-attempt-action = Se foi você, entre ou redefina sua senha em { $url }
message-signup-attempt-ignore = Se não foi você, não é preciso fazer nada: sua conta não foi alterada.
message-signup-attempt-sms = Alguém tentou se cadastrar em { $sender } com este número, mas você já tem uma conta. Entre ou redefina sua senha em { $url }

## Código de verificação de um endereço adicionado ou não verificado
message-verification-code-subject = Verifique seu e-mail para { $sender }
message-verification-code-heading = Verifique seu endereço de e-mail
message-verification-code-intro = Digite este código para confirmar que este endereço é seu:
message-verification-code-ignore = Se você não pediu isso, ignore esta mensagem: o endereço não é verificado sem este código.
message-verification-code-sms = { $code } é seu código de verificação de { $sender }. Ele expira em 15 minutos.

## Código para entrar sem senha
message-login-code-subject = Seu código de acesso de { $sender }
message-login-code-heading = Seu código de acesso
message-login-code-intro = Alguém pediu para entrar em { $sender } com este endereço. Se foi você, digite este código:
message-login-code-ignore = Se não foi você, ignore esta mensagem: ninguém consegue entrar sem este código.
message-login-code-sms = { $code } é seu código de acesso de { $sender }. Ele expira em 15 minutos. Não o compartilhe.

## Boas-vindas, depois do cadastro
message-welcome-subject = Boas-vindas a { $sender }
message-welcome-heading = Boas-vindas a { $sender }!
message-welcome-intro = Sua conta está pronta.
message-welcome-address = Sua conta: { $address }
message-welcome-method = Como você entra: { $method }
message-welcome-settings = Nas configurações da conta, você pode adicionar outras formas de entrar, como uma chave de acesso.
message-welcome-sms = Boas-vindas a { $sender }! Sua conta: { $address }. Como você entra: { $method }.

## Um endereço não confirmado foi removido: outra pessoa comprovou que é dela
message-contact-removed-subject = Um endereço não confirmado foi removido da sua conta { $sender }
message-contact-removed-heading = Um endereço foi removido da sua conta
message-contact-removed-body = { $address } estava na sua conta { $sender }, mas nunca foi confirmado. Outra pessoa acabou de confirmar que ele é dela, então ele foi removido da sua conta.
message-contact-removed-action = Se ele for seu, entre em { $url } e adicione-o de novo: você precisará confirmá-lo com um código.
message-contact-removed-ignore = Nada mais mudou na sua conta.
message-contact-removed-sms = { $sender }: { $address } foi removido da sua conta. Ele nunca foi confirmado e outra pessoa o confirmou.

## O titular pediu para excluir a conta; um login cancelou a exclusão.
message-account-deletion-scheduled-subject = Sua conta { $sender } será excluída em { $date }
message-account-deletion-scheduled-heading = Sua conta será excluída
message-account-deletion-scheduled-body = Você pediu para excluir sua conta { $sender }. Ela será excluída em { $date } (UTC), com seus contatos, métodos de login e dispositivos. Você foi desconectado de todos os lugares.
message-account-deletion-scheduled-cancel = Mudou de ideia? Faça login antes dessa data e a exclusão será cancelada.
message-account-deletion-scheduled-not-you = Se não foi você que pediu, faça login agora para cancelar e troque sua senha.
message-account-deletion-scheduled-sms = { $sender }: sua conta será excluída em { $date }. Faça login antes para cancelar.
message-account-deletion-cancelled-subject = Sua conta { $sender } não será excluída
message-account-deletion-cancelled-heading = Exclusão da conta cancelada
message-account-deletion-cancelled-body = Você fez login na sua conta { $sender }, então ela não será excluída. Se ainda quiser excluí-la, peça de novo nas configurações da conta.
message-account-deletion-cancelled-not-you = Se não foi você que fez login, troque sua senha imediatamente.
message-account-deletion-cancelled-sms = { $sender }: você fez login, então sua conta não será excluída.

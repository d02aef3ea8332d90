# Troca de e-mail e telefone (issue #12): a página de contatos, a de desfazer e suas
# mensagens. Argumentos: $sender (o nome da loja), $code, $address, $link.

## O código para um endereço novo
message-contact-code-subject = Confirme seu novo endereço na { $sender }
message-contact-code-heading = Confirme seu novo endereço
message-contact-code-intro = Digite este código para adicionar este endereço à sua conta na { $sender }:
message-contact-code-ignore = Se você não pediu isso, ignore esta mensagem: sem este código o endereço não é adicionado.
message-contact-code-sms = { $code } é seu código da { $sender } para adicionar este número. Ele expira em 15 minutos.

## Alguém tentou adicionar um endereço de outra conta
message-address-in-use-subject = Alguém tentou usar seu endereço na { $sender }
message-address-in-use-heading = Alguém tentou adicionar seu endereço
message-address-in-use-body = Alguém tentou adicionar este endereço a outra conta na { $sender }. Ele não foi adicionado: continua na sua conta.
message-address-in-use-ignore = Você não precisa fazer nada. Se esta mensagem se repetir, considere trocar sua senha.
message-address-in-use-sms = { $sender }: alguém tentou adicionar este número a outra conta. Nada mudou.

## O e-mail principal mudou (para o endereço antigo, com o link para desfazer)
message-email-changed-subject = O e-mail da sua conta na { $sender } foi alterado
message-email-changed-heading = Seu e-mail foi alterado
message-email-changed-body = O e-mail da sua conta na { $sender } agora é { $address }. As mensagens da sua conta vão para lá.
message-email-changed-not-you = Se não foi você, use o botão abaixo em até 7 dias: ele devolve este endereço, remove { $address } e encerra todas as sessões.
message-email-changed-ignore = Se foi você, não é preciso fazer nada.
message-email-changed-sms = { $sender }: seu e-mail foi alterado para { $address }. Não foi você? { $link }

## O telefone principal mudou (para o número antigo)
message-phone-changed-subject = O telefone da sua conta na { $sender } foi alterado
message-phone-changed-heading = Seu número de telefone foi alterado
message-phone-changed-body = O número de telefone da sua conta na { $sender } agora é { $address }.
message-phone-changed-not-you = Se não foi você, use o botão abaixo agora mesmo: ele encerra todas as sessões e bloqueia o acesso até você redefinir sua senha.
message-phone-changed-sms = { $sender }: seu número foi alterado. Não foi você? { $link }

## Uma troca foi desfeita (para os dois endereços)
message-email-reverted-subject = O e-mail da sua conta na { $sender } foi restaurado
message-email-reverted-heading = Seu e-mail foi restaurado
message-email-reverted-body = O e-mail da sua conta na { $sender } voltou a ser { $address }, e o endereço que o substituiu foi removido. Todos os dispositivos foram desconectados.
message-email-reverted-advice = Entre novamente. Se não foi você quem trocou o endereço, troque também sua senha.
message-email-reverted-sms = { $sender }: seu e-mail voltou a ser { $address }. Todos os dispositivos foram desconectados.

## A página de contatos (/settings/contacts)
contacts-heading = E-mail e telefone
contacts-intro = Os endereços com que você entra e nos quais recebe mensagens.
contacts-manage = Gerenciar e-mail e telefone
contacts-yours = Seus endereços
contacts-make-primary = Tornar principal
contacts-remove = Remover
contacts-add-email = Adicionar um e-mail
contacts-add-phone = Adicionar um telefone
contacts-new-email = Novo e-mail
contacts-new-phone = Novo telefone
contacts-as-primary = Usar como meu endereço principal
contacts-send-code = Enviar código
contacts-code-title = Digite o código
contacts-code-intro = Enviamos um código de 6 dígitos para { $address }. Digite-o para adicionar o endereço.
contacts-added = O endereço foi adicionado.
contacts-removed = O endereço foi removido.
contacts-primary-changed = Seu endereço principal foi alterado.
contacts-back = Voltar para e-mail e telefone

## A página de desfazer (/revert)
revert-title = Desfazer a troca de e-mail
revert-intro = { $address } volta a ser o e-mail da sua conta e todos os dispositivos são desconectados.
revert-removes = { $address } será removido da sua conta.
revert-submit = Desfazer a troca
revert-done-title = Seu e-mail foi restaurado
revert-done = { $address } voltou a ser seu e-mail. Todos os dispositivos foram desconectados: entre novamente.
revert-invalid-title = Este link não funciona mais
revert-invalid = Links para desfazer funcionam uma vez, por 7 dias. Entre para conferir os endereços da sua conta.

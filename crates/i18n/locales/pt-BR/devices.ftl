## Dispositivos e atividade (#12): /settings/devices, /settings/activity, o aviso de novo dispositivo.

devices-title = Seus dispositivos
devices-card-intro = Veja onde sua conta está conectada, desconecte dispositivos e esqueça os lembrados.
devices-link = Gerenciar seus dispositivos
devices-remembered-title = Dispositivos lembrados
devices-remembered-intro = Estes dispositivos pulam a segunda etapa do login. Esqueça os que você não usa mais.

activity-title = Atividade de segurança
activity-intro = Logins e alterações recentes na sua conta, os mais novos primeiro. Se algo aqui não foi você, troque sua senha.
activity-card-intro = Logins recentes, tentativas que falharam e alterações na sua conta.
activity-link = Ver sua atividade de segurança
activity-none = Nada aconteceu na sua conta ainda.
activity-when = Quando
activity-device = Dispositivo
activity-place = Local
activity-address = Endereço

event-identity-created = Conta criada
event-session-created = Login feito
event-signin-failed = Senha incorreta
event-identity-locked = Login bloqueado após tentativas demais
event-identity-unlocked = Login desbloqueado
event-recovery-requested = Redefinição de senha solicitada
event-recovery-completed = Senha redefinida
event-password-changed = Senha alterada
event-email-changed = E-mail alterado
event-phone-changed = Telefone alterado
event-mfa-enabled = Segundo fator adicionado
event-mfa-disabled = Segundo fator removido
event-provider-linked = Conta vinculada
event-provider-unlinked = Conta desvinculada
event-identity-blocked = Conta bloqueada
event-identity-unblocked = Conta desbloqueada
event-identity-deleted = Conta excluída
event-contact-dropped = Contato removido

## Login de um novo dispositivo
message-new-device-subject = Novo login na sua conta do { $sender }
message-new-device-heading = Um novo dispositivo entrou na sua conta
message-new-device-body = Alguém acabou de entrar na sua conta do { $sender } de um dispositivo que ainda não tinha sido usado nela.
message-new-device-details = Quando: { $when }. Dispositivo: { $device }. Endereço: { $ip }.
message-new-device-details-place = Quando: { $when }. Dispositivo: { $device }. Onde: { $place } ({ $ip }).
message-new-device-not-you = Se não foi você, use agora o botão abaixo: ele desconecta todos e bloqueia o acesso até você redefinir sua senha.
message-new-device-ignore = Se foi você, não precisa fazer nada.
message-new-device-sms = Novo login na sua conta do { $sender } de um novo dispositivo. Não foi você? { $link }

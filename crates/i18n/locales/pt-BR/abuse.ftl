# Proteção contra abuso: aviso de bloqueio, página de desbloqueio, verificação do navegador.

message-button-unlock = Desbloquear minha conta
message-account-locked-subject = Sua conta { $sender } foi bloqueada após tentativas de login malsucedidas
message-account-locked-heading = Bloqueamos sua conta por um tempo
message-account-locked-body = Alguém digitou a senha errada da sua conta { $sender } várias vezes, a última em { $when }. Para proteger sua conta, pausamos o login com senha por um tempo.
message-account-locked-where = As tentativas vieram do endereço de rede { $ip }.
message-account-locked-unlock = Se foi você, use este link para desbloquear sua conta agora. Ele funciona uma vez, por 2 horas: { $unlock_url }
message-account-locked-reset = Se não foi você, alguém pode estar tentando adivinhar sua senha: troque-a por uma nova que você não use em nenhum outro lugar.
message-account-locked-not-me = Se não foi você e acha que outra pessoa pode ter entrado na sua conta, use este link: ele encerra todas as sessões, esquece os dispositivos confiáveis e bloqueia o login com senha até você recuperar sua conta: { $report_url }
message-account-locked-ignore = Os dispositivos em que você já entrou continuam podendo entrar.
message-account-locked-sms = { $sender }: senha errada várias vezes de { $ip }; login pausado. Desbloquear: { $unlock_url } Não foi você? Troque sua senha.

error-challenge_required = Aguarde enquanto verificamos seu navegador e tente de novo.
error-unlock_link_invalid = Este link de desbloqueio expirou ou já foi usado.

unlock-title = Desbloquear sua conta
unlock-intro = Desbloqueie sua conta para voltar a entrar com sua senha neste dispositivo.
unlock-submit = Desbloquear minha conta
unlock-done = Sua conta foi desbloqueada. Você já pode entrar.
unlock-invalid = Este link de desbloqueio expirou ou já foi usado. Você ainda pode redefinir sua senha.
unlock-sign-in = Entrar
unlock-reset = Redefinir a senha
challenge-checking = Verificando seu navegador…

# One message per API error code (`error-<code>`), password problems and strength labels.
error-invalid_input = Algumas informações estão faltando ou não são válidas. Confira e tente novamente.
error-invalid_identifier = Digite um e-mail ou número de telefone válido.
error-invalid_code = Código incorreto. Tentativas restantes: { $attempts_left }.
error-flow_expired = Este código expirou. Comece de novo para receber um novo código.
error-too_many_attempts = Muitas tentativas. Aguarde um pouco e tente novamente ou redefina sua senha.
error-too_soon = Aguarde { $seconds } s antes de pedir um novo código.
error-invalid_credentials = O e-mail, o número de telefone ou a senha estão incorretos. A senha diferencia maiúsculas de minúsculas.
error-weak_password = Escolha uma senha mais forte.
error-password_mismatch = As senhas não coincidem.
error-account_blocked = Esta conta está bloqueada. Redefina sua senha ou fale com o suporte para recuperar o acesso.
error-channel_unavailable = No momento não conseguimos enviar o código por este meio. Tente de outra forma.
error-server_busy = Estamos com muito movimento agora. Tente novamente daqui a pouco.
error-reauthentication_required = Para sua segurança, confirme de novo que é você (com sua senha ou um código do app autenticador) para fazer esta alteração.
error-unauthenticated = Entre na sua conta para continuar.
error-not_found = Não encontramos o que você procura.
error-unsupported_media_type = Este formato de solicitação não é aceito.
error-payload_too_large = A solicitação é grande demais.
error-malformed_json = Não foi possível ler a solicitação.
error-csrf_failed = O formulário ficou aberto por muito tempo ou veio de outro site. Volte, recarregue a página e tente novamente.
error-internal = Algo deu errado do nosso lado. Tente novamente mais tarde.

password-too_short = Use pelo menos { $min } caracteres.
password-too_long = Esta senha é longa demais.
password-common = Esta senha é muito comum. Escolha uma que dificilmente outras pessoas usariam.
password-guessable = Esta senha é fácil de adivinhar. Acrescente mais algumas palavras sem relação entre si.
password-same_as_current = A nova senha precisa ser diferente da atual.

strength-weak = Fraca
strength-medium = Média
strength-strong = Forte
error-invalid_credential = Não foi possível verificar a chave de acesso. Tente de novo ou use outra forma de entrar.
error-already_registered = Essa chave de acesso já está registrada.
error-last_method = Não é possível remover: é a última forma de entrar na sua conta. Adicione outra forma primeiro.

# A marca da loja nas páginas. $shop é o nome da loja neste idioma.
brand-back-to = Voltar para { $shop }
brand-links-label = Ajuda e políticas
brand-support = Ajuda
brand-privacy = Privacidade
brand-terms = Termos

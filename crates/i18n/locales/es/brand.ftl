# La marca de la tienda en las páginas. $shop es el nombre de la tienda en este idioma.
brand-back-to = Volver a { $shop }
brand-links-label = Ayuda y políticas
brand-support = Ayuda
brand-privacy = Privacidad
brand-terms = Términos

# La marque de la boutique sur les pages. $shop est le nom de la boutique dans cette langue.
brand-back-to = Retour à { $shop }
brand-links-label = Aide et conditions
brand-support = Aide
brand-privacy = Confidentialité
brand-terms = Conditions

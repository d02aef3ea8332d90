# The shop's brand on the pages (issue #14): the name itself comes from the config
# ([brand] name, names), never from here. $shop is the shop's name in this language.
brand-back-to = Back to { $shop }
brand-links-label = Help and policies
brand-support = Help
brand-privacy = Privacy
brand-terms = Terms

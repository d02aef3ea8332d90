# Social sign-in: the provider buttons, the link proof page (/login/link) and the
# linked accounts on the security page.

social-buttons-title = Or continue with
social-continue-with = Continue with { $provider }

social-link-title = Link your { $provider } account
social-link-intro = { $provider } says your email is { $email }. An account with this email already exists here, so before { $provider } can sign you in to it, prove that the account is yours. You only do this once.
social-link-password-title = Use your password
social-link-password-submit = Confirm and link
social-link-password-wrong = That is not the password of this account.
social-link-code-title = Use a code sent by email
social-link-code-intro = We send a one-time code to { $email }.
social-link-code-send = Email me a code
social-link-code-sent = We sent a code to { $email }. Enter it below.
social-link-code-submit = Confirm and link
social-link-code-expired = That code has expired or was used up. Ask for a new one.
social-link-passkey-title = Use a passkey
social-link-passkey-note = This account has a passkey. Passkeys cannot be used on this page yet: sign in with your passkey on the sign-in page, then link { $provider } from your security settings.
social-link-passkey-signin = Sign in with a passkey
social-link-cancel = Not you? Sign in another way

social-linked-title = Linked accounts
social-linked-intro = Accounts at other services you can sign in with.
social-linked-none = No account is linked yet.
social-linked-email-label = Email
social-linked-date-label = Linked
social-linked-last-used-label = Last used
social-linked-never-used = Never
social-unlink-button = Unlink
social-link-another = Link { $provider }
social-linked-notice = Your account is now linked. You can sign in with it from now on.
social-unlinked-notice = The account was unlinked. It can no longer sign you in.
social-flow-expired = This sign-in has expired or was already used. Please start again.

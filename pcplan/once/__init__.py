"""A POST is done once: every form pcplan draws carries a one-time key (`form_key`, a
hidden field put in by `{% csrf_token %}`'s neighbour `{% form_key %}`), and
`OnceMiddleware` records the key with the answer in the same database transaction as
whatever the form wrote. The same key posted again (a double click, a resend after an
error page, the browser's "send again") gets the first answer, never a second row
(docs/decisions/0048-one-time-form-keys.md).
"""

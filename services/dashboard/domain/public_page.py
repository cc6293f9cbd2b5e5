"""The public page of a tenant: the identification CASL asks every message to give."""

from html import escape

from libs.tenants import TenantConfig

PAGE = """<!doctype html>
<html lang="{lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{name}</title></head>
<body>
<h1>{name}</h1>
<p>{intro}</p>
<dl>
<dt>{address_label}</dt><dd>{address}</dd>
<dt>{phone_label}</dt><dd><a href="tel:{phone}">{phone}</a></dd>
{contact}
</dl>
<p>{opt_out}</p>
</body>
</html>
"""

WORDS = {
    "en": {
        "intro": "Text messages from this number are sent by:",
        "address_label": "Mailing address",
        "phone_label": "Phone",
        "email_label": "Email",
        "website_label": "Website",
        "opt_out": "To stop receiving texts, reply STOP to any message.",
    },
    "fr": {
        "intro": "Les textos de ce numéro sont envoyés par :",
        "address_label": "Adresse postale",
        "phone_label": "Téléphone",
        "email_label": "Courriel",
        "website_label": "Site web",
        "opt_out": "Pour ne plus recevoir de textos, répondez ARRET à un message.",
    },
}


def render(tenant: TenantConfig) -> str:
    """The page, every tenant-supplied value escaped."""
    identity = tenant.identity
    words = WORDS[identity.default_language]
    contact = []
    if identity.email:
        email = escape(identity.email)
        contact.append(
            f"<dt>{words['email_label']}</dt>"
            f'<dd><a href="mailto:{email}">{email}</a></dd>'
        )
    if identity.website:
        contact.append(
            f"<dt>{words['website_label']}</dt><dd>{_link(identity.website)}</dd>"
        )

    return PAGE.format(
        lang=identity.default_language,
        name=escape(identity.name),
        address=escape(identity.mailing_address),
        phone=escape(identity.phone),
        contact="\n".join(contact),
        **{k: v for k, v in words.items() if not k.startswith(("email", "website"))},
    )


def _link(url: str) -> str:
    # Only web addresses become links: a "javascript:" URL stays inert text.
    text = escape(url)
    if url.startswith(("https://", "http://")):
        return f'<a href="{text}" rel="nofollow">{text}</a>'
    return text

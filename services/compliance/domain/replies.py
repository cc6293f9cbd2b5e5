"""The answers to compliance keywords: plain, short, no marketing, in two languages."""

from libs.tenants import Language, TenantConfig

# The confirmation repeats the opt-out word, so the customer sees it was heard.
_OPTED_OUT = {
    "en": "{name}: STOP received. You are unsubscribed and will get no more texts "
    "from us. Reply START to resubscribe.",
    "fr": "{name} : ARRET reçu. Vous êtes désabonné et ne recevrez plus de textos "
    "de notre part. Répondez START pour vous réabonner.",
}
_OPTED_IN = {
    "en": "{name}: you are subscribed again. Reply STOP to opt out.",
    "fr": "{name} : vous êtes de nouveau abonné. Répondez ARRET pour vous désabonner.",
}
_HELP = {
    "en": "{name}: for help, call {phone}{web}. Reply STOP to opt out.",
    "fr": "{name} : pour de l'aide, appelez le {phone}{web}. "
    "Répondez ARRET pour vous désabonner.",
}
_WEB = {"en": " or visit {site}", "fr": " ou visitez {site}"}
_EMAIL = {"en": " or write to {site}", "fr": " ou écrivez à {site}"}


def opt_out_confirmation(tenant: TenantConfig, language: Language) -> str:
    return _OPTED_OUT[language].format(name=tenant.identity.name)


def opt_in_confirmation(tenant: TenantConfig, language: Language) -> str:
    return _OPTED_IN[language].format(name=tenant.identity.name)


def help_reply(tenant: TenantConfig, language: Language) -> str:
    """Who we are, how to reach a person, and how to opt out."""
    identity = tenant.identity
    site = identity.website or tenant.public_page_url
    if site:
        web = _WEB[language].format(site=site)
    elif identity.email:
        web = _EMAIL[language].format(site=identity.email)
    else:
        web = ""
    return _HELP[language].format(name=identity.name, phone=identity.phone, web=web)

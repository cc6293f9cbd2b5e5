from pydantic import BaseModel, SecretStr

from libs.settings import TwilioSettings


class CrmSecrets(BaseModel):
    """The keys one tenant's CRM signs its webhooks with."""

    # The OAuth client secret of the tenant's Jobber app.
    jobber: SecretStr | None = None
    # The webhook signing secret of the tenant's Housecall Pro account.
    housecallpro: SecretStr | None = None


class Settings(TwilioSettings):
    """Settings of the ingress service (environment variables, upper-cased)."""

    service_name: str = "ingress"
    http_port: int = 8080
    # Twilio's largest webhook (an SMS with ten media) is a few kilobytes.
    max_body_bytes: int = 65536
    # Tenant id -> CRM signing secrets, as JSON in CRM_SECRETS. Kept here, not in
    # the tenants bucket, because every service reads that bucket and only
    # ingress needs these; adding a tenant's CRM means restarting ingress.
    crm_secrets: dict[str, CrmSecrets] = {}

    def crm_secret(self, tenant_id: str, vendor: str) -> str | None:
        """The key `vendor` (jobber, housecallpro) signs `tenant_id`'s webhooks with."""
        secrets = self.crm_secrets.get(tenant_id)
        secret = getattr(secrets, vendor, None) if secrets else None
        return secret.get_secret_value() if secret else None

"""Every route of the dashboard's OpenAPI, with a valid request for each.

The security tests walk these: a route added without a request here fails
them, so no route escapes the isolation and authentication checks.
"""

from dataclasses import dataclass

from fastapi import FastAPI

METHODS = ("get", "put", "post", "patch", "delete")


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    # "TenantKey", "AdminKey", or None for a public route.
    scheme: str | None

    def url(self, **values: str) -> str:
        return self.path.format(**values)


def operations(app: FastAPI) -> list[Operation]:
    found = []
    for path, item in app.openapi()["paths"].items():
        for method in METHODS:
            if method in item:
                security = item[method].get("security") or [{}]
                scheme = next(iter(security[0]), None)
                found.append(Operation(method, path, scheme))
    return found


def valid_bodies(number: str, customer: str) -> dict[tuple[str, str], dict | None]:
    """A body each route accepts, about the given number and customer."""
    template = "{business}: sorry we missed you! Reply STOP to opt out."
    return {
        ("post", "/v1/admin/tenants"): {
            "tenant_id": "walked-in",
            "identity": {
                "name": "Walk-in Heating",
                "mailing_address": "1 Front St, Toronto ON",
                "phone": "+14165550198",
            },
            "numbers": [{"number": number}],
        },
        ("post", "/v1/admin/tenants/{tenant_id}/api-key"): None,
        ("get", "/v1/tenant"): None,
        ("put", "/v1/tenant/identity"): {
            "name": "Changed Name",
            "mailing_address": "2 Changed Ave, Toronto ON",
            "phone": "+14165550197",
        },
        ("put", "/v1/tenant/numbers"): {
            "numbers": [{"number": number, "mode": "dial"}]
        },
        ("put", "/v1/tenant/owner-phone"): {"owner_phone": customer},
        ("put", "/v1/tenant/languages"): {"languages": ["en", "fr"]},
        ("put", "/v1/tenant/hours"): {
            "hours": [{"day": "mon", "opens": "08:00", "closes": "17:00"}]
        },
        ("put", "/v1/tenant/textback"): {"templates": {"en": template}},
        ("put", "/v1/tenant/reviews"): {"enabled": False},
        ("put", "/v1/tenant/knowledge"): {"faq": [{"question": "Q?", "answer": "A."}]},
        ("get", "/v1/missed-calls"): None,
        ("get", "/v1/threads"): None,
        ("get", "/v1/threads/{customer}"): None,
        ("get", "/v1/jobs"): None,
        ("get", "/v1/bookings"): None,
        ("get", "/v1/reviews"): None,
        ("get", "/v1/reviews/stats"): None,
        ("get", "/v1/opt-outs"): None,
        ("get", "/v1/consents"): None,
        ("get", "/v1/consents/export.csv"): None,
        ("post", "/v1/messages"): {"to": customer, "body": "Your part arrived."},
        ("get", "/v1/messages/{request_id}"): None,
        ("post", "/v1/threads/{customer}/take-over"): None,
        ("post", "/v1/threads/{customer}/give-back"): None,
        ("post", "/v1/jobs/{job_id}/complete"): {"customer": customer},
        ("get", "/p/{tenant_id}"): None,
    }

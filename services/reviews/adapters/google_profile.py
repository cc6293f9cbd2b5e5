"""The Google Business Profile API, as far as rating tracking needs it.

One call: `GET {base}/v4/accounts/{account}/locations/{location}/reviews`
(pageSize up to 50, pageToken, orderBy "updateTime desc"), whose answer holds
`reviews[]` (reviewId, starRating ONE..FIVE, createTime, updateTime),
`averageRating`, `totalReviewCount` and, when more pages exist, `nextPageToken`.
"""

import logging
import re
from datetime import datetime

import httpx

from services.reviews.adapters.google_tokens import AccessTokens, GoogleUnavailable
from services.reviews.domain.ratings import GoogleReview, ProfileSnapshot

__all__ = ["GoogleBusinessProfile", "GoogleUnavailable"]

logger = logging.getLogger(__name__)

PAGE_SIZE = 50
# Two hundred reviews changed between two samples is far beyond a small
# business's pace; past that, the oldest changes are left for the trend only.
MAX_PAGES = 4
STARS = {"ONE": 1, "TWO": 2, "THREE": 3, "FOUR": 4, "FIVE": 5}
# Google writes up to nine fractional digits; Python reads up to six.
_FRACTION = re.compile(r"(\.\d{6})\d+")


class GoogleBusinessProfile:
    def __init__(
        self,
        base_url: str,
        tokens: AccessTokens,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        self._base_url = base_url.rstrip("/")
        self._tokens = tokens
        self._client = client or httpx.AsyncClient(timeout=10.0)

    async def close(self) -> None:
        await self._client.aclose()

    async def snapshot(
        self, account_id: str, location_id: str, since: datetime | None
    ) -> ProfileSnapshot:
        """Rating, count, and every review updated after `since` (none if None)."""
        url = (
            f"{self._base_url}/v4/accounts/{account_id}/locations/{location_id}/reviews"
        )
        params = {"pageSize": str(PAGE_SIZE), "orderBy": "updateTime desc"}
        first: dict | None = None
        reviews: list[GoogleReview] = []

        for _ in range(MAX_PAGES):
            page = await self._get(url, params)
            first = first or page
            found = [parse_review(raw) for raw in page.get("reviews", [])]
            reviews += [r for r in found if since is not None and r.updated_at > since]

            # Newest updates come first: a page reaching back past `since` is the last.
            token = page.get("nextPageToken")
            if since is None or not token or not found or found[-1].updated_at <= since:
                break
            params = {**params, "pageToken": token}

        return ProfileSnapshot(
            average_rating=first.get("averageRating"),
            total_review_count=int(first.get("totalReviewCount", 0)),
            reviews=tuple(reviews),
        )

    async def _get(self, url: str, params: dict[str, str]) -> dict:
        response = await self._authorised_get(url, params)
        if response.status_code == 401:
            # Revoked or expired before its time: one more try with a new token.
            response = await self._authorised_get(url, params)
        if response.status_code != 200:
            raise GoogleUnavailable(
                f"reviews.list answered {response.status_code}: {response.text[:200]}"
            )
        return response.json()

    async def _authorised_get(self, url: str, params: dict[str, str]) -> httpx.Response:
        token = await self._tokens.token()
        headers = {"Authorization": f"Bearer {token}"}
        try:
            response = await self._client.get(url, params=params, headers=headers)
        except httpx.HTTPError as error:
            raise GoogleUnavailable(f"reviews.list failed: {error!r}") from error
        if response.status_code == 401:
            self._tokens.refused(token)
        return response


def parse_review(raw: dict) -> GoogleReview:
    return GoogleReview(
        review_id=raw["reviewId"],
        stars=STARS.get(raw.get("starRating", "")),
        created_at=parse_time(raw["createTime"]),
        updated_at=parse_time(raw.get("updateTime") or raw["createTime"]),
    )


def parse_time(text: str) -> datetime:
    """An RFC 3339 timestamp as Google writes it ("2024-05-01T12:00:00.123456789Z")."""
    return datetime.fromisoformat(_FRACTION.sub(r"\1", text).replace("Z", "+00:00"))

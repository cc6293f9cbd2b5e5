"""A local Google Business Profile API: the one call rating tracking makes.

`GET /v4/accounts/{account}/locations/{location}/reviews` answers as Google's
`reviews.list` does: `reviews[]` (name, reviewId, reviewer, starRating,
comment, createTime, updateTime), `averageRating`, `totalReviewCount`, and
`nextPageToken` while pages remain; pageSize (at most 50), pageToken and
orderBy ("updateTime desc", "rating", "rating desc"). It wants the configured
OAuth bearer token, or one it issued and that has not expired, and answers
errors in Google's shape. `POST /token` is Google's OAuth token endpoint for
the refresh-token grant: form fields grant_type, client_id, client_secret and
refresh_token; `{"access_token", "expires_in", "token_type", "scope"}` back, or
`{"error", "error_description"}` with 400 or 401. A control API (not Google's)
adds locations and reviews and expires issued tokens:
`python -m sandbox.google_api --port N`.
"""

import argparse
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Annotated

import uvicorn
from fastapi import FastAPI, Form, Header, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

MAX_PAGE_SIZE = 50
STAR_NAMES = {1: "ONE", 2: "TWO", 3: "THREE", 4: "FOUR", 5: "FIVE"}
STAR_NUMBERS = {name: number for number, name in STAR_NAMES.items()}
ORDERS = {"updateTime desc", "rating", "rating desc"}


BUSINESS_SCOPE = "https://www.googleapis.com/auth/business.manage"


@dataclass
class GoogleState:
    access_token: str = "sandbox-google-token"
    # (account, location) -> reviews in Google's JSON shape.
    locations: dict[tuple[str, str], list[dict]] = field(default_factory=dict)
    calls: int = 0
    # The OAuth client and the refresh token that /token accepts.
    client_id: str = "sandbox-client"
    client_secret: str = "sandbox-secret"
    refresh_token: str = "sandbox-refresh-token"
    token_lifetime_seconds: int = 3599
    # Access tokens /token issued, and when each expires (monotonic seconds).
    issued: dict[str, float] = field(default_factory=dict)
    refreshes: int = 0

    def issue_token(self) -> str:
        token = f"ya29.{uuid.uuid4().hex}"
        self.issued[token] = time.monotonic() + self.token_lifetime_seconds
        self.refreshes += 1
        return token

    def accepts(self, authorization: str | None) -> bool:
        scheme, _, token = (authorization or "").partition(" ")
        if scheme != "Bearer":
            return False
        if token == self.access_token:
            return True
        return self.issued.get(token, 0.0) > time.monotonic()

    def add_review(
        self, account: str, location: str, stars: int, at: datetime, comment: str = ""
    ) -> dict:
        review_id = uuid.uuid4().hex
        stamp = at.astimezone(UTC).isoformat().replace("+00:00", "Z")
        review = {
            "name": f"accounts/{account}/locations/{location}/reviews/{review_id}",
            "reviewId": review_id,
            "reviewer": {"displayName": "A customer", "isAnonymous": False},
            "starRating": STAR_NAMES[stars],
            "comment": comment,
            "createTime": stamp,
            "updateTime": stamp,
        }
        self.locations.setdefault((account, location), []).append(review)
        return review


class NewReview(BaseModel):
    stars: int = Field(ge=1, le=5)
    comment: str = ""
    # When the review was written; now if not given.
    create_time: datetime | None = None


def google_error(status: int, code: str, message: str) -> JSONResponse:
    body = {"error": {"code": status, "message": message, "status": code}}
    return JSONResponse(body, status_code=status)


def create_app(state: GoogleState) -> FastAPI:
    app = FastAPI(title="Google Business Profile sandbox", docs_url=None)

    @app.get("/v4/accounts/{account}/locations/{location}/reviews")
    async def list_reviews(
        account: str,
        location: str,
        authorization: Annotated[str | None, Header()] = None,
        page_size: Annotated[int, Query(alias="pageSize", ge=1)] = MAX_PAGE_SIZE,
        page_token: Annotated[str | None, Query(alias="pageToken")] = None,
        order_by: Annotated[str, Query(alias="orderBy")] = "updateTime desc",
    ) -> JSONResponse:
        """Google's reviews.list: one page of a location's reviews, and its rating."""
        state.calls += 1
        if not state.accepts(authorization):
            return google_error(401, "UNAUTHENTICATED", "The credentials are invalid.")
        reviews = state.locations.get((account, location))
        if reviews is None:
            return google_error(404, "NOT_FOUND", "No such location.")
        if order_by not in ORDERS or not (page_token or "0").isdigit():
            return google_error(400, "INVALID_ARGUMENT", "An argument is invalid.")

        ordered = sorted(reviews, key=sort_key(order_by), reverse=order_by != "rating")
        start, size = int(page_token or 0), min(page_size, MAX_PAGE_SIZE)
        page = ordered[start : start + size]
        body: dict = {"totalReviewCount": len(reviews)}
        if page:
            body["reviews"] = page
        if reviews:
            stars = [STAR_NUMBERS[r["starRating"]] for r in reviews]
            body["averageRating"] = round(sum(stars) / len(stars), 1)
        if start + size < len(ordered):
            body["nextPageToken"] = str(start + size)
        return JSONResponse(body)

    @app.post("/token")
    async def token(
        grant_type: Annotated[str, Form()] = "",
        client_id: Annotated[str, Form()] = "",
        client_secret: Annotated[str, Form()] = "",
        refresh_token: Annotated[str, Form()] = "",
    ) -> JSONResponse:
        """Google's OAuth token endpoint, refresh-token grant only."""
        if grant_type != "refresh_token":
            return oauth_error(400, "unsupported_grant_type", "Invalid grant_type")
        if (client_id, client_secret) != (state.client_id, state.client_secret):
            return oauth_error(401, "invalid_client", "Unauthorized")
        if refresh_token != state.refresh_token:
            return oauth_error(400, "invalid_grant", "Bad Request")
        body = {
            "access_token": state.issue_token(),
            "expires_in": state.token_lifetime_seconds,
            "token_type": "Bearer",
            "scope": BUSINESS_SCOPE,
        }
        return JSONResponse(body, headers={"Cache-Control": "no-store"})

    @app.post("/_google/expire-tokens", status_code=204)
    async def expire_tokens() -> None:
        """Control API: every issued access token runs out now."""
        state.issued = dict.fromkeys(state.issued, 0.0)

    @app.put("/_google/locations/{account}/{location}", status_code=204)
    async def add_location(account: str, location: str) -> None:
        """Control API: a verified location with no review yet."""
        state.locations.setdefault((account, location), [])

    @app.post("/_google/locations/{account}/{location}/reviews", status_code=201)
    async def add_review(account: str, location: str, new: NewReview) -> dict:
        """Control API: a customer writes a review."""
        at = new.create_time or datetime.now(UTC)
        return state.add_review(account, location, new.stars, at, new.comment)

    @app.get("/_google/health", include_in_schema=False)
    async def health() -> dict:
        return {"status": "ok", "calls": state.calls}

    return app


def oauth_error(status: int, error: str, description: str) -> JSONResponse:
    body = {"error": error, "error_description": description}
    return JSONResponse(body, status_code=status)


def sort_key(order_by: str):
    if order_by.startswith("rating"):
        return lambda review: STAR_NUMBERS[review["starRating"]]
    return lambda review: review["updateTime"]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m sandbox.google_api",
        description="Serve a local Google Business Profile API.",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8098)
    parser.add_argument("--token", default=GoogleState.access_token)
    args = parser.parse_args(argv)
    app = create_app(GoogleState(access_token=args.token))
    uvicorn.run(app, host=args.host, port=args.port, access_log=False, log_config=None)


if __name__ == "__main__":
    main()

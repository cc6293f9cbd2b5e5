"""Wires the reviews service: stores, handlers, subscribers, schedules and HTTP app."""

import logging
from datetime import timedelta

import httpx
from fastapi import FastAPI

from libs.clock import clock_from
from libs.periodic import Every
from libs.runtime import Runtime
from services.reviews.adapters.google_profile import GoogleBusinessProfile
from services.reviews.adapters.google_tokens import (
    AccessTokens,
    FixedToken,
    RefreshedTokens,
)
from services.reviews.adapters.mongo_ratings import MongoRatingStore
from services.reviews.adapters.mongo_requests import MongoRequestStore
from services.reviews.api import create_app
from services.reviews.config import Settings
from services.reviews.entrypoint import subscribe
from services.reviews.handlers import ReviewRequests
from services.reviews.stats import ReviewStats
from services.reviews.tracking import RatingTracker

logger = logging.getLogger(__name__)


def build(settings: Settings) -> tuple[Runtime, FastAPI]:
    runtime = Runtime(settings)
    db = runtime.use_mongo()
    clock = clock_from(settings.environment, settings.clock_offset_file)
    requests = MongoRequestStore(db)
    ratings = MongoRatingStore(db)
    handlers = ReviewRequests(
        requests, runtime.directory, runtime.publisher, clock, settings.links_at
    )
    reminders = Every(
        "review-reminders", settings.reminder_scan_interval_seconds, handlers.remind_due
    )

    subscribe(runtime, handlers)
    runtime.on_start += [requests.prepare, ratings.prepare, reminders.start]
    runtime.on_stop.append(reminders.stop)
    _track_ratings(settings, runtime, ratings, requests, clock)

    stats = ReviewStats(requests, ratings, runtime.directory)
    app = create_app(settings, handlers, stats, clock, ready=runtime.ready)
    return runtime, app


def _track_ratings(settings, runtime, ratings, requests, clock) -> None:
    if settings.google_refresh_token is None and settings.google_access_token is None:
        logger.info("no Google credentials: Google ratings are not sampled")
        return

    client = httpx.AsyncClient(timeout=10.0)
    google = GoogleBusinessProfile(
        settings.google_api_base_url, google_tokens(settings, client), client
    )
    tracker = RatingTracker(
        ratings,
        requests,
        runtime.directory,
        google,
        runtime.publisher,
        clock,
        settings.rating_sample_interval_seconds,
        timedelta(days=settings.attribution_window_days),
    )
    sampling = Every(
        "rating-samples", settings.rating_sample_interval_seconds, tracker.sample_all
    )
    runtime.on_start.append(sampling.start)
    runtime.on_stop += [sampling.stop, google.close]


def google_tokens(settings: Settings, client: httpx.AsyncClient) -> AccessTokens:
    """Tokens renewed from the refresh token if there is one, else the fixed token."""
    if settings.google_refresh_token is not None:
        return RefreshedTokens(
            settings.google_oauth_token_url,
            settings.google_client_id,
            settings.google_client_secret.get_secret_value(),
            settings.google_refresh_token.get_secret_value(),
            client,
        )
    return FixedToken(settings.google_access_token.get_secret_value())

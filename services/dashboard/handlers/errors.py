"""What a use case can refuse; the routes turn each into its HTTP status."""


class DashboardError(Exception):
    status_code = 400

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class NotFound(DashboardError):
    status_code = 404


class Conflict(DashboardError):
    status_code = 409


class Refused(DashboardError):
    """The change is understood but not allowed (the owner can fix it)."""

    status_code = 422


class Unavailable(DashboardError):
    """The broker or the bucket did not answer; the client may retry."""

    status_code = 503

"""The embedded stack: real NATS and MongoDB-wire servers, started by the project.

Used by `make run` and by the integration and end-to-end tests. Production does
not use any of this; it points the same services at real servers by URL.
"""

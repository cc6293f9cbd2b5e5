"""Tenant API keys: random, shown once, stored only as a digest.

A key holds 256 random bits, so nobody can guess it or brute-force it from its
digest; a slow password hash (scrypt, bcrypt) protects low-entropy secrets that
people choose, and would only add CPU to every request here. A plain SHA-256
digest also lets a request find its key with one indexed lookup.
"""

import hashlib
import hmac
import secrets

PREFIX = "rbk_"


def new_key() -> str:
    """A fresh API key; the prefix makes a leaked key easy to spot in a scan."""
    return PREFIX + secrets.token_urlsafe(32)


def digest(key: str) -> str:
    """What the store keeps and looks up: never the key itself."""
    return hashlib.sha256(key.encode()).hexdigest()


def same_secret(given: str, expected: str) -> bool:
    """Constant-time comparison, so timing tells nothing about the expected key."""
    return hmac.compare_digest(given.encode(), expected.encode())

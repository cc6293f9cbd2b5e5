"""Fixtures shared by every tier.

The embedded servers are started once per test session on free ports; every
test gets its own namespace (streams, buckets, durables) and its own databases,
so tests never see each other's messages or documents.
"""

import os
import shutil
import tempfile
import uuid
from pathlib import Path

import pytest

from libs.devstack.servers import EmbeddedMongo, EmbeddedNats


@pytest.fixture(scope="session")
def data_root():
    root = Path(tempfile.mkdtemp(prefix="ringback-tests-"))
    yield root
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def nats_server(data_root):
    server = EmbeddedNats(data_dir=data_root / "nats").start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def mongo_url(data_root):
    """A real MongoDB when MONGODB_URL is set, else the embedded nx-27017."""
    if os.environ.get("MONGODB_URL"):
        yield os.environ["MONGODB_URL"]
        return
    server = EmbeddedMongo(data_dir=data_root / "mongo").start()
    yield server.url
    server.stop()


@pytest.fixture
def namespace() -> str:
    """A prefix no other test uses, for subjects, streams, buckets and databases."""
    return "t" + uuid.uuid4().hex[:10]

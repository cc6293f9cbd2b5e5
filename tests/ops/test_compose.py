"""The one-host compose file: servers, every service, monitoring, all wired alike.

Docker is not available to the tests, so this checks what `docker compose
config` would, and what the services need to start: their command, port,
servers, and the files mounted from deploy/.
"""

import re
from pathlib import Path

import pytest
import yaml

from tests.ops.deploy_files import DEPLOY, PROMETHEUS, service_names

COMPOSE_DIR = DEPLOY / "compose"
COMPOSE = yaml.safe_load((COMPOSE_DIR / "compose.yaml").read_text())
SERVICES = COMPOSE["services"]
REQUIRED = re.compile(r"\$\{(\w+):\?")
ANY_VARIABLE = re.compile(r"\$\{(\w+)")


def scrape_targets(config: Path) -> dict[str, str]:
    jobs = yaml.safe_load(config.read_text())["scrape_configs"]
    return {
        job["job_name"]: job["static_configs"][0]["targets"][0]
        for job in jobs
        if "static_configs" in job
    }


def test_nats_runs_with_jetstream_on_a_volume():
    nats = SERVICES["nats"]

    assert "-js" in nats["command"]
    store = nats["command"][nats["command"].index("-sd") + 1]
    assert any(volume.endswith(f":{store}") for volume in nats["volumes"])


def test_mongodb_is_a_replica_set_that_an_init_job_initiates():
    mongo, init = SERVICES["mongo"], SERVICES["mongo-init"]

    replica_set = mongo["command"][mongo["command"].index("--replSet") + 1]
    script = " ".join(init["entrypoint"])
    assert "rs.initiate" in script and f"_id: '{replica_set}'" in script
    assert init["depends_on"]["mongo"]["condition"] == "service_healthy"
    assert init["restart"] == "no"


@pytest.mark.parametrize("name", sorted(service_names()))
def test_every_service_runs_its_module_once_the_servers_are_ready(name):
    service = SERVICES[name]

    assert service["command"] == ["python", "-m", f"services.{name}"]
    assert service["environment"]["SERVICE_NAME"] == name
    assert service["depends_on"]["nats"]["condition"] == "service_healthy"
    assert (
        service["depends_on"]["mongo-init"]["condition"]
        == "service_completed_successfully"
    )
    assert "replicaSet=" in service["environment"]["MONGODB_URL"]


@pytest.mark.parametrize("name", sorted(service_names()))
def test_prometheus_scrapes_every_service_on_the_port_it_listens_on(name):
    port = SERVICES[name]["environment"]["HTTP_PORT"]

    assert scrape_targets(PROMETHEUS / "prometheus.yml")[name] == f"{name}:{port}"


@pytest.mark.parametrize("name", sorted(service_names()))
def test_every_service_listens_on_the_port_make_run_gives_it(name):
    from libs.devstack.stack import Ports

    assert SERVICES[name]["environment"]["HTTP_PORT"] == str(
        Ports.well_known().services[name]
    )


def test_a_stopping_service_is_given_longer_than_its_own_drain():
    from libs.runtime import GRACEFUL_SECONDS

    for name in service_names():
        grace = SERVICES[name]["stop_grace_period"]
        assert int(grace.rstrip("s")) > GRACEFUL_SECONDS


def test_prometheus_and_grafana_mount_files_that_exist():
    for name in ("prometheus", "grafana"):
        for volume in SERVICES[name]["volumes"]:
            source = volume.split(":")[0]
            if source.startswith("."):
                assert (COMPOSE_DIR / source).resolve().is_dir(), volume
    assert (
        "--config.file=/etc/prometheus/prometheus.yml"
        in SERVICES["prometheus"]["command"]
    )


def test_every_required_setting_is_in_the_example_environment():
    text = (COMPOSE_DIR / "compose.yaml").read_text()
    example = (COMPOSE_DIR / "env.example").read_text()
    listed = set(re.findall(r"^(\w+)=", example, re.M))

    assert set(REQUIRED.findall(text)) <= listed
    assert set(ANY_VARIABLE.findall(text)) <= listed


def test_every_named_volume_is_declared():
    declared = set(COMPOSE["volumes"])

    for service in SERVICES.values():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if not source.startswith((".", "/")):
                assert source in declared, volume

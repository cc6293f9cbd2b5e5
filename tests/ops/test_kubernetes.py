"""The Kubernetes manifests, checked offline: kinds, required fields and wiring.

No cluster is at hand, so these check what `kubectl apply --dry-run` and KEDA
would refuse, and what operators count on: probes and limits on every
service, a 3-node NATS JetStream cluster, a MongoDB replica set, and scaling
rules that name real Deployments and real durable consumers.
"""

import re

import pytest
import yaml

from libs.events import Message
from libs.runtime import GRACEFUL_SECONDS
from libs.subjects import Names
from tests.ops.deploy_files import (
    DEPLOY,
    PROMETHEUS,
    service_names,
    subscriber_purposes,
    yaml_documents,
)

K8S = DEPLOY / "k8s"
KUSTOMIZATION = yaml.safe_load((K8S / "kustomization.yaml").read_text())
DOCUMENTS = [
    doc for name in KUSTOMIZATION["resources"] for doc in yaml_documents(K8S / name)
]
API_VERSIONS = {
    "Namespace": "v1",
    "ConfigMap": "v1",
    "Service": "v1",
    "StatefulSet": "apps/v1",
    "Deployment": "apps/v1",
    "Job": "batch/v1",
    "PodDisruptionBudget": "policy/v1",
    "ScaledObject": "keda.sh/v1alpha1",
}
NAMES = Names(yaml_documents(K8S / "config.yaml")[0]["data"]["NAMESPACE"])


def of_kind(kind: str) -> dict[str, dict]:
    return {d["metadata"]["name"]: d for d in DOCUMENTS if d["kind"] == kind}


def container(workload: dict) -> dict:
    return workload["spec"]["template"]["spec"]["containers"][0]


def message_type(name: str) -> type[Message]:
    found = {cls.__name__: cls for cls in _subclasses(Message)}
    return found[name]


def _subclasses(cls: type) -> list[type]:
    import importlib
    import pkgutil

    import libs

    for module in pkgutil.iter_modules(libs.__path__):
        if module.name.endswith("events"):
            importlib.import_module(f"libs.{module.name}")
    direct = cls.__subclasses__()
    return direct + [sub for child in direct for sub in _subclasses(child)]


def test_every_listed_file_exists_and_every_document_is_a_known_kind():
    assert {path.name for path in K8S.glob("*.yaml")} - {"kustomization.yaml"} == set(
        KUSTOMIZATION["resources"]
    )
    for doc in DOCUMENTS:
        assert doc["apiVersion"] == API_VERSIONS[doc["kind"]], doc["metadata"]
        assert doc["metadata"]["name"]
        if doc["kind"] != "Namespace":
            assert doc["metadata"]["namespace"] == "ringback"


def test_workloads_select_the_pods_they_template():
    for kind in ("Deployment", "StatefulSet"):
        for name, workload in of_kind(kind).items():
            selector = workload["spec"]["selector"]["matchLabels"]
            labels = workload["spec"]["template"]["metadata"]["labels"]
            assert selector.items() <= labels.items(), name


def test_every_service_selector_matches_some_workload():
    pod_labels = [
        w["spec"]["template"]["metadata"]["labels"]
        for kind in ("Deployment", "StatefulSet")
        for w in of_kind(kind).values()
    ]
    for name, service in of_kind("Service").items():
        selector = service["spec"]["selector"]
        assert any(selector.items() <= labels.items() for labels in pod_labels), name


def test_nats_is_a_three_node_jetstream_cluster_with_its_own_storage():
    nats = of_kind("StatefulSet")["nats"]
    config = of_kind("ConfigMap")["nats-config"]["data"]["nats.conf"]

    assert nats["spec"]["replicas"] == 3
    assert nats["spec"]["volumeClaimTemplates"]
    assert "jetstream" in config and "cluster" in config
    routes = re.findall(r"nats-route://(nats-\d)\.", config)
    assert sorted(routes) == ["nats-0", "nats-1", "nats-2"]
    config_map = yaml_documents(K8S / "config.yaml")[0]["data"]
    assert config_map["STREAM_REPLICAS"] == "3"


def test_mongodb_is_a_three_member_replica_set_initiated_by_a_job():
    mongo = of_kind("StatefulSet")["mongodb"]
    script = " ".join(container(of_kind("Job")["mongodb-init"])["command"])
    replica_set = container(mongo)["args"][
        container(mongo)["args"].index("--replSet") + 1
    ]

    assert mongo["spec"]["replicas"] == 3
    assert "rs.initiate" in script and f"_id: '{replica_set}'" in script
    assert len(re.findall(r"host: 'mongodb-\d", script)) == 3
    url = yaml_documents(K8S / "config.yaml")[0]["data"]["MONGODB_URL"]
    assert f"replicaSet={replica_set}" in url


@pytest.mark.parametrize("name", sorted(service_names()))
def test_every_service_is_a_deployment_with_probes_and_limits(name):
    deployment = of_kind("Deployment")[name]
    spec = container(deployment)
    port = {p["name"]: p["containerPort"] for p in spec["ports"]}["http"]
    env = {e["name"]: e.get("value") for e in spec["env"]}

    assert spec["command"] == ["python", "-m", f"services.{name}"]
    assert env["SERVICE_NAME"] == name and env["HTTP_PORT"] == str(port)
    assert spec["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert spec["readinessProbe"]["httpGet"]["path"] == "/readyz"
    for part in ("requests", "limits"):
        assert {"cpu", "memory"} <= spec["resources"][part].keys()
    grace = deployment["spec"]["template"]["spec"]["terminationGracePeriodSeconds"]
    assert grace > GRACEFUL_SECONDS


@pytest.mark.parametrize("name", sorted(service_names()))
def test_prometheus_in_the_cluster_finds_every_service_on_its_port(name):
    jobs = {
        job["job_name"]: job["dns_sd_configs"][0]
        for job in yaml.safe_load((PROMETHEUS / "prometheus-k8s.yml").read_text())[
            "scrape_configs"
        ]
    }
    spec = container(of_kind("Deployment")[name])
    port = {p["name"]: p["containerPort"] for p in spec["ports"]}["http"]

    assert jobs[name]["port"] == port
    assert jobs[name]["names"] == [f"{name}-pods.ringback.svc.cluster.local"]
    assert of_kind("Service")[f"{name}-pods"]["spec"]["clusterIP"] == "None"


def test_every_secret_a_pod_reads_comes_from_the_documented_secret():
    documented = (K8S / "config.yaml").read_text()

    for deployment in of_kind("Deployment").values():
        for env in container(deployment).get("env", []):
            ref = env.get("valueFrom", {}).get("secretKeyRef")
            if ref:
                assert ref["name"] == "ringback-secrets"
                assert f"{ref['key']}=" in documented, ref["key"]


def test_every_scaled_object_targets_a_deployment_and_a_real_durable_consumer():
    deployments = of_kind("Deployment")
    scaled = of_kind("ScaledObject")
    assert scaled

    for name, scaler in scaled.items():
        target = scaler["spec"]["scaleTargetRef"]["name"]
        assert target in deployments, name
        assert scaler["spec"]["minReplicaCount"] >= 1
        for trigger in scaler["spec"]["triggers"]:
            if trigger["type"] != "nats-jetstream":
                continue
            meta = trigger["metadata"]
            purposes = subscriber_purposes(target)
            purpose = meta["consumer"].removeprefix(f"{NAMES.namespace}-{target}-")
            assert purpose in purposes, f"{meta['consumer']} is no durable of {target}"
            assert meta["consumer"] == NAMES.durable(target, purpose)
            kind = message_type(purposes[purpose])
            stream = (
                NAMES.commands_stream if kind.category == "cmd" else NAMES.events_stream
            )
            assert meta["stream"] == stream
            assert meta["natsServerMonitoringEndpoint"].startswith("nats.ringback.")
            assert int(meta["lagThreshold"]) > 0

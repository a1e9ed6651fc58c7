"""Version and licence detection, from ``GET /`` and ``GET /_license`` bodies written
here in their documented shape."""

import pytest

from matchhub.search.backends.elasticsearch.server import (
    ServerInfo,
    UnsupportedServerError,
    client_problem,
    parse_version,
    server_info,
    use_server_fusion,
)


def info(number, **extra):
    return {"name": "node-1", "cluster_name": "docker-cluster",
            "version": {"number": number, "build_flavor": "default", **extra},
            "tagline": "You Know, for Search"}


def licence(kind, status="active"):
    return {"license": {"status": status, "type": kind, "uid": "x"}}


def test_parse_version():
    assert parse_version("8.15.3") == (8, 15, 3)
    assert parse_version("9.0.0-SNAPSHOT") == (9, 0, 0)
    with pytest.raises(UnsupportedServerError):
        parse_version("")


def test_server_info_reads_version_and_licence():
    server = server_info(info("8.15.3"), licence("basic"))
    assert server == ServerInfo((8, 15, 3), "basic")
    assert server.major == 8 and server.version_text == "8.15.3"
    assert server_info(info("9.1.0"), None).licence is None
    assert server_info(info("8.16.0"), licence("trial", status="expired")).licence is None


def test_unsupported_servers():
    with pytest.raises(UnsupportedServerError, match="too old"):
        server_info(info("7.17.9"))
    with pytest.raises(UnsupportedServerError, match="OpenSearch"):
        server_info(info("2.11.0", distribution="opensearch"))


def test_rrf_retriever_needs_816_and_an_enterprise_or_trial_licence():
    assert ServerInfo((8, 16, 0), "enterprise").has_rrf_retriever
    assert ServerInfo((9, 0, 1), "trial").has_rrf_retriever
    assert not ServerInfo((8, 15, 3), "enterprise").has_rrf_retriever
    assert not ServerInfo((8, 17, 0), "basic").has_rrf_retriever
    assert not ServerInfo((9, 0, 0), None).has_rrf_retriever


def test_client_major_must_not_exceed_the_servers():
    problem = client_problem((9, 5, 1), ServerInfo((8, 15, 3)))
    assert problem and 'pip install "elasticsearch>=8.13,<9"' in problem
    assert client_problem((8, 19, 0), ServerInfo((8, 15, 3))) is None
    assert client_problem((8, 19, 0), ServerInfo((9, 1, 0))) is None  # compatibility mode
    assert client_problem((9, 1, 0), ServerInfo((9, 1, 0))) is None


def test_server_fusion_setting():
    rrf_server, basic = ServerInfo((8, 16, 0), "enterprise"), ServerInfo((8, 16, 0), "basic")
    assert use_server_fusion("auto", rrf_server, "rrf", 0.5)
    assert not use_server_fusion("auto", basic, "rrf", 0.5)
    assert not use_server_fusion("auto", rrf_server, "rrf", 0.7)  # weights: client side
    assert not use_server_fusion("auto", rrf_server, "weighted", 0.5)
    assert use_server_fusion("server", basic, "rrf", 0.5)
    assert not use_server_fusion("client", rrf_server, "rrf", 0.5)
    with pytest.raises(ValueError):
        use_server_fusion("sometimes", basic, "rrf", 0.5)

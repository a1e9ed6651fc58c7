"""SIGTERM handling does not leak: ``indexer run`` restores the handlers it replaced, and
analysis pool workers act on SIGTERM by default whatever their parent installed (a
worker that ignored it left ``Pool.terminate`` waiting forever)."""

import signal

from matchhub.search.backends.embedded.tokens import default_signals


def test_indexer_run_restores_the_signal_handlers(app):
    before = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    result = app.test_cli_runner().invoke(args=["indexer", "run", "--once"])
    assert result.exit_code == 0, result.output
    assert {sig: signal.getsignal(sig) for sig in before} == before


def test_pool_workers_start_with_default_signal_handling():
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    signal.signal(signal.SIGTERM, lambda *_: None)
    try:
        default_signals()
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
        assert signal.getsignal(signal.SIGINT) is signal.SIG_DFL
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)

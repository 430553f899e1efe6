"""The Dask pipeline gives the local report on a LocalCluster."""

from __future__ import annotations

from pathlib import Path

import pytest

import factcheck

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"


def _strip(report: factcheck.Report) -> dict:
    data = report.to_dict()
    data["stats"].pop("seconds")
    return data


def test_dask_local_cluster_gives_the_local_report() -> None:
    """compare_dask on a two-worker LocalCluster equals factcheck.compare on the seed articles."""
    distributed = pytest.importorskip("dask.distributed", reason="the dask extra is not installed")
    from factcheck.distributed import compare_dask

    docs = factcheck.load(SEEDS)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        remote = compare_dask(docs, client=client, npartitions=3)
    assert _strip(remote) == _strip(factcheck.compare(docs))


def test_dask_without_a_client_uses_the_default_scheduler() -> None:
    """Without a client the bag runs on Dask's default scheduler with the same result."""
    pytest.importorskip("dask.bag", reason="the dask extra is not installed")
    from factcheck.distributed import compare_dask

    docs = factcheck.load(SEEDS)
    assert _strip(compare_dask(docs, npartitions=2)) == _strip(factcheck.compare(docs))

"""Executors: run payloads (execute.execute) and yield their records as they finish.

    local   a process pool (concurrent.futures, `jobs` workers); with jobs = 1 the runs execute
            in this process, one after another
    dask    Dask distributed: a scheduler at `scheduler` (tcp://HOST:PORT), or without one a
            LocalCluster of `jobs` single-threaded worker processes on the loopback interface

Records come back in completion order; the runner stores them by key and orders every output
by the experiment's run order, so results do not depend on the executor or the timing.
"""
import multiprocessing
import uuid
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Iterable, Iterator, Optional

from pyvirt.errors import PyvirtError
from pyvirt.experiments.execute import execute, execute_parts

EXECUTORS = ("local", "dask")


def make(name: str, jobs: int, scheduler: Optional[str] = None):
    if name == "local":
        if scheduler:
            raise PyvirtError("--scheduler needs --executor dask")
        return LocalExecutor(jobs)
    if name == "dask":
        return DaskExecutor(jobs, scheduler)
    raise PyvirtError(f"unknown executor '{name}' (choose from {', '.join(EXECUTORS)})")


class LocalExecutor:
    name = "local"

    def __init__(self, jobs: int):
        self.jobs = max(1, jobs)

    def describe(self) -> dict:
        return {"executor": "local", "jobs": self.jobs}

    def run(self, payloads: Iterable[dict], total: int) -> Iterator[dict]:
        if self.jobs == 1 or total <= 1:
            for payload in payloads:
                yield execute(payload)
            return
        context = multiprocessing.get_context("forkserver")
        pool = ProcessPoolExecutor(max_workers=min(self.jobs, total), mp_context=context)
        pending = set()
        source = iter(payloads)
        try:
            while True:
                while len(pending) < 2 * self.jobs:       # a bounded window: payloads carry images
                    payload = next(source, None)
                    if payload is None:
                        break
                    pending.add(pool.submit(execute, payload))
                if not pending:
                    break
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield future.result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


class DaskExecutor:
    name = "dask"

    def __init__(self, jobs: int, scheduler: Optional[str]):
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise PyvirtError("the dask executor needs dask[distributed]: pip install -e '.[cluster]'") from None
        self.jobs = max(1, jobs)
        self.scheduler = scheduler

    def describe(self) -> dict:
        return {"executor": "dask", "jobs": self.jobs, "scheduler": self.scheduler or "LocalCluster(127.0.0.1)"}

    def run(self, payloads: Iterable[dict], total: int) -> Iterator[dict]:
        from distributed import Client, LocalCluster, as_completed
        cluster = None
        if self.scheduler:
            client = Client(self.scheduler)
        else:
            cluster = LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address=None)
            client = Client(cluster)
        try:
            images = {}
            futures = []
            session = uuid.uuid4().hex[:8]        # never reuse a result the scheduler still holds
            for payload in payloads:
                digest = payload["params"]["guest_sha256"]
                if digest not in images:          # each guest image travels to the workers once
                    images[digest] = client.scatter(payload["image"], broadcast=True)
                light = {k: v for k, v in payload.items() if k != "image"}
                futures.append(client.submit(execute_parts, light, images[digest], pure=False,
                                             key=f"pyvirt-run-{payload['key']}-{session}"))
            for future in as_completed(futures):
                yield future.result()
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

"""Run a command and measure it: wall time, and peak memory of the command and its children."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

SAMPLE_SECONDS = 0.02


@dataclass(frozen=True)
class Run:
    """What a finished command took and printed."""

    argv: tuple[str, ...]
    seconds: float
    peak_rss_mb: float
    returncode: int
    stdout: str
    stderr: str
    cpu_seconds: float = 0.0  # user and system time of the process tree, as last sampled


def run(
    argv: list[str], cwd: Path | None = None, check: bool = True, env: dict[str, str] | None = None
) -> Run:
    """Run ``argv``; peak RSS is the largest sum over its process tree (sampled) or of itself.

    The sum of RSS counts pages that a pool's processes share once per process, so it errs
    high; the kernel's own high-water mark of the main process (``wait4``) catches spikes
    between samples.
    """
    started = time.perf_counter()
    proc = subprocess.Popen(
        argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    peak = _Sampler(proc.pid)
    peak.start()
    out: list[str] = []
    reader = threading.Thread(target=lambda: out.append(proc.stdout.read()))  # type: ignore[union-attr]
    reader.start()
    err = proc.stderr.read()  # type: ignore[union-attr]
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    reader.join()
    peak.stop()
    result = Run(
        tuple(argv),
        seconds,
        max(peak.rss, usage.ru_maxrss * 1024) / 2**20,
        proc.returncode,
        out[0] if out else "",
        err,
        max(peak.cpu, usage.ru_utime + usage.ru_stime),
    )
    if check and result.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {result.returncode}:\n{err[-4000:]}")
    return result


class _Sampler(threading.Thread):
    """Samples the RSS of a process and all its descendants until stopped, and their CPU
    time (each process's own, as last seen: a process's time after its last sample is lost)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.rss = 0
        self._cpu: dict[int, float] = {}
        self._done = threading.Event()

    @property
    def cpu(self) -> float:
        return sum(self._cpu.values())

    def run(self) -> None:
        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self._done.is_set():
            total = 0
            try:
                for p in (root, *root.children(recursive=True)):
                    total += p.memory_info().rss
                    times = p.cpu_times()
                    self._cpu[p.pid] = times.user + times.system
            except psutil.Error:
                pass
            self.rss = max(self.rss, total)
            self._done.wait(SAMPLE_SECONDS)

    def stop(self) -> None:
        self._done.set()
        self.join()

"""Memory and CPU of a process tree, read from ``/proc`` (Linux): the app's launcher and its
workers, the upstream, the benchmark's own process. No dependency, nothing sampled in between."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

_TICKS = os.sysconf("SC_CLK_TCK")
_PAGE = os.sysconf("SC_PAGE_SIZE")


def _stat(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name may hold spaces; everything after its closing bracket is fields 3...
    return raw[raw.rindex(")") + 2:].split()


def children(pid: int) -> list[int]:
    """``pid`` and every process below it."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            fields = _stat(int(entry))
            if fields is not None:
                parents.setdefault(int(fields[1]), []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(parents.get(p, []))
    return out


@dataclass(frozen=True)
class Usage:
    rss_bytes: int
    cpu_s: float  # user + system, since each process started
    processes: int

    def __sub__(self, other: Usage) -> Usage:
        return Usage(self.rss_bytes - other.rss_bytes, self.cpu_s - other.cpu_s, self.processes)


def usage(pid: int) -> Usage:
    """RSS (resident pages) and CPU time of ``pid`` and its descendants."""
    rss, cpu, count = 0, 0.0, 0
    for p in children(pid):
        fields = _stat(p)
        if fields is None:
            continue
        # fields[0] is field 3 (state): utime is field 14, stime 15, rss 24.
        cpu += (int(fields[11]) + int(fields[12])) / _TICKS
        rss += int(fields[21]) * _PAGE
        count += 1
    return Usage(rss, cpu, count)


def self_cpu_s() -> float:
    t = os.times()
    return t.user + t.system


def machine_busy_s() -> float:
    """CPU seconds every process on the machine has used since boot (``/proc/stat``): with our
    own processes' share taken off, what others took from the same cores during a run."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / _TICKS


def load_average() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])

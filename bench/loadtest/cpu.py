"""Which processes used the cores during a measured window: gunicorn, PostgreSQL, Locust, and everyone else.

Read from /proc (Linux): a party's CPU time is the user + system time of its live processes plus what they
collected from their exited children (a worker replaced after ``max_requests`` still counts, through the
master). "Everything else" is the machine's busy time minus the three: other people's work on a shared machine.
"""

import os
import threading
import time

TICKS = os.sysconf("SC_CLK_TCK")


def processes():
    """``{pid: (ppid, pgid, ticks)}`` of every process now (ticks: own and reaped children's CPU time)."""
    found = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as stat:
                    fields = stat.read().rpartition(")")[2].split()
            except OSError:
                continue  # ended meanwhile
            found[int(name)] = (int(fields[1]), int(fields[2]), sum(int(value) for value in fields[11:15]))
    return found


def machine_busy_ticks():
    with open("/proc/stat") as stat:
        values = [int(value) for value in stat.readline().split()[1:]]
    return sum(values) - values[3] - values[4]  # all but idle and iowait


def descendants(table, root):
    members, frontier = {root}, {root}
    while frontier:
        frontier = {pid for pid, (ppid, _, _) in table.items() if ppid in frontier} - members
        members |= frontier
    return members


def snapshot(parties):
    """``parties``: ``{name: ("group", pgid) or ("tree", pid)}`` -> ticks per party, and the machine's."""
    table = processes()
    ticks = {}
    for name, (kind, pid) in parties.items():
        members = (
            {p for p, (_, pgid, _) in table.items() if pgid == pid} if kind == "group" else descendants(table, pid)
        )
        ticks[name] = sum(table[p][2] for p in members if p in table)
    ticks["machine"] = machine_busy_ticks()
    return ticks


class CpuMeter(threading.Thread):
    """Snapshots at ``start_after`` and ``start_after + seconds``; ``result`` is then each party's cores in use
    (CPU seconds per second), with "everything else" = the machine's busy cores minus the parties'."""

    def __init__(self, parties, start_after, seconds):
        super().__init__(daemon=True)
        self.parties, self.start_after, self.seconds = parties, start_after, seconds
        self.result = None

    def run(self):
        time.sleep(self.start_after)
        before, started = snapshot(self.parties), time.monotonic()
        time.sleep(self.seconds)
        after, elapsed = snapshot(self.parties), time.monotonic() - started
        used = {name: (after[name] - before[name]) / TICKS / elapsed for name in before}
        used["everything else"] = used.pop("machine") - sum(used.values())
        self.result = {name: round(value, 2) for name, value in used.items()}

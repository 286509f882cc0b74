"""A time limit for code that must end: a tree walk that loops on a cycle fails its test with a
clear message instead of hanging the whole suite (SIGALRM, main thread, Unix)."""

import signal
from collections.abc import Iterator
from contextlib import contextmanager


class TidakSelesai(AssertionError):
    pass


@contextmanager
def selesai_dalam(detik: float = 10) -> Iterator[None]:
    def habis(signum, frame) -> None:  # noqa: ANN001
        raise TidakSelesai(f"Tidak selesai dalam {detik} detik: berputar pada siklus?")

    lama = signal.signal(signal.SIGALRM, habis)
    signal.setitimer(signal.ITIMER_REAL, detik)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, lama)

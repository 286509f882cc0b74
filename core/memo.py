"""Reads that one page asks for several times, answered once per request.

The organisation's lookups (who holds a position today, which positions a person acts in, whether
they lead anyone) are asked by the access checks, the page and the navbar alike: on the SKP page
the same position holder was read four times. `MemoPermintaanMiddleware` opens a memo for each
GET/HEAD request and `diingat` functions answer from it after the first call. Nothing outlives the
request, so nothing can be stale for the next one; requests that write (POST, ...) get no memo at
all, so a write and a re-read within one request always agree."""

from collections.abc import Callable, Hashable, Iterator, KeysView
from contextvars import ContextVar
from copy import copy
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from django.db.models import Model
from django.http import HttpRequest, HttpResponse

_memo: ContextVar[dict | None] = ContextVar("memo_permintaan", default=None)

P = ParamSpec("P")
R = TypeVar("R")


def kunci_argumen(nilai: Any) -> Hashable:
    """A model instance counts by its class, pk and the fields the lookups read from it (a
    pegawai moved to another position within the request is another question)."""
    if isinstance(nilai, Model):
        return (type(nilai), nilai.pk, getattr(nilai, "jabatan_id", None))
    if isinstance(nilai, Iterator):  # reading it for a key would use it up: not memoised
        raise TypeError("iterator")
    if isinstance(nilai, list | tuple | set | frozenset | KeysView):
        return (type(nilai).__name__, tuple(sorted(kunci_argumen(v) for v in nilai)))
    if isinstance(nilai, dict):
        return tuple(sorted((k, kunci_argumen(v)) for k, v in nilai.items()))
    hash(nilai)  # anything else must be hashable as it is
    return nilai


def memo_permintaan() -> dict | None:
    """The memo of the current GET/HEAD request (None outside one), for a module that keeps
    its own entries in it (core/versi.py: the versions read once per request)."""
    return _memo.get()


def diingat(fungsi: Callable[P, R]) -> Callable[P, R]:
    """Memoise `fungsi` for the current GET/HEAD request. Callers get a shallow copy of a list
    or dict result, so one caller appending to it never changes what the next one sees."""

    @wraps(fungsi)
    def pembungkus(*args: P.args, **kwargs: P.kwargs) -> R:
        memo = _memo.get()
        if memo is None:
            return fungsi(*args, **kwargs)
        try:
            kunci = (fungsi.__qualname__, tuple(kunci_argumen(a) for a in args),
                     tuple(sorted((k, kunci_argumen(v)) for k, v in kwargs.items())))  # fmt: skip
        except TypeError:  # an argument that cannot be a key (e.g. a queryset): not memoised
            return fungsi(*args, **kwargs)
        if kunci not in memo:
            memo[kunci] = fungsi(*args, **kwargs)
        hasil = memo[kunci]
        return copy(hasil) if isinstance(hasil, list | dict | set) else hasil

    return pembungkus


class MemoPermintaanMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)

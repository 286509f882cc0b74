"""Answers kept between requests, valid until the data they were worked out from changes.

An answer is stored under its question and the current *versions* of the data it reads (e.g.
"skp" for the SKP rows, "organisasi" for positions, holders, Plt/Plh and admins). Every write to
that data bumps the version (after commit, see `naikkan`), so the next request asks under a new
key and works the answer out afresh; old keys simply expire. Nothing is ever updated in place,
so there is no window in which a stale answer can be read after the change is visible.

Read the version *before* the data: an answer computed from data read before a commit is then
stored under the version that was current before the bump, which nobody asks for afterwards.

The versions and answers live in the "bersama" cache, shared by every gunicorn worker and app
server (redis with CACHE_URL, the database otherwise): a version bumped in one process must be
seen by all. Which writes bump which version is registered in each app's `apps.py` (signals) and
in the services that write with `bulk_create`/`update` (no signals)."""

import pickle
import threading
from collections.abc import Callable, Hashable, Iterable
from functools import wraps
from hashlib import blake2b
from typing import ParamSpec, TypeVar
from uuid import uuid4

from cachetools import LRUCache
from django.conf import settings
from django.core.cache import caches
from django.db import transaction

from core.memo import kunci_argumen, memo_permintaan

P = ParamSpec("P")
R = TypeVar("R")

# The data a version covers. A name not listed here is a programming error.
# "skp": the SKP rows themselves (status, penilai); "organisasi": positions, holders, Plt/Plh,
# admins; "kinerja": everything written while planning and evaluating (RHK, indicators,
# comments, periods, realisasi, feedback, predikat, capaian, jurnal, dialog), which the
# dashboards read.
# "notifikasi": every person's unread notifications, bumped as a whole only when everything
# kept is refreshed (segarkan_jawaban); each write bumps the person's own "notifikasi:<user id>"
# (VERSI_PER_ORANG), so one person's news never makes the others' navbar be worked out again.
VERSI = frozenset({"skp", "organisasi", "kinerja", "notifikasi"})
VERSI_PER_ORANG = frozenset({"notifikasi"})
# An answer unused this long goes; a version lives as long as the cache keeps it (a lost
# version is replaced by a new one, which only costs recomputing).
UMUR_JAWABAN = 60 * 60


def _cache():
    return caches["bersama"]


def _sah(nama: str) -> bool:
    jenis, _, orang = nama.partition(":")
    return nama in VERSI or (jenis in VERSI_PER_ORANG and orang.isascii() and orang.isdigit())


def per_orang(jenis: str, user_id: int) -> str:
    """The name of one person's own version of `jenis` (see VERSI_PER_ORANG)."""
    assert jenis in VERSI_PER_ORANG, jenis
    return f"{jenis}:{user_id}"


def milik_orang(jenis: str, user_id: int) -> tuple[str, str]:
    """What an answer about one person's `jenis` depends on: their own version, and the global
    one, which refreshes every person's at once (segarkan_jawaban)."""
    return (jenis, per_orang(jenis, user_id))


def versi(*nama: str) -> tuple[str, ...]:
    """The current version of each named piece of data, in one round trip."""
    assert all(map(_sah, nama)), nama
    _terbaca(nama)
    kunci = [f"versi:{n}" for n in nama]
    # Read once per GET request (core/memo.py): one request sees one state of the versions,
    # and each later answer it asks for costs one round trip instead of two.
    memo = memo_permintaan()
    ada = {k: memo[k] for k in kunci if k in memo} if memo is not None else {}
    kurang = [k for k in kunci if k not in ada]
    if kurang:
        if memo is not None:
            # The rest too, in the same round trip: a page asks for one version after another.
            kurang += [f"versi:{n}" for n in sorted(VERSI) if f"versi:{n}" not in memo]
            kurang = list(dict.fromkeys(kurang))
        ada |= _cache().get_many(kurang)
    for k in kunci:
        if k not in ada:
            # add(): two processes starting at once agree on one version.
            _cache().add(k, uuid4().hex, timeout=None)
            ada[k] = _cache().get(k)
    if memo is not None:
        memo.update(ada)
    return tuple(ada[k] for k in kunci)


def naikkan(*nama: str) -> None:
    """The named data changed: answers worked out from it before are no longer asked for.

    Bumped twice: now, so that this transaction's own later reads (and a test that never
    commits) see the change, and again when the transaction commits, because a request running
    between the two bumps may have stored the not-yet-committed old data under the first.
    Outside a transaction the write is committed already: one bump is both.

    A transaction writing many rows bumps each version once at commit (one callback for the
    transaction), and at once only when this transaction has read that version since its last
    bump: until it reads, nothing can have been kept under that bump from its own writes."""
    assert all(map(_sah, nama)), nama
    koneksi = transaction.get_connection()
    if not koneksi.in_atomic_block:
        _ganti(nama)
        return
    setelah_commit = _naik_setelah_commit(koneksi)
    if setelah_commit is None:
        setelah_commit = _NaikSetelahCommit()
        transaction.on_commit(setelah_commit)
    setelah_commit.nama.update(nama)
    sekarang = tuple(koneksi.savepoint_ids)
    perlu = [n for n in nama if not setelah_commit.masih_segar(n, sekarang)]
    if perlu:
        _ganti(perlu)
        setelah_commit.segar.update(dict.fromkeys(perlu, sekarang))


def _ganti(nama: Iterable[str]) -> None:
    baru = {f"versi:{n}": uuid4().hex for n in nama}
    _cache().set_many(baru, timeout=None)
    memo = memo_permintaan()
    if memo is not None:  # a GET that writes sees its own write
        memo.update(baru)


class _NaikSetelahCommit:
    """The versions a transaction bumped, bumped once more when it commits. It lives in the
    connection's on-commit list, so it goes with the transaction (or with the savepoint it was
    registered in, when that is rolled back)."""

    def __init__(self) -> None:
        self.nama: set[str] = set()
        # Version -> the savepoints open when it was bumped at once, and not read since.
        self.segar: dict[str, tuple[str, ...]] = {}

    def masih_segar(self, nama: str, savepoint_kini: tuple[str, ...]) -> bool:
        """Bumped at once and unread since, by a write still in effect: the savepoints it was
        written in are still open (with the database cache, a rolled back savepoint takes the
        bump with it)."""
        dulu = self.segar.get(nama)
        return dulu is not None and savepoint_kini[: len(dulu)] == dulu

    def __call__(self) -> None:
        _ganti(self.nama)


def _naik_setelah_commit(koneksi) -> _NaikSetelahCommit | None:
    for _sids, fungsi, _robust in reversed(koneksi.run_on_commit):
        if isinstance(fungsi, _NaikSetelahCommit):
            return fungsi
    return None


def _terbaca(nama: Iterable[str]) -> None:
    """This transaction read these versions: its next write bumps them at once again."""
    koneksi = transaction.get_connection()
    if koneksi.in_atomic_block:
        setelah_commit = _naik_setelah_commit(koneksi)
        if setelah_commit is not None:
            for n in nama:
                setelah_commit.segar.pop(n, None)


def dalam_transaksi() -> bool:
    """Inside a transaction of the application's own (not only the one a test case wraps
    around each test, which Django marks): an answer read there may hold rows that are yet to
    be rolled back, so it is not one to keep."""
    koneksi = transaction.get_connection()
    return any(not getattr(blok, "_from_testcase", False) for blok in koneksi.atomic_blocks)


def _kunci(pertanyaan: Hashable, versi_kini: Iterable[str]) -> str:
    teks = repr((pertanyaan, tuple(versi_kini))).encode()
    return "jawab:" + blake2b(teks, digest_size=20).hexdigest()


def ingat(pertanyaan: Hashable, tergantung: Iterable[str], hitung: Callable[[], R]) -> R:
    """`hitung()`'s answer to `pertanyaan` (a hashable that names everything the answer varies
    by, such as the person and the day) while the data it depends on is unchanged.

    Inside a transaction of the application's own the answer is worked out afresh and not
    kept: it may hold rows that are yet to be rolled back, and the cache is not rolled back
    with them (the at-once bump of `naikkan` stays current after a rollback, so an answer kept
    under it would be served until the next write). Nor is a kept answer read there: one kept
    by another request under this transaction's own at-once bump holds the rows as they were
    before its writes."""
    if dalam_transaksi():
        return hitung()
    kunci = _kunci(pertanyaan, versi(*tergantung))
    dekat = _dekat_ambil(kunci)
    if dekat is not None:
        return dekat[0]
    simpanan = _cache().get(kunci)  # (answer,): an answer of None is an answer too
    if simpanan is None:
        simpanan = (hitung(),)
        _cache().set(kunci, simpanan, timeout=UMUR_JAWABAN)
    _dekat_simpan(kunci, simpanan)
    return simpanan[0]


# Kept answers are also kept in this process, as pickled bytes, so that a page asks the shared
# store only for the versions (one round trip) and not for each of its kept answers again. This
# can never be stale: the key names the versions the answer was worked out under, and a write
# makes new versions, so an answer under a key is the same wherever it is kept. Pickled, so
# that each request gets its own objects, as it would from the shared store. Bounded by bytes
# (JAWABAN_DEKAT_MB per process), the least recently used going first.
_dekat: LRUCache | None = None
_kunci_dekat = threading.Lock()


def _penyimpan_dekat() -> LRUCache:
    global _dekat
    if _dekat is None:
        _dekat = LRUCache(maxsize=settings.JAWABAN_DEKAT_MB * 1024 * 1024, getsizeof=_ukuran)
    return _dekat


# What an entry costs besides its pickled bytes: its key (a 46-character str) and the
# LRU's own bookkeeping (three dict entries), about 300 bytes measured; counted high.
_BEBAN_ENTRI = 400


def _ukuran(data: bytes) -> int:
    return len(data) + _BEBAN_ENTRI


def _dekat_ambil(kunci: str) -> tuple | None:
    with _kunci_dekat:
        data = _penyimpan_dekat().get(kunci)
    return None if data is None else pickle.loads(data)  # noqa: S301 - our own pickle


def _dekat_simpan(kunci: str, simpanan: tuple) -> None:
    data = pickle.dumps(simpanan, pickle.HIGHEST_PROTOCOL)
    with _kunci_dekat:
        penyimpan = _penyimpan_dekat()
        if _ukuran(data) <= penyimpan.maxsize:
            penyimpan[kunci] = data


def diingat_sampai_berubah(*tergantung: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Keeps a function's answers between requests (see `ingat`) while the data it reads,
    `tergantung`, is unchanged. For functions of plain arguments (ids, dates, sets of ids) that
    read nothing else: everything the answer varies by must be an argument (the date too)."""

    def dekor(fungsi: Callable[P, R]) -> Callable[P, R]:
        nama = f"{fungsi.__module__}.{fungsi.__qualname__}"

        @wraps(fungsi)
        def pembungkus(*args: P.args, **kwargs: P.kwargs) -> R:
            assert not kwargs, "positional arguments only: they make the key"
            pertanyaan = (nama, tuple(kunci_argumen(a) for a in args))
            return ingat(pertanyaan, tergantung, lambda: fungsi(*args))

        return pembungkus

    return dekor


# Model -> the versions its saves and deletes bump (filled by `ikuti_perubahan` and
# `ikuti_perubahan_per_orang`).
DIIKUTI: dict[type, set[str]] = {}


def ikuti_perubahan_per_orang(jenis: str, model: type, kolom_user: str) -> None:
    """Bumps the version of `jenis` of the person in `kolom_user` (a user id field) on every
    save and delete of `model`; bulk writes call `naikkan(per_orang(...))` themselves."""
    from django.db.models.signals import post_delete, post_save

    def bumped(instance, **_kwargs: object) -> None:  # noqa: ANN001
        naikkan(per_orang(jenis, getattr(instance, kolom_user)))

    DIIKUTI.setdefault(model, set()).add(f"{jenis}:<user>")
    uid = f"versi-{jenis}-per-orang-{model._meta.label}"
    post_save.connect(bumped, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(bumped, sender=model, weak=False, dispatch_uid=uid + "-hapus")


def ikuti_perubahan(nama: str, *model: type) -> None:
    """Bumps `nama` on every save and delete of these models (a queryset's delete sends the
    signals too). Writes with `update()`, `bulk_create` or `bulk_update` send none: their
    callers call `naikkan` themselves."""
    from django.db.models.signals import post_delete, post_save

    def bumped(**_kwargs: object) -> None:
        naikkan(nama)

    for m in model:
        DIIKUTI.setdefault(m, set()).add(nama)
        uid = f"versi-{nama}-{m._meta.label}"
        post_save.connect(bumped, sender=m, weak=False, dispatch_uid=uid)
        post_delete.connect(bumped, sender=m, weak=False, dispatch_uid=uid + "-hapus")

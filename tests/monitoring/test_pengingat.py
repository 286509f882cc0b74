"""`manage.py kirim_pengingat`: one digest per person per day (in-app and email), the 7- and
2-day reminders before a realisasi window closes (extensions included), penilai with realisasi
to rate, follow-ups due, the admin's Monday summary, the dry run, a failing mail, and the lock.

Triwulan I 2026 of the cast's instansi: window 18 March - 14 April (Tuesday). 7 April is 7 days
before, 12 April 2 days; 6 and 13 April are Mondays."""

import io
import threading
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from core import surel
from core.models import StatusSurel, Surel
from monitoring.models import DialogKinerja, KunciPengingat, PengingatTerkirim
from monitoring.services import pengingat
from penilaian.models import PenilaianPeriodik, Periode, PerpanjanganPegawai, StatusPenilaian
from penilaian.periode import periode_tahun
from skp.models import Notifikasi
from tests.monitoring.conftest import HARI  # noqa: F401
from tests.penilaian.bawahan import tambah_bawahan

GAGAL_UNTUK: set[str] = set()


class BackendGagal(EmailBackend):
    """The test mailbox, refusing the addresses in GAGAL_UNTUK as a mail server would."""

    def send_messages(self, messages):
        for m in messages:
            if set(m.to) & GAGAL_UNTUK:
                raise ConnectionRefusedError("server menolak")
        return super().send_messages(messages)


@pytest.fixture
def surel_uji(settings, pekerja_langsung):
    settings.EMAIL_BACKEND = "tests.monitoring.test_pengingat.BackendGagal"
    settings.SUREL_MAKS_PERCOBAAN = 2
    GAGAL_UNTUK.clear()
    yield
    GAGAL_UNTUK.clear()


@pytest.fixture
def cast(pemeran, skp_disetujui):
    for orang, email in (
        (pemeran.pegawai, "rudi@contoh.go.id"),
        (pemeran.atasan, "rina@contoh.go.id"),
        (pemeran.admin, "teguh@contoh.go.id"),
    ):
        orang.user.email = email
        orang.user.save(update_fields=["email"])
    return pemeran


def jalan(tanggal: date, *argumen: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "kirim_pengingat", "--tanggal", tanggal.isoformat(), *argumen, stdout=out, stderr=err
    )
    return out.getvalue(), err.getvalue()


def penerima(tanggal: date) -> dict[str, str]:
    return {
        p.penerima.username: p.isi
        for p in PengingatTerkirim.objects.filter(tanggal=tanggal).select_related("penerima")
    }


def test_tujuh_dan_dua_hari_sebelum_jendela_ditutup(cast, surel_uji):
    rudi = cast.pegawai.user.username
    for hari in (date(2026, 4, 5), date(2026, 4, 8), date(2026, 4, 11), date(2026, 4, 14)):
        jalan(hari)
        assert rudi not in penerima(hari), hari
    jalan(date(2026, 4, 7))
    isi = penerima(date(2026, 4, 7))[rudi]
    assert "Jendela realisasi Triwulan I 2026 ditutup 7 hari lagi" in isi
    assert "paling lambat 14 April 2026" in isi
    jalan(date(2026, 4, 12))
    assert "ditutup 2 hari lagi" in penerima(date(2026, 4, 12))[rudi]
    n = Notifikasi.objects.filter(penerima=cast.pegawai.user).order_by("dibuat")
    assert [x.judul for x in n] == [
        "Pengingat SKP: Jendela realisasi Triwulan I 2026 ditutup 7 hari lagi",
        "Pengingat SKP: Jendela realisasi Triwulan I 2026 ditutup 2 hari lagi",
    ]
    assert n[0].tautan == "/penilaian/"
    assert [m.to for m in mail.outbox] == [["rudi@contoh.go.id"]] * 2


def test_perpanjangan_pegawai_menggeser_pengingat(cast, surel_uji, tahun):
    tw1 = periode_tahun(cast.instansi, tahun)[0]
    PerpanjanganPegawai.objects.create(
        periode=tw1, pegawai=cast.pegawai, sampai=date(2026, 4, 21), alasan="Sakit"
    )
    rudi = cast.pegawai.user.username
    jalan(date(2026, 4, 7))
    assert rudi not in penerima(date(2026, 4, 7))
    jalan(date(2026, 4, 14))
    assert "paling lambat 21 April 2026" in penerima(date(2026, 4, 14))[rudi]


def test_hanya_periode_jenis_yang_berlaku(cast, surel_uji, tahun):
    from penilaian.models import JenisPeriode, PengaturanPenilaian

    periode_tahun(cast.instansi, tahun)  # the quarterly rows stay after the switch
    PengaturanPenilaian.objects.create(
        instansi=cast.instansi, tahun=tahun, jenis_periode=JenisPeriode.BULANAN
    )
    jalan(date(2026, 4, 7))
    isi = penerima(date(2026, 4, 7))[cast.pegawai.user.username]
    assert "Jendela realisasi Maret 2026 ditutup 7 hari lagi" in isi
    assert "Triwulan" not in isi


def test_realisasi_terkirim_tidak_diingatkan_penilai_diingatkan(cast, surel_uji, tahun):
    tw1 = periode_tahun(cast.instansi, tahun)[0]
    PenilaianPeriodik.objects.create(
        pegawai=cast.pegawai, periode=tw1, skp=cast.pegawai.skp.get(),
        status=StatusPenilaian.DIKIRIM, penilai=cast.atasan,
    )  # fmt: skip
    jalan(date(2026, 4, 7))
    terima = penerima(date(2026, 4, 7))
    assert cast.pegawai.user.username not in terima
    isi = terima[cast.atasan.user.username]
    assert "1 realisasi bawahan menunggu penilaian Anda" in isi
    assert "Rudi Pelaksana: Triwulan I 2026, batas 14 April 2026" in isi
    # Still waiting after the deadline: said so.
    jalan(date(2026, 4, 20))
    assert "(batas sudah lewat)" in penerima(date(2026, 4, 20))[cast.atasan.user.username]


def _dialog(cast, tindak_lanjut: date, **kw) -> DialogKinerja:
    return DialogKinerja.objects.create(
        pegawai=cast.pegawai, atasan=cast.atasan, tanggal=tindak_lanjut - timedelta(days=10),
        jenis="coaching", topik="Rekap imunisasi", kesepakatan="Rekap mingguan",
        tindak_lanjut="Kirim rekap desa", tanggal_tindak_lanjut=tindak_lanjut,
        dicatat_sebagai="atasan", token=f"t{tindak_lanjut}", **kw,
    )  # fmt: skip


def test_tindak_lanjut_jatuh_tempo_untuk_kedua_pihak(cast, surel_uji):
    _dialog(cast, date(2026, 5, 21))
    _dialog(cast, date(2026, 5, 30))  # not due yet
    _dialog(cast, date(2026, 5, 10), selesai_pada=timezone.now())  # done
    jalan(date(2026, 5, 19))  # a Tuesday: no admin summary
    terima = penerima(date(2026, 5, 19))
    assert set(terima) == {cast.pegawai.user.username, cast.atasan.user.username}
    assert "1 tindak lanjut dialog kinerja perlu diselesaikan" in terima[cast.pegawai.user.username]
    assert "21 Mei 2026 (jatuh tempo 2 hari lagi)" in terima[cast.pegawai.user.username]
    assert "Rekap imunisasi (Rudi Pelaksana)" in terima[cast.atasan.user.username]
    jalan(date(2026, 5, 23))
    assert "(terlambat 2 hari)" in penerima(date(2026, 5, 23))[cast.atasan.user.username]


def test_satu_ringkasan_per_orang_per_hari_dan_idempoten(cast, surel_uji):
    _dialog(cast, date(2026, 4, 7))
    keluaran, _ = jalan(date(2026, 4, 7))
    # The pegawai's two matters in one digest.
    isi = penerima(date(2026, 4, 7))[cast.pegawai.user.username]
    assert "ditutup 7 hari lagi" in isi and "tindak lanjut dialog kinerja" in isi
    assert "Pengingat 7 April 2026: 2 orang diberi notifikasi, 2 email diantrekan" in keluaran
    jumlah = (PengingatTerkirim.objects.count(), Notifikasi.objects.count(), Surel.objects.count())
    assert jumlah == (2, 2, 2) and len(mail.outbox) == 2
    keluaran, _ = jalan(date(2026, 4, 7))
    assert "0 orang diberi notifikasi, 0 email diantrekan" in keluaran
    assert "2 sudah menerima pengingat hari ini" in keluaran
    assert (
        PengingatTerkirim.objects.count(),
        Notifikasi.objects.count(),
        Surel.objects.count(),
    ) == jumlah
    assert len(mail.outbox) == 2


def test_uji_coba_tidak_menulis_apa_pun(cast, surel_uji):
    _dialog(cast, date(2026, 4, 7))
    Periode.objects.all().delete()  # made on first need: the dry run must not make them either
    keluaran, _ = jalan(date(2026, 4, 7), "--dry-run")
    assert "Uji coba (tidak ada yang ditulis atau dikirim) untuk 7 April 2026" in keluaran
    assert "* Rudi Pelaksana <rudi@contoh.go.id>" in keluaran
    assert "Jendela realisasi Triwulan I 2026 ditutup 7 hari lagi" in keluaran
    assert "2 orang akan menerima pengingat" in keluaran
    assert not PengingatTerkirim.objects.exists()
    assert not Notifikasi.objects.exists() and not Surel.objects.exists()
    assert not Periode.objects.exists() and not KunciPengingat.objects.exists()
    assert mail.outbox == []


def test_email_gagal_tidak_menghentikan_yang_lain_dan_diulang(cast, surel_uji):
    _dialog(cast, date(2026, 4, 7))
    GAGAL_UNTUK.add("rudi@contoh.go.id")
    jalan(date(2026, 4, 7))
    assert [m.to for m in mail.outbox] == [["rina@contoh.go.id"]]
    gagal = Surel.objects.get(kepada="rudi@contoh.go.id")
    assert (gagal.status, gagal.percobaan) == (StatusSurel.GAGAL, 2)
    assert Notifikasi.objects.filter(penerima=cast.pegawai.user).count() == 1  # in-app anyway
    GAGAL_UNTUK.clear()
    keluaran, _ = jalan(date(2026, 4, 7))
    assert "1 email gagal diantrekan ulang" in keluaran
    gagal.refresh_from_db()
    assert gagal.status == StatusSurel.TERKIRIM
    assert [m.to for m in mail.outbox] == [["rina@contoh.go.id"], ["rudi@contoh.go.id"]]
    assert PengingatTerkirim.objects.count() == 2 and Notifikasi.objects.count() == 2


def test_satu_orang_gagal_ditulis_yang_lain_jalan_lalu_dicoba_lagi(cast, surel_uji, monkeypatch):
    _dialog(cast, date(2026, 4, 7))
    asli = surel.antre

    def antre(*, kepada, subjek, isi):
        if kepada == "rudi@contoh.go.id":
            raise RuntimeError("antrean tidak terjangkau")
        return asli(kepada=kepada, subjek=subjek, isi=isi)

    monkeypatch.setattr(surel, "antre", antre)
    with pytest.raises(SystemExit) as keluar:
        jalan(date(2026, 4, 7))
    assert keluar.value.code == 1
    # Nothing half-written for the pegawai, the atasan's digest went out.
    assert set(penerima(date(2026, 4, 7))) == {cast.atasan.user.username}
    assert not Notifikasi.objects.filter(penerima=cast.pegawai.user).exists()
    monkeypatch.setattr(surel, "antre", asli)
    keluaran, _ = jalan(date(2026, 4, 7))
    assert "1 orang diberi notifikasi" in keluaran
    assert set(penerima(date(2026, 4, 7))) == {
        cast.atasan.user.username,
        cast.pegawai.user.username,
    }
    assert sorted(m.to[0] for m in mail.outbox) == ["rina@contoh.go.id", "rudi@contoh.go.id"]


def test_tanpa_email_tetap_mendapat_notifikasi(cast, surel_uji):
    cast.pegawai.user.email = ""
    cast.pegawai.user.save(update_fields=["email"])
    keluaran, _ = jalan(date(2026, 4, 7))
    assert "1 orang diberi notifikasi, 0 email diantrekan, 1 tanpa alamat email" in keluaran
    assert Notifikasi.objects.filter(penerima=cast.pegawai.user).count() == 1
    assert PengingatTerkirim.objects.get().surel is None
    assert mail.outbox == []


def test_ringkasan_admin_hanya_hari_senin(cast, surel_uji):
    jalan(date(2026, 4, 7))  # Tuesday
    assert cast.admin.user.username not in penerima(date(2026, 4, 7))
    jalan(date(2026, 4, 6))  # Monday
    terima = penerima(date(2026, 4, 6))
    isi = terima[cast.admin.user.username]
    assert "Ringkasan mingguan Pemerintah Kabupaten Contoh" in isi
    # 7 pegawai in the instansi, the pegawai's SKP approved; the atasan's is a draft.
    assert "SKP 2026 belum disetujui: 6 dari 7 pegawai (0 menunggu persetujuan atasan)" in isi
    assert (
        "Realisasi Triwulan I 2026 belum dikirim: 1 pegawai (jendela ditutup 14 April 2026)" in isi
    )
    assert "Realisasi terkirim yang belum dinilai: 0" in isi
    # The summary opens the admin's Monitoring Pengisian of their own instansi.
    assert f"/monitoring/pengisian/{cast.instansi.pk}/" in isi
    # The other instansi's admin gets their own figures.
    assert "Ringkasan mingguan Pemerintah Kota Lain" in terima[cast.admin_lain.user.username]
    assert "belum disetujui: 2 dari 2 pegawai" in terima[cast.admin_lain.user.username]


def test_kueri_terbatas_berapa_pun_jumlah_pegawai(
    cast, tahun, django_assert_max_num_queries, jawaban_selalu_dihitung
):
    tw1 = periode_tahun(cast.instansi, tahun)[0]

    def siapkan(jumlah: int, awal: int) -> None:
        for p in tambah_bawahan(cast, jumlah, awal=awal):
            p.user.email = f"b{p.pk}@contoh.go.id"
            p.user.save(update_fields=["email"])
            PenilaianPeriodik.objects.create(
                pegawai=p, periode=tw1, skp=p.skp.get(), status=StatusPenilaian.DIKIRIM,
                penilai=cast.atasan,
            ) if p.pk % 2 else None  # fmt: skip
            DialogKinerja.objects.create(
                pegawai=p, atasan=cast.atasan, tanggal=date(2026, 3, 1), jenis="coaching",
                topik="Rekap", kesepakatan="x", dicatat_sebagai="atasan", token=f"t{p.pk}",
                tanggal_tindak_lanjut=date(2026, 4, 6),
            )  # fmt: skip

    siapkan(3, 0)
    pengingat.kumpulkan(date(2026, 4, 6))  # the periods are made on first need
    with django_assert_max_num_queries(40) as kecil:
        sedikit = pengingat.kumpulkan(date(2026, 4, 6))
    siapkan(15, 3)
    with django_assert_max_num_queries(len(kecil.captured_queries)) as besar:
        banyak = pengingat.kumpulkan(date(2026, 4, 6))
    assert len(besar.captured_queries) == len(kecil.captured_queries)
    assert len(banyak) > len(sedikit) >= 4
    # The dry run's listing (names included) stays flat too.
    with django_assert_max_num_queries(len(kecil.captured_queries) + 5) as uji:
        hasil = pengingat.kirim_pengingat(tanggal=date(2026, 4, 6), dry_run=True)
    assert len(hasil.rincian) == len(banyak)
    siapkan(5, 30)
    with django_assert_max_num_queries(len(uji.captured_queries)):
        pengingat.kirim_pengingat(tanggal=date(2026, 4, 6), dry_run=True)


def test_jalan_kedua_berhenti_selama_kunci_dipegang(cast, surel_uji):
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL memakai advisory lock (uji di bawah)")
    KunciPengingat.objects.create(nama=pengingat.NAMA_KUNCI, sejak=timezone.now(), oleh="lain:1")
    keluaran, _ = jalan(date(2026, 4, 7))  # exit status 0
    assert "Pengiriman pengingat lain sedang berjalan" in keluaran
    assert not PengingatTerkirim.objects.exists() and not Notifikasi.objects.exists()
    # A lease left by a run that died is taken over after KUNCI_BASI.
    KunciPengingat.objects.update(
        sejak=timezone.now() - pengingat.KUNCI_BASI - timedelta(minutes=1)
    )
    keluaran, _ = jalan(date(2026, 4, 7))
    assert "1 orang diberi notifikasi" in keluaran
    assert KunciPengingat.objects.get().sejak is None  # released


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_advisory_lock_postgres(cast, surel_uji):
    if connection.vendor != "postgresql":
        pytest.skip(
            "Uji advisory lock butuh PostgreSQL; jalankan dengan DATABASE_URL=postgres://..."
        )
    dipegang, lepas = threading.Event(), threading.Event()

    def pegang():
        try:
            with pengingat.satu_jalan():
                dipegang.set()
                lepas.wait(10)
        finally:
            connection.close()

    utas = threading.Thread(target=pegang)
    utas.start()
    assert dipegang.wait(10)
    try:
        keluaran, _ = jalan(date(2026, 4, 7))
    finally:
        lepas.set()
        utas.join(10)
    assert "Pengiriman pengingat lain sedang berjalan" in keluaran
    assert not PengingatTerkirim.objects.exists()
    keluaran, _ = jalan(date(2026, 4, 7))
    assert "1 orang diberi notifikasi" in keluaran


def test_unit_systemd_pengingat_menjalankan_perintah_setiap_hari():
    import re
    import shutil
    import subprocess

    from django.conf import settings
    from django.core.management import get_commands

    folder = settings.BASE_DIR / "deploy" / "systemd"
    layanan = dict(
        re.findall(r"^(\w+)=(.*)$", (folder / "skp-pengingat.service").read_text(), re.M)
    )
    assert layanan["Type"] == "oneshot" and layanan["User"] == "skp"
    assert layanan["EnvironmentFile"] == "/etc/skp/skp.env"
    perintah = layanan["ExecStart"].split()
    assert perintah[0] == "/opt/skp/.venv/bin/python" and perintah[1:] == [
        "manage.py",
        "kirim_pengingat",
    ]
    assert get_commands()["kirim_pengingat"] == "monitoring"
    pewaktu = dict(re.findall(r"^(\w+)=(.*)$", (folder / "skp-pengingat.timer").read_text(), re.M))
    assert pewaktu["OnCalendar"] == "*-*-* 07:00:00" and pewaktu["Persistent"] == "true"
    assert pewaktu["WantedBy"] == "timers.target"
    if shutil.which("systemd-analyze"):
        hasil = subprocess.run(
            ["systemd-analyze", "calendar", pewaktu["OnCalendar"]], capture_output=True, text=True
        )
        assert hasil.returncode == 0, hasil.stderr


def test_tanggal_salah_pesan_indonesia(db):
    from django.core.management.base import CommandError

    with pytest.raises(SystemExit) as keluar:
        err = io.StringIO()
        call_command("kirim_pengingat", "--tanggal", "7-4-2026", stderr=err)
    assert keluar.value.code == 2
    assert "--tanggal '7-4-2026' tidak sah: tulis sebagai YYYY-MM-DD" in err.getvalue()
    with pytest.raises(CommandError, match="argumen tidak dikenal"):
        call_command("kirim_pengingat", "--hari", "1")

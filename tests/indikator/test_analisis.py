"""Indicator quality analyser (indikator.analisis): labelled set and the individual rules.

The labelled set (label_indikator.jsonl) was written by hand: realistic SKP indicators from
many kinds of jobs, each labelled terukur true/false before the analyser was run on it, and
for the flawed ones the finding codes that describe the flaw. No Django or database needed.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from indikator.analisis import ASPEK, HasilAnalisis, Temuan, analisis
from indikator.teks import angka, format_angka, kata_kunci, kemiripan, token

LABEL = Path(__file__).with_name("label_indikator.jsonl")
AMBANG_KESEPAKATAN = 0.90


def _label() -> list[dict]:
    with LABEL.open(encoding="utf-8") as f:
        return [json.loads(baris) for baris in f if baris.strip()]


def _analisis(contoh: dict) -> HasilAnalisis:
    return analisis(
        contoh["indikator"],
        target=contoh.get("target"),
        satuan=contoh.get("satuan"),
        aspek=contoh.get("aspek"),
        baseline=contoh.get("baseline"),
    )


def _kode(hasil: HasilAnalisis) -> set[str]:
    return {t.kode for t in hasil.temuan}


# --- The labelled set ------------------------------------------------------------------


def test_labelled_set_is_large_varied_and_balanced():
    label = _label()
    assert len(label) >= 80
    assert len({c["bidang"] for c in label}) >= 10
    jumlah = Counter(c["terukur"] for c in label)
    assert jumlah[True] >= 30 and jumlah[False] >= 30
    for c in label:
        assert c["indikator"].strip()
        if not c["terukur"]:
            assert c["kode"], f"label buruk tanpa kode temuan: {c['indikator']}"


def test_analyser_agrees_with_at_least_90_percent_of_labels(record_property):
    label = _label()
    salah = [c for c in label if _analisis(c).terukur != c["terukur"]]
    kesepakatan = 1 - len(salah) / len(label)
    record_property("kesepakatan", f"{len(label) - len(salah)}/{len(label)}")
    print(f"\nKesepakatan dengan label: {len(label) - len(salah)}/{len(label)} ({kesepakatan:.1%})")
    for c in salah:
        print(f"  tidak sepakat: {c['indikator']!r} (label terukur={c['terukur']})")
    assert kesepakatan >= AMBANG_KESEPAKATAN


def test_every_flawed_indicator_gets_a_relevant_finding():
    tanpa = []
    for c in _label():
        if c["kode"] and not _kode(_analisis(c)) & set(c["kode"]):
            tanpa.append((c["indikator"], c["kode"], sorted(_kode(_analisis(c)))))
    assert not tanpa, "\n".join(f"{i!r}: harap {h}, dapat {d}" for i, h, d in tanpa)


def test_every_finding_code_is_exercised_by_the_labelled_set():
    diharapkan = {k for c in _label() for k in c["kode"]}
    assert diharapkan >= {
        "normatif",
        "kabur",
        "aktivitas",
        "tanpa_ukuran",
        "target_kosong",
        "target_tidak_terukur",
        "satuan_tidak_sesuai",
        "aspek_tidak_sesuai",
        "tanpa_batas_waktu",
        "ganda",
        "target_tidak_realistis",
        "rentang_terbalik",
    }


# --- Result shape and score --------------------------------------------------------------


def test_not_measurable_always_has_a_heavy_finding_and_low_score():
    for c in _label():
        hasil = _analisis(c)
        if not hasil.terukur:
            assert hasil.temuan and any(t.berat for t in hasil.temuan)
            assert 0 <= hasil.skor < 50
        else:
            assert 50 <= hasil.skor <= 100
            assert not any(t.berat for t in hasil.temuan)


def test_good_indicator_scores_100_without_findings():
    hasil = analisis(
        "Persentase dokumen perizinan yang diterbitkan paling lama 3 hari kerja sejak berkas lengkap",
        target="95",
        satuan="%",
        aspek="waktu",
    )
    assert hasil == HasilAnalisis(terukur=True, skor=100, temuan=[])


def test_each_finding_has_indonesian_message_and_concrete_suggestion():
    for c in _label():
        for t in _analisis(c).temuan:
            assert isinstance(t, Temuan)
            assert t.pesan and t.saran
            assert "{" not in t.pesan + t.saran, "placeholder tidak terisi"
            # A concrete suggestion shows an example (quoted rewrite, target or unit).
            assert "'" in t.saran or "misalnya" in t.saran


def test_result_converts_to_json_ready_dict():
    data = analisis("Menyusun laporan").ke_dict()
    assert data["terukur"] is False
    assert isinstance(data["skor"], int)
    assert set(data["temuan"][0]) == {"kode", "pesan", "saran"}
    json.dumps(data)


def test_empty_indicator_is_not_measurable():
    for kosong in ("", "   ", "-"):
        hasil = analisis(kosong)
        assert not hasil.terukur and _kode(hasil) == {"kosong"} and hasil.skor == 0


# --- Individual rules --------------------------------------------------------------------


@pytest.mark.parametrize(
    "indikator",
    ["Melaksanakan tugas dengan sebaik-baiknya", "Melayani pemohon secara optimal"],
)
def test_normative_wording_is_flagged(indikator):
    hasil = analisis(indikator, target="100", satuan="%")
    assert not hasil.terukur and "normatif" in _kode(hasil)


def test_affixed_forms_of_vague_verbs_are_recognised():
    # Listed as "meningkatkan"; other verb forms share stem and affix class.
    for bentuk in ("Meningkatkan", "Ditingkatkannya", "Meningkatnya"):
        assert "kabur" in _kode(analisis(f"{bentuk} mutu layanan"))


def test_measure_noun_is_not_mistaken_for_vague_verb():
    # "Tingkat" (bare stem) names a measure; "meningkatkan" (verb) is a direction.
    hasil = analisis("Tingkat kepuasan pengguna layanan", target="85", satuan="nilai")
    assert hasil.terukur and not hasil.temuan


def test_direction_verb_with_numbers_is_measurable():
    hasil = analisis(
        "Menurunkan waktu layanan dari 3 hari menjadi 1 hari", target="1", satuan="hari"
    )
    assert hasil.terukur


def test_output_verb_with_count_target_is_measurable_but_process_verb_gets_a_hint():
    assert analisis("Menerbitkan izin usaha mikro", target="300", satuan="izin").temuan == []
    hasil = analisis("Melaksanakan audit kepatuhan belanja barang", target="4", satuan="laporan")
    assert hasil.terukur and _kode(hasil) == {"aktivitas"}


def test_counting_meetings_attended_is_activity_but_counting_people_reached_is_not():
    assert not analisis("Jumlah rapat koordinasi yang dihadiri", target="24", satuan="kali").terukur
    assert analisis(
        "Jumlah peserta yang mengikuti sosialisasi", target="200", satuan="orang"
    ).terukur


def test_activity_units_mean_activity_when_the_indicator_opens_with_a_verb():
    hasil = analisis("Melakukan pengawasan lapangan", target="24", satuan="kegiatan")
    assert not hasil.terukur and "aktivitas" in _kode(hasil)


def test_none_means_unknown_but_empty_string_means_missing():
    assert analisis("Jumlah laporan keuangan bulanan").temuan == []
    hasil = analisis("Jumlah laporan keuangan bulanan", target="", satuan="")
    assert hasil.terukur and "target_kosong" in _kode(hasil)


def test_unit_must_fit_the_measure():
    assert "satuan_tidak_sesuai" in _kode(
        analisis("Persentase arsip yang ditata", target="12", satuan="berkas")
    )
    assert "satuan_tidak_sesuai" in _kode(
        analisis("Waktu penyelesaian izin", target="3", satuan="izin")
    )
    assert analisis("Persentase arsip yang ditata", target="95%").terukur


@pytest.mark.parametrize("aspek", ["waktu", "Waktu", " WAKTU "])
def test_aspek_is_case_insensitive_and_waktu_needs_a_time(aspek):
    salah = analisis("Jumlah laporan yang disusun", target="12", satuan="laporan", aspek=aspek)
    assert not salah.terukur and "aspek_tidak_sesuai" in _kode(salah)
    benar = analisis("Jumlah laporan yang disusun", target="5", satuan="hari kerja", aspek=aspek)
    assert benar.terukur


def test_aspek_biaya_needs_money_or_a_budget_percentage():
    assert analisis("Belanja ATK", target="Rp 2.000.000", aspek="biaya").terukur
    assert analisis(
        "Persentase penyerapan anggaran", target="95", satuan="%", aspek="biaya"
    ).terukur
    hasil = analisis("Jumlah pasien yang dilayani", target="1.200", satuan="orang", aspek="biaya")
    assert "aspek_tidak_sesuai" in _kode(hasil)


def test_unknown_aspek_is_a_light_finding():
    hasil = analisis("Jumlah laporan", target="12", satuan="laporan", aspek="mutu")
    assert hasil.terukur and "aspek_tidak_dikenal" in _kode(hasil)
    assert set(ASPEK) == {"kuantitas", "kualitas", "waktu", "biaya"}


def test_announced_time_bound_must_be_given():
    hasil = analisis("Persentase izin yang diterbitkan paling lambat", target="100", satuan="%")
    assert "tanpa_batas_waktu" in _kode(hasil)
    assert analisis(
        "Persentase izin yang diterbitkan paling lambat 2 x 24 jam", target="100"
    ).terukur


def test_two_results_are_split_in_the_suggestion():
    hasil = analisis("Jumlah laporan dan persentase anggaran terserap", target="12")
    (ganda,) = [t for t in hasil.temuan if t.kode == "ganda"]
    assert "'Jumlah laporan'" in ganda.saran and "'Persentase anggaran terserap'" in ganda.saran


def test_conditions_and_shared_objects_are_not_two_results():
    for satu in (
        "Persentase laporan yang disampaikan tepat waktu dan sesuai standar",
        "Menyusun dan memutakhirkan data kepegawaian dalam sistem",
        "Persentase surat yang diterima dan didisposisikan pada hari yang sama",
    ):
        assert "ganda" not in _kode(analisis(satu, target="100", satuan="%")), satu


@pytest.mark.parametrize(
    ("indikator", "target", "satuan"),
    [
        # Results named with -nya (ter-, me- nominalisations) on both sides of "dan".
        ("Tersedianya aplikasi e-office dan terlatihnya seluruh pegawai menggunakannya", "1", "aplikasi"),
        ("Meningkatnya jumlah izin yang terbit dan menurunnya pengaduan masyarakat", None, None),
        ("Tersusunnya laporan keuangan dan terlaksananya rekonsiliasi aset", "2", "dokumen"),
        ("Terbitnya izin usaha dan diterimanya laporan kegiatan penanaman modal", "12", "izin"),
        # A subject and its own verb on both sides.
        ("Dokumen RKA tersusun dan DPA tersahkan", "2", "dokumen"),
        ("Arsip aktif tertata, arsip inaktif dipindahkan ke record center", "100", "%"),
    ],
)  # fmt: skip
def test_two_results_in_indonesian_result_phrasing_are_flagged(indikator, target, satuan):
    hasil = analisis(indikator, target=target, satuan=satuan)
    assert "ganda" in _kode(hasil) and not hasil.terukur, indikator


def test_two_results_without_target_are_not_a_perfect_score():
    hasil = analisis("Meningkatnya jumlah izin yang terbit dan menurunnya pengaduan masyarakat")
    assert not hasil.terukur and hasil.skor < 50
    (ganda,) = [t for t in hasil.temuan if t.kode == "ganda"]
    assert "'Menurunnya pengaduan masyarakat'" in ganda.saran


@pytest.mark.parametrize(
    "satu",
    [
        "Persentase surat masuk dan keluar yang diarsipkan",
        "Menyusun laporan kinerja dan menyampaikannya kepada pimpinan",  # pronoun -nya
        "Jumlah KTP-el yang dicetak dan didistribusikan",
        "Laporan realisasi anggaran disusun dan disampaikan kepada pimpinan",
        "Persentase dokumen yang tersusun dan terverifikasi tanpa revisi",
        "Persentase permohonan yang disetujui dan instansi terkait yang dihubungi",
        "Persentase sampel yang diuji dan hasilnya dilaporkan paling lama 7 hari",
    ],
)
def test_one_result_with_two_verbs_or_a_pronoun_is_not_two_results(satu):
    assert "ganda" not in _kode(analisis(satu, target="100", satuan="%")), satu


@pytest.mark.parametrize(
    ("indikator", "target", "satuan"),
    [
        ("Sosialisasi perizinan kepada pelaku usaha", "4", "kegiatan"),
        ("Kegiatan sosialisasi perizinan terlaksana", "4", "kegiatan"),
        ("Rapat koordinasi lintas sektor penanganan stunting", "12", "kali"),
        ("Sosialisasi perizinan kepada pelaku usaha", "4 kegiatan", None),
    ],
)
def test_activity_named_by_a_noun_and_counted_in_activities_is_not_a_result(
    indikator, target, satuan
):
    hasil = analisis(indikator, target=target, satuan=satuan, aspek="kuantitas")
    assert not hasil.terukur and "aktivitas" in _kode(hasil)
    (t,) = [t for t in hasil.temuan if t.kode == "aktivitas"]
    assert "'Jumlah laporan hasil" in t.saran or "'Jumlah notula" in t.saran or "notula" in t.saran


def test_visits_as_a_unit_may_count_a_result_when_no_process_verb_opens():
    assert analisis("Jumlah kunjungan wisatawan mancanegara", target="10.000",
                    satuan="kunjungan").terukur  # fmt: skip
    assert not analisis("Melakukan kunjungan lapangan", target="24", satuan="kunjungan").terukur


def test_waktu_with_a_count_needs_a_time_quantity_not_just_tepat_waktu():
    salah = analisis(
        "Jumlah laporan yang disampaikan tepat waktu", target="12", satuan="laporan", aspek="waktu"
    )
    assert not salah.terukur and "aspek_tidak_sesuai" in _kode(salah)
    assert "'laporan'" in next(t.pesan for t in salah.temuan if t.kode == "aspek_tidak_sesuai")
    # A percentage of reports on time, or a count against a stated deadline, is a time measure.
    for indikator, target, satuan in (
        ("Persentase laporan yang disampaikan tepat waktu", "95", "%"),
        ("Jumlah laporan yang disampaikan paling lambat tanggal 10 setiap bulan", "12", "laporan"),
        ("Jumlah kasus DBD yang diselidiki paling lama 2 x 24 jam", "40", "kasus"),
    ):
        assert analisis(indikator, target=target, satuan=satuan, aspek="waktu").terukur, indikator


def test_percentage_for_waktu_needs_a_time_bound_in_the_text():
    hasil = analisis(
        "Persentase dokumen yang diverifikasi", target="100", satuan="%", aspek="waktu"
    )
    assert not hasil.terukur
    (t,) = [t for t in hasil.temuan if t.kode == "aspek_tidak_sesuai"]
    assert "batas waktu" in t.pesan and "paling lama 3 hari kerja" in t.saran


@pytest.mark.parametrize("satuan", ["menit", "detik", "jam", "jam kerja", "hari kalender", "HK"])
def test_all_time_units_of_the_shared_list_fit_waktu(satuan):
    hasil = analisis("Waktu rata-rata penemuan kembali arsip", target="10", satuan=satuan,
                     aspek="waktu")  # fmt: skip
    assert hasil.terukur and not hasil.temuan, satuan


def test_cost_measure_in_percent_is_flagged_unless_it_is_realisation_or_efficiency():
    hasil = analisis("Biaya pemeliharaan server", target="10", satuan="%", aspek="biaya")
    assert not hasil.terukur
    assert {"satuan_tidak_sesuai", "aspek_tidak_sesuai"} <= _kode(hasil)
    assert "satuan_tidak_sesuai" in _kode(analisis("Biaya pemeliharaan server", target="10 %"))
    for baik in (
        "Realisasi penyerapan anggaran",
        "Efisiensi biaya pemeliharaan server terhadap pagu",
        "Penghematan anggaran perjalanan dinas",
    ):
        assert analisis(baik, target="95", satuan="%", aspek="biaya").terukur, baik
    # A budget word alone does not make a percentage a cost.
    assert "aspek_tidak_sesuai" in _kode(
        analisis(
            "Persentase kehadiran pegawai dalam rapat anggaran",
            target="100",
            satuan="%",
            aspek="biaya",
        )  # fmt: skip
    )


def test_reversed_target_range_is_flagged():
    hasil = analisis(
        "Jumlah guru yang mengikuti supervisi akademik", target="10 - 5", satuan="orang"
    )
    assert not hasil.terukur and _kode(hasil) == {"rentang_terbalik"}
    assert "'5 - 10'" in hasil.temuan[0].saran
    assert "rentang_terbalik" in _kode(
        analisis("Persentase arsip yang ditata", target="100 s/d 90")
    )
    for benar in ("90 - 100", "90-100", "2 x 24", "31-12-2025", "Rp 1.000.000 - Rp 2.000.000"):
        assert "rentang_terbalik" not in _kode(analisis("Jumlah laporan", target=benar)), benar


def test_unrealistic_jump_from_baseline_is_flagged_with_a_stepped_suggestion():
    hasil = analisis("Persentase kunjungan yang terealisasi", target="100", satuan="%", baseline=70)
    (t,) = hasil.temuan
    assert t.kode == "target_tidak_realistis" and "75" in t.saran
    assert (
        analisis(
            "Persentase kunjungan yang terealisasi", target="75", satuan="%", baseline=70
        ).temuan
        == []
    )


def test_percentage_above_100_is_flagged():
    assert "target_tidak_realistis" in _kode(
        analisis("Persentase arsip yang ditata", target="120", satuan="%")
    )


def test_regulation_numbers_and_years_are_not_measures():
    hasil = analisis("Menyusun laporan sesuai PP Nomor 12 Tahun 2019")
    assert "tanpa_ukuran" in _kode(hasil)


def test_suggestion_rewrites_with_the_indicator_own_object():
    (t,) = analisis("Menyusun laporan keuangan").temuan
    assert "'Jumlah laporan keuangan yang disusun tepat waktu'" in t.saran


# --- Text helpers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("teks", "nilai"),
    [("12", 12), ("1.500", 1500), ("2.000.000", 2_000_000), ("99,5", 99.5), ("1.500,25", 1500.25)],
)
def test_indonesian_numbers_are_parsed(teks, nilai):
    assert angka(teks) == nilai


def test_numbers_are_written_the_indonesian_way():
    assert format_angka(1200) == "1.200" and format_angka(16.5) == "16,5"


def test_tokens_carry_stem_and_affix_class():
    diterbitkan, tugas = token("diterbitkan tugas-tugas")
    assert (diterbitkan.dasar, diterbitkan.kelas, diterbitkan.awalan) == ("terbit", "verba", "di")
    assert (tugas.dasar, tugas.kelas) == ("tugas", "dasar")


def test_similarity_ignores_affixes_word_order_and_function_words():
    assert kata_kunci("Persentase dokumen yang diterbitkan") == ["persentase", "dokumen", "terbit"]
    assert kemiripan("Menyusun laporan keuangan", "Penyusunan laporan keuangan") == 1.0
    assert kemiripan("Menyusun laporan keuangan", "Memeriksa kendaraan dinas") == 0.0


def test_deadline_target_is_a_time_measure():
    hasil = analisis("Dokumen RKA yang disampaikan ke TAPD", target="Desember 2025", aspek="Waktu")
    assert hasil.terukur and not hasil.temuan
    mei = analisis("Dokumen RKA disampaikan paling lambat akhir Mei", target="1", satuan="dokumen")
    assert mei.terukur


# --- Rules from real-world indicators (issue 16) ------------------------------------------


@pytest.mark.parametrize(
    "indikator",
    [
        "Persentase pembinaan UMKM",
        "Prosentase pengelolaan arsip dinamis",
        "% pengelolaan arsip dinamis",
        "Persentase peningkatan pelestarian hutan kota",
        "Persentase pemenuhan pelayanan sosial",
        "Persentase pembinaan dan pengawasan pasar rakyat",
        "Persentase tertib administrasi kependudukan",
        "Persentase partisipasi masyarakat dalam musrenbang",
    ],
)
def test_percentage_of_a_process_or_state_has_no_numerator(indikator):
    hasil = analisis(indikator, target="100", satuan="%")
    assert not hasil.terukur, indikator
    (t,) = [t for t in hasil.temuan if t.kode == "persentase_kabur"]
    assert t.berat and "pembilang dan penyebut" in t.saran and "'Persentase " in t.saran


def test_percentage_rewrite_names_what_is_counted():
    (t,) = analisis("Persentase pembinaan UMKM", target="100", satuan="%").temuan
    assert "'Persentase UMKM yang dibina dan naik kelas'" in t.saran
    (t,) = analisis("Persentase pengawasan terhadap pelabuhan", target="100", satuan="%").temuan
    assert "'Persentase pelabuhan yang diawasi dan patuh terhadap ketentuan'" in t.saran
    (t,) = analisis("Persentase pemenuhan sarana kesehatan", target="100", satuan="%").temuan
    assert "'Persentase sarana kesehatan yang tersedia sesuai standar'" in t.saran


@pytest.mark.parametrize(
    "indikator",
    [
        "Persentase pengaduan yang diselesaikan dalam 5 hari kerja",
        "Persentase penanganan sampah rumah tangga",  # a done state: handled or not
        "Persentase fasilitasi lembaga pendidikan keagamaan yang mendapatkan bantuan",
        "Persentase kualitas udara dengan kategori baik",  # a defined scale
        "Cakupan pelayanan air limbah domestik",  # coverage: who is served
        "Persentase layanan yang terselesaikan",  # "layanan" is a request, not "pelayanan"
        "Persentase pelestari mangrove yang aktif",  # a person, not "pelestarian"
    ],
)
def test_percentage_with_a_numerator_or_done_state_is_measurable(indikator):
    hasil = analisis(indikator, target="90", satuan="%")
    assert hasil.terukur and "persentase_kabur" not in _kode(hasil), indikator


@pytest.mark.parametrize(
    ("indikator", "target", "satuan"),
    [
        ("Jumlah laporan penyelenggaraan rapat koordinasi dan konsultasi", "2", "laporan"),
        ("Jumlah laporan hasil sinergitas dengan instansi vertikal", "3", "laporan"),
        ("Jumlah dokumen fasilitasi pemilihan kepala desa", "1", "dokumen"),
        ("Jumlah laporan penyediaan jasa surat menyurat", "2", "laporan"),
    ],
)
def test_report_counted_from_a_routine_activity_is_only_its_trace(indikator, target, satuan):
    hasil = analisis(indikator, target=target, satuan=satuan)
    assert not hasil.terukur and "aktivitas" in _kode(hasil), indikator
    (t,) = [t for t in hasil.temuan if t.kode == "aktivitas"]
    assert "jejak kegiatan" in t.pesan and "paling lambat 5 hari kerja" in t.saran


def test_report_with_a_deadline_or_that_is_a_product_is_a_result():
    for indikator, target, satuan in (
        ("Jumlah laporan hasil rapat koordinasi yang disampaikan paling lambat 2 hari kerja",
         "12", "laporan"),
        ("Jumlah laporan evaluasi kinerja perangkat daerah", "1", "dokumen"),
        ("Jumlah dokumen pelaksanaan anggaran yang disahkan", "45", "dokumen"),
    ):  # fmt: skip
        assert analisis(indikator, target=target, satuan=satuan).terukur, indikator


@pytest.mark.parametrize(
    ("indikator", "target", "satuan", "pesan"),
    [
        ("Melaksanakan tugas lain yang diberikan atasan", "12", "dokumen", "tugas"),
        ("Mengirim dan mengarsipkan surat masuk", "1", "laporan", "jejak pekerjaan"),
        ("Deteksi dan perbaikan aplikasi", "2", "dokumentasi", "hanya membuktikan"),
        ("Melakukan pengelolaan arsip dinamis", "1", "laporan", "jejak kegiatan"),
    ],
)
def test_activity_counted_in_documents_is_not_a_result(indikator, target, satuan, pesan):
    hasil = analisis(indikator, target=target, satuan=satuan, aspek="kuantitas")
    assert not hasil.terukur, indikator
    (t,) = [t for t in hasil.temuan if t.kode == "aktivitas"]
    assert t.berat and pesan in t.pesan


def test_rewrites_of_documented_activities_name_the_work():
    (t,) = analisis("Mengirim dan mengarsipkan surat masuk", target="1", satuan="laporan").temuan
    assert "'Jumlah surat masuk yang dikirim dan diarsipkan pada hari yang sama'" in t.saran
    (t,) = analisis("Deteksi dan perbaikan aplikasi", target="2", satuan="dokumentasi").temuan
    assert "'Persentase aplikasi yang diselesaikan sesuai standar'" in t.saran
    (t,) = analisis("Melakukan pengelolaan arsip dinamis", target="1", satuan="laporan").temuan
    assert "'Persentase arsip dinamis yang dikelola sesuai standar'" in t.saran


def test_documents_that_are_the_work_or_its_product_are_a_result():
    for indikator, target, satuan in (
        ("Mengagendakan dan mengarsipkan surat masuk", "40", "berkas"),
        ("Melaksanakan audit kepatuhan belanja barang", "4", "laporan"),
        ("Memantau serangan hama tanaman pangan", "12", "laporan"),
        ("Melakukan survei calon penerima bantuan benih", "15", "dokumen"),
        ("Mengirim dan mengarsipkan surat masuk pada hari yang sama", "1.200", "surat"),
    ):
        assert analisis(indikator, target=target, satuan=satuan).terukur, indikator


@pytest.mark.parametrize(
    "indikator",
    [
        "Menyusun laporan keuangan untuk kelancaran tugas",
        "Menyusun laporan keuangan sesuai peraturan yang berlaku",
        "Jumlah SPM yang diterbitkan sesuai dengan ketentuan yang berlaku",
    ],
)
def test_normative_purpose_or_blanket_reference_is_not_measurable_despite_a_target(indikator):
    hasil = analisis(indikator, target="12", satuan="laporan")
    assert not hasil.terukur and "normatif" in _kode(hasil), indikator


def test_blanket_reference_next_to_a_checkable_criterion_is_fine():
    assert analisis(
        "Menyusun laporan keuangan sesuai peraturan yang berlaku paling lambat tanggal 10",
        target="12",
        satuan="laporan",
    ).terukur


@pytest.mark.parametrize(
    ("indikator", "target", "satuan", "aspek"),
    [
        ("Ketersediaan ruang terbuka hijau (ha)", None, None, None),
        ("Luas kawasan konservasi yang diusulkan penetapannya (ha)", None, None, None),
        ("Persentase ketepatan waktu penjatuhan hukuman disiplin", "100", "%", "waktu"),
        ("Persentase ketepatan waktu penyampaian laporan keuangan", "100", "%", "waktu"),
        ("Persentase komponen perencanaan yang berkualitas sesuai sistem AKIP", "90", "%", None),
        ("Peningkatan luas kawasan mangrove yang direhabilitasi", "20", "ha", None),
        ("Berkurangnya jumlah keluhan pelanggan", "60", "kali", "kuantitas"),
        ("Menjadi instansi yang memperoleh predikat WBBM", "1", "predikat", None),
    ],
)
def test_good_real_world_forms_are_measurable(indikator, target, satuan, aspek):
    hasil = analisis(indikator, target=target, satuan=satuan, aspek=aspek)
    assert hasil.terukur and not any(t.berat for t in hasil.temuan), (indikator, hasil.temuan)


def test_taking_part_as_a_role_is_still_attendance():
    hasil = analisis("Menjadi narasumber seminar kearsipan", target="2", satuan="kali")
    assert not hasil.terukur and "aktivitas" in _kode(hasil)


def test_two_measures_of_one_product_are_measurable_with_advice_to_split():
    hasil = analisis("Panjang dan jumlah tanggul yang direhabilitasi")
    assert hasil.terukur and _kode(hasil) == {"dua_ukuran"}
    (t,) = hasil.temuan
    assert not t.berat
    assert "'Panjang tanggul yang direhabilitasi'" in t.saran
    assert "'Jumlah tanggul yang direhabilitasi'" in t.saran
    # Two measures of different things remain two results.
    assert "ganda" in _kode(analisis("Jumlah laporan dan persentase anggaran terserap"))

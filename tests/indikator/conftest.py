"""The SKP fixtures (this year, the atasan's SKP, the pegawai's SKP with three measurable
indicators) for the indicator pages' tests."""

from tests.skp.conftest import skp_atasan, skp_pegawai, tahun  # noqa: F401

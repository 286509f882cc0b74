import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Each signed evaluation form records the rating (history row) it shows. No form was issued
    before this migration (issuing was a placeholder), so the column needs no default."""

    dependencies = [
        ("penilaian", "0001_awal"),
    ]

    operations = [
        migrations.AddField(
            model_name="dokumenpenilaian",
            name="riwayat",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="dokumen",
                to="penilaian.riwayatpenilaian",
            ),
        ),
    ]

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Inti"

    def ready(self) -> None:
        # A bulk export (of any kind, core/ekspor.py) whose worker died says so on its row.
        from django_tasks.signals import task_finished

        from core import ekspor
        from core.pekerja import tugas_diulang

        tugas_diulang.connect(ekspor.saat_diulang, dispatch_uid="core_ekspor_diulang")
        task_finished.connect(ekspor.saat_selesai, dispatch_uid="core_ekspor_selesai")

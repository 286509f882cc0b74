"""Signals for apps above `skp` (which it must not import): they react to SKP events without the
SKP workflow knowing them."""

from django.dispatch import Signal

# Sent by skp.services.alur.setujui inside the approval's transaction, after the new status is
# written: `skp` is the approved version, `diganti` the versions it replaced (empty for a first
# approval). A receiver's failure rolls the approval back, so what it copies never goes missing.
skp_disetujui = Signal()

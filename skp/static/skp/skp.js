// Small helpers for the htmx parts of the SKP pages (no framework, works offline).
(function () {
  var skrip = document.currentScript;
  var urlMasuk = skrip ? skrip.dataset.masuk : "/masuk/";

  // A save that failed is said where the person is: inside the form that was sent, next to its
  // buttons (forms have an empty ".galat-simpan" for it), else in the alert at the top of the
  // page. Either way it gets focus, which scrolls it into view: pressing "Simpan lampiran" at the
  // bottom of a long page (or on a phone) must never seem to do nothing.
  function umumkan(pesan, jenis, asal) {
    var form = asal && asal.closest ? asal.closest("form") : null;
    var tempat = (form && form.querySelector(".galat-simpan")) || document.getElementById("pesan-galat");
    if (!tempat) {
      return;
    }
    tempat.classList.remove("alert-danger", "alert-warning");
    tempat.classList.add("alert", "alert-" + (jenis || "danger"));
    tempat.textContent = pesan;
    tempat.hidden = false;
    tempat.focus();
  }

  // Every successful edit bumps the SKP's `revisi`; a form carrying an older one is refused as
  // coming from another tab or device. Forms still open in this page are not older: the server
  // sends the new number with the "skp:revisi" event (on receipt, before anything is swapped)
  // and every form here takes it, so only a page that really is out of date gets refused.
  document.body.addEventListener("skp:revisi", function (event) {
    var revisi = event.detail ? event.detail.revisi : undefined;
    if (revisi === undefined) {
      return;
    }
    document.querySelectorAll('input[name="revisi"]').forEach(function (input) {
      input.value = revisi;
    });
  });

  // Enter in a search field inside a form (the Renstra/atasan RHK pickers) searches instead of
  // submitting the form: the field's hx-trigger listens for "cari". Here and not in hx-on or a
  // trigger filter, which htmx would have to eval and the Content-Security-Policy forbids.
  document.addEventListener("keydown", function (event) {
    var el = event.target;
    if (event.key !== "Enter" || !el.matches || !el.matches("input[data-cari-enter]")) {
      return;
    }
    event.preventDefault();
    htmx.trigger(el, "cari");
  });

  // After an htmx edit the page part is replaced; put keyboard focus back on the control the
  // person used (or on its sibling when that one became disabled, e.g. "Naik" at the top).
  document.body.addEventListener("skp:fokus", function (event) {
    var detail = event.detail || {};
    var tempat = document.getElementById("pesan-galat");
    if (tempat) {
      tempat.hidden = true;
    }
    var aktif = document.activeElement;
    if (aktif && aktif.closest && aktif.closest("form") && aktif.matches("input, textarea, select")) {
      return; // typing in another open form meanwhile: leave the cursor there
    }
    var el = document.getElementById(detail.id);
    if (!el || el.disabled) {
      el = document.getElementById(detail.cadangan);
    }
    if (!el || el.disabled) {
      el = document.getElementById("judul-hasil-kerja");
    }
    if (el) {
      el.focus();
    }
  });

  // A session that expired while the page was open: go to the sign-in page instead of
  // swapping it into the table.
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    if (xhr && xhr.responseURL && new URL(xhr.responseURL).pathname === urlMasuk) {
      event.detail.shouldSwap = false;
      window.location.href = xhr.responseURL;
    }
  });

  // Kept blocks. After an edit the server sends the whole HASIL KERJA section again, so the
  // numbering, the Naik/Turun states and the atasan panel come from one place. Any other form
  // open in that section (a half-typed "Tambah RHK", an indicator being edited) would vanish
  // with it. So just before that swap each RHK block (a tbody with an id) holding an open
  // form, other than the block the request came from, is taken out of the page, and right
  // after the swap it goes back in place of its freshly rendered copy. Being the same nodes,
  // they keep what was typed and their htmx behaviour. A kept block shows the RHK numbers of
  // when its form was opened until that form is saved or cancelled; one whose RHK no longer
  // exists is dropped. While a form is open in a block, the block has no other actions, so
  // nothing in it can replace it meanwhile.
  // (Registered after the sign-in check above, which may cancel the swap.)
  // Someone typing in a kept form while the save of another was on its way keeps the focus.
  var disimpan = [];
  var fokusDisimpan = null;
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    if (!detail.shouldSwap || !detail.target || detail.target.id !== "hasil-kerja") {
      return;
    }
    var asal = detail.requestConfig ? detail.requestConfig.elt : null;
    var blokAsal = asal && asal.closest ? asal.closest("tbody[id]") : null;
    detail.target.querySelectorAll("tbody[id]").forEach(function (blok) {
      if (blok !== blokAsal && blok.querySelector("form.form-rhk, form.form-indikator")) {
        if (blok.contains(document.activeElement)) {
          fokusDisimpan = document.activeElement;
        }
        blok.remove();
        disimpan.push(blok);
      }
    });
  });
  document.body.addEventListener("htmx:afterSwap", function () {
    var kembali = disimpan;
    disimpan = [];
    kembali.forEach(function (blok) {
      var baru = document.getElementById(blok.id);
      if (baru) {
        baru.replaceWith(blok);
      }
    });
    if (fokusDisimpan && document.body.contains(fokusDisimpan)) {
      fokusDisimpan.focus();
    }
    fokusDisimpan = null;
  });

  // htmx does not swap error responses: say what happened, so nobody thinks it was saved.
  document.body.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    var asal = event.detail.elt;
    if (status === 409) {
      // A stale page or a state that changed meanwhile: the server says why, in Indonesian.
      umumkan(event.detail.xhr.responseText, "warning", asal);
    } else if (status === 403) {
      umumkan("Perubahan tidak disimpan: Anda tidak berwenang, atau SKP ini sudah tidak dapat diubah. Muat ulang halaman.", "danger", asal);
    } else if (status === 404) {
      umumkan("Perubahan tidak disimpan: data tidak ditemukan, mungkin sudah dihapus. Muat ulang halaman.", "danger", asal);
    } else {
      umumkan("Perubahan tidak disimpan karena kesalahan di server. Coba lagi sebentar lagi.", "danger", asal);
    }
  });
  document.body.addEventListener("htmx:sendError", function (event) {
    umumkan("Perubahan tidak disimpan: koneksi ke server terputus. Periksa jaringan lalu coba lagi.", "danger", event.detail.elt);
  });
})();

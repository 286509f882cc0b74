// Small helpers for the htmx parts of the SKP pages (no framework, works offline).
(function () {
  var skrip = document.currentScript;
  var urlMasuk = skrip ? skrip.dataset.masuk : "/masuk/";

  function umumkan(pesan, jenis) {
    var tempat = document.getElementById("pesan-galat");
    if (tempat) {
      tempat.className = "alert alert-" + (jenis || "danger");
      tempat.textContent = pesan;
      tempat.hidden = false;
    }
  }

  // After an htmx edit the page part is replaced; put keyboard focus back on the control the
  // person used (or on its sibling when that one became disabled, e.g. "Naik" at the top).
  document.body.addEventListener("skp:fokus", function (event) {
    var detail = event.detail || {};
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
    var tempat = document.getElementById("pesan-galat");
    if (tempat) {
      tempat.hidden = true;
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

  // htmx does not swap error responses: say what happened, so nobody thinks it was saved.
  document.body.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    if (status === 409) {
      // A stale page or a state that changed meanwhile: the server says why, in Indonesian.
      umumkan(event.detail.xhr.responseText, "warning");
    } else if (status === 403) {
      umumkan("Perubahan tidak disimpan: Anda tidak berwenang, atau SKP ini sudah tidak dapat diubah. Muat ulang halaman.");
    } else if (status === 404) {
      umumkan("Perubahan tidak disimpan: data tidak ditemukan, mungkin sudah dihapus. Muat ulang halaman.");
    } else {
      umumkan("Perubahan tidak disimpan karena kesalahan di server. Coba lagi sebentar lagi.");
    }
  });
  document.body.addEventListener("htmx:sendError", function () {
    umumkan("Perubahan tidak disimpan: koneksi ke server terputus. Periksa jaringan lalu coba lagi.");
  });
})();

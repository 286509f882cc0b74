// Penilaian Bawahan: what htmx does not say by itself when a row's save does not come back as a
// row (no framework, works offline; the page also works without this file).
(function () {
  var skrip = document.currentScript;
  var urlMasuk = skrip ? skrip.dataset.masuk : "/masuk/";

  // Said inside the form that was sent, and focused, so a keyboard or screen-reader user hears
  // that the row was not saved.
  function tulis(asal, pesan) {
    var form = asal && asal.closest ? asal.closest("form") : null;
    var tempat = form ? form.querySelector(".galat-kirim") : null;
    if (!tempat) {
      return;
    }
    tempat.textContent = pesan;
    tempat.hidden = false;
    tempat.focus();
  }

  // A session that expired while the page was open: the sign-in page, not a row of it.
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    if (xhr && xhr.responseURL && new URL(xhr.responseURL).pathname === urlMasuk) {
      event.detail.shouldSwap = false;
      window.location.href = xhr.responseURL;
    }
  });

  // htmx does not swap error responses: give the server's reason (the 403 page states it).
  document.body.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    var status = xhr ? xhr.status : 0;
    var alasan = "";
    if (xhr && xhr.responseText) {
      var dok = new DOMParser().parseFromString(xhr.responseText, "text/html");
      var lead = dok.querySelector("main .lead");
      alasan = lead ? lead.textContent.trim() : "";
    }
    tulis(
      event.detail.elt,
      "Penilaian belum tersimpan. " +
        (alasan || "Terjadi galat (kode " + status + "). Muat ulang halaman lalu coba lagi.")
    );
  });

  document.body.addEventListener("htmx:sendError", function (event) {
    tulis(
      event.detail.elt,
      "Penilaian belum tersimpan: server tidak dapat dihubungi. Periksa jaringan lalu coba lagi."
    );
  });
})();

// The htmx parts of the evaluation pages (no framework, works offline; every form also works
// without it).
(function () {
  var skrip = document.currentScript;
  var urlMasuk = skrip ? skrip.dataset.masuk : "/masuk/";

  // A session that expired while the page was open: go to the sign-in page instead of swapping
  // it into the page.
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    if (xhr && xhr.responseURL && new URL(xhr.responseURL).pathname === urlMasuk) {
      event.detail.shouldSwap = false;
      window.location.href = xhr.responseURL;
    }
  });

  // htmx does not swap error responses: say what happened, inside the form that was sent when
  // there is one, so nobody thinks it was saved.
  function umumkan(pesan, asal) {
    var form = asal && asal.closest ? asal.closest("form") : null;
    var tempat = document.getElementById("pesan-galat");
    if (form) {
      tempat = form.querySelector(".galat-kirim");
      if (!tempat) {
        tempat = document.createElement("div");
        tempat.className = "galat-kirim alert alert-danger py-1 px-2 small";
        tempat.setAttribute("role", "alert");
        tempat.tabIndex = -1;
        form.prepend(tempat);
      }
    }
    if (!tempat) {
      return;
    }
    tempat.classList.add("alert", "alert-danger");
    tempat.textContent = pesan;
    tempat.hidden = false;
    tempat.focus();
  }
  document.body.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    var pesan = "Tidak disimpan karena kesalahan di server. Coba lagi sebentar lagi.";
    if (status === 403) {
      pesan = "Tidak disimpan: Anda tidak berwenang, atau keadaan penilaian sudah berubah. Muat ulang halaman.";
    } else if (status === 404) {
      pesan = "Tidak disimpan: data tidak ditemukan, mungkin sudah berubah. Muat ulang halaman.";
    }
    umumkan(pesan, event.detail.elt);
  });
  document.body.addEventListener("htmx:sendError", function (event) {
    umumkan("Tidak disimpan: koneksi ke server terputus. Periksa jaringan lalu coba lagi.", event.detail.elt);
  });

  // After a block of umpan balik was replaced, keyboard focus would fall to the top of the page:
  // put it on the block's first field with an error, else on the block itself.
  document.body.addEventListener("htmx:afterSwap", function (event) {
    var blok = event.detail.target;
    if (!blok || !blok.id) {
      return;
    }
    var sasaran = document.getElementById(blok.id);
    if (!sasaran || !(sasaran.classList.contains("ub-blok") || sasaran.id === "aksi-penilaian")) {
      return;
    }
    var galat = sasaran.querySelector("[aria-invalid='true'], .alert-danger[role='alert']");
    if (galat) {
      if (!galat.hasAttribute("tabindex") && !galat.matches("textarea, input, select")) {
        galat.tabIndex = -1;
      }
      galat.focus();
      return;
    }
    sasaran.tabIndex = -1;
    sasaran.focus();
  });
})();

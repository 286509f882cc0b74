// "Pakai usulan" beside a realisasi input: copies the proposal (from the journal) into the input
// when the pegawai asks, never by itself. Without JavaScript the buttons stay hidden and the
// proposal is read and typed.
(function () {
  function tampilkan() {
    document.querySelectorAll(".salin-usulan[hidden]").forEach(function (tombol) {
      tombol.hidden = false;
    });
  }
  document.addEventListener("click", function (event) {
    var tombol = event.target.closest ? event.target.closest(".salin-usulan") : null;
    if (!tombol) {
      return;
    }
    var isian = document.getElementById(tombol.dataset.untuk);
    if (!isian || isian.disabled) {
      return;
    }
    isian.value = tombol.dataset.nilai;
    isian.dispatchEvent(new Event("change", { bubbles: true }));
    isian.focus();
  });
  tampilkan();
  document.addEventListener("htmx:afterSettle", tampilkan);
})();

/* Layout helpers for every page (loaded by templates/base.html; no inline script: CSP).

   1. A table wider than the screen scrolls sideways inside its .table-responsive box, which on
      a phone shows no scrollbar: the box says so ("Geser tabel →" above it, a faded edge on the
      side that has more), and becomes a focusable, named region so keyboard users can scroll
      it too (axe: scrollable-region-focusable). A box that does not overflow is left alone.
   2. <details class="buka-di-layar-lebar"> are folded on a phone (the SKP page puts the RHK
      table first) and opened on wider screens, where there is room.
   Both run again after htmx swaps part of the page. */
(function () {
  "use strict";

  var LAYAR_LEBAR = window.matchMedia("(min-width: 768px)");

  function namaTabel(kotak) {
    var judul = kotak.querySelector("caption");
    var teks = judul ? judul.textContent.replace(/\s+/g, " ").trim() : "";
    if (!teks) {
      var bagian = kotak.closest("section[aria-labelledby]");
      var kepala = bagian && document.getElementById(bagian.getAttribute("aria-labelledby"));
      teks = kepala ? kepala.textContent.replace(/\s+/g, " ").trim() : "Tabel";
    }
    return teks + " (dapat digeser ke samping)";
  }

  function petunjukUntuk(kotak) {
    var sebelum = kotak.previousElementSibling;
    if (sebelum && sebelum.classList.contains("petunjuk-geser")) return sebelum;
    var petunjuk = document.createElement("p");
    petunjuk.className = "petunjuk-geser";
    petunjuk.setAttribute("aria-hidden", "true"); // the region's name says it to screen readers
    petunjuk.textContent = "Geser tabel \u2192";
    kotak.parentNode.insertBefore(petunjuk, kotak);
    return petunjuk;
  }

  function tepi(kotak) {
    var sisaKanan = kotak.scrollWidth - kotak.clientWidth - kotak.scrollLeft;
    kotak.classList.toggle("ada-kanan", sisaKanan > 1);
    kotak.classList.toggle("ada-kiri", kotak.scrollLeft > 1);
  }

  function aturTabel(kotak) {
    if (!kotak.isConnected) return;
    var meluap = kotak.scrollWidth > kotak.clientWidth + 1;
    var petunjuk = meluap ? petunjukUntuk(kotak) : kotak.previousElementSibling;
    if (petunjuk && petunjuk.classList.contains("petunjuk-geser")) petunjuk.hidden = !meluap;
    kotak.classList.toggle("bisa-geser", meluap);
    if (meluap) {
      if (!kotak.hasAttribute("tabindex")) {
        kotak.setAttribute("tabindex", "0");
        kotak.setAttribute("data-geser-otomatis", "");
      }
      if (!kotak.hasAttribute("role")) kotak.setAttribute("role", "region");
      if (!kotak.hasAttribute("aria-label") && !kotak.hasAttribute("aria-labelledby")) {
        kotak.setAttribute("aria-label", namaTabel(kotak));
      }
    } else if (kotak.hasAttribute("data-geser-otomatis")) {
      // Added here when it overflowed (a narrower window): no longer a stop for the keyboard.
      kotak.removeAttribute("tabindex");
      kotak.removeAttribute("data-geser-otomatis");
      kotak.removeAttribute("role");
      kotak.removeAttribute("aria-label");
    }
    tepi(kotak);
    if (!kotak.hasAttribute("data-geser-dipasang")) {
      kotak.setAttribute("data-geser-dipasang", "");
      kotak.addEventListener("scroll", function () { tepi(kotak); }, { passive: true });
    }
  }

  function aturSemuaTabel() {
    document.querySelectorAll(".table-responsive").forEach(aturTabel);
  }

  function bukaDiLayarLebar() {
    document.querySelectorAll("details.buka-di-layar-lebar:not([data-lipat-diatur])")
      .forEach(function (rincian) {
        rincian.setAttribute("data-lipat-diatur", "");
        if (LAYAR_LEBAR.matches) rincian.open = true;
      });
  }

  function atur() {
    bukaDiLayarLebar();
    aturSemuaTabel();
  }

  var tertunda = null;
  function aturNanti() {
    if (tertunda) return;
    tertunda = window.requestAnimationFrame(function () { tertunda = null; aturSemuaTabel(); });
  }

  atur();
  document.addEventListener("DOMContentLoaded", atur);
  window.addEventListener("load", aturSemuaTabel);
  window.addEventListener("resize", aturNanti);
  document.body.addEventListener("htmx:afterSettle", atur);
  // A table inside a <details> that was just opened has a width only now.
  document.addEventListener("toggle", aturNanti, true);
})();

/* The public verification page (templates/core/verifikasi.html): a citizen chooses the file
   they hold and learns whether it is byte for byte the document that was issued. The SHA-256
   is computed here, in the browser; the file is never sent anywhere (there is no form to
   submit). crypto.subtle exists only in a secure context (https, or http on localhost): on
   an office LAN served over plain http it is missing, so a small SHA-256 written out below
   (FIPS 180-4) takes over and gives the same digest. */
(function () {
  "use strict";

  // SHA-256 round constants: the first 32 bits of the fractional parts of the cube roots of
  // the first 64 primes (FIPS 180-4, 4.2.2).
  var K = new Uint32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  ]);

  /** SHA-256 of a Uint8Array, as 64 lowercase hex digits, without crypto.subtle. */
  function sha256Murni(data) {
    var panjang = data.length;
    // Message + 0x80 + zero padding + 64-bit big-endian length in bits, a multiple of 64 bytes.
    var blok = Math.ceil((panjang + 9) / 64);
    var pesan = new Uint8Array(blok * 64);
    pesan.set(data);
    pesan[panjang] = 0x80;
    var bitTinggi = Math.floor(panjang / 0x20000000); // (panjang * 8) / 2^32
    var bitRendah = (panjang << 3) >>> 0;
    var akhir = pesan.length;
    pesan[akhir - 8] = bitTinggi >>> 24; pesan[akhir - 7] = bitTinggi >>> 16;
    pesan[akhir - 6] = bitTinggi >>> 8; pesan[akhir - 5] = bitTinggi;
    pesan[akhir - 4] = bitRendah >>> 24; pesan[akhir - 3] = bitRendah >>> 16;
    pesan[akhir - 2] = bitRendah >>> 8; pesan[akhir - 1] = bitRendah;

    var h = new Uint32Array([
      0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
    ]);
    var w = new Uint32Array(64);
    for (var awal = 0; awal < pesan.length; awal += 64) {
      for (var t = 0; t < 16; t++) {
        var i = awal + t * 4;
        w[t] = (pesan[i] << 24) | (pesan[i + 1] << 16) | (pesan[i + 2] << 8) | pesan[i + 3];
      }
      for (t = 16; t < 64; t++) {
        var x = w[t - 15], y = w[t - 2];
        var s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
        var s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
        w[t] = (w[t - 16] + s0 + w[t - 7] + s1) | 0;
      }
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
      for (t = 0; t < 64; t++) {
        var S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
        var ch = (e & f) ^ (~e & g);
        var t1 = (k + S1 + ch + K[t] + w[t]) | 0;
        var S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
        var maj = (a & b) ^ (a & c) ^ (b & c);
        var t2 = (S0 + maj) | 0;
        k = g; g = f; f = e; e = (d + t1) | 0;
        d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += k;
    }
    var hex = "";
    for (var j = 0; j < 8; j++) hex += ("00000000" + h[j].toString(16)).slice(-8);
    return hex;
  }

  function keHex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  /** SHA-256 of an ArrayBuffer as hex: the browser's own where it has one, else sha256Murni. */
  function sha256(buffer) {
    var subtle = window.crypto && window.crypto.subtle;
    if (subtle && window.isSecureContext) {
      return subtle.digest("SHA-256", buffer).then(keHex);
    }
    return Promise.resolve(sha256Murni(new Uint8Array(buffer)));
  }

  function bacaBerkas(berkas) {
    if (berkas.arrayBuffer) return berkas.arrayBuffer();
    return new Promise(function (selesai, gagal) {
      var pembaca = new FileReader();
      pembaca.onload = function () { selesai(pembaca.result); };
      pembaca.onerror = function () { gagal(pembaca.error); };
      pembaca.readAsArrayBuffer(berkas);
    });
  }

  function tulis(hasil, kelas, judul, rincian) {
    hasil.className = "hasil " + kelas;
    hasil.textContent = "";
    var kuat = document.createElement("strong");
    kuat.textContent = judul;
    hasil.appendChild(kuat);
    if (rincian) {
      var p = document.createElement("span");
      p.className = "rincian";
      p.textContent = " " + rincian;
      hasil.appendChild(p);
    }
  }

  function pasang() {
    var bagian = document.getElementById("periksa-berkas");
    if (!bagian) return;
    var masukan = document.getElementById("berkas-periksa");
    var hasil = document.getElementById("hasil-periksa");
    var dikenal = (bagian.getAttribute("data-sha256") || "").toLowerCase().split(/\s+/)
      .filter(Boolean);
    var diganti = bagian.hasAttribute("data-diganti");

    masukan.addEventListener("change", function () {
      var berkas = masukan.files && masukan.files[0];
      if (!berkas) { hasil.className = ""; hasil.textContent = ""; return; }
      tulis(hasil, "menghitung", "Menghitung sidik jari " + berkas.name + "…");
      bacaBerkas(berkas).then(sha256).then(function (sidik) {
        if (dikenal.indexOf(sidik) !== -1) {
          tulis(hasil, "cocok", "Berkas cocok dengan dokumen yang diterbitkan.",
            (diganti ? "Namun versi ini telah diganti dan tidak lagi berlaku. " : "") +
            "Sidik jari SHA-256 " + berkas.name + ": " + sidik + ".");
        } else {
          tulis(hasil, "tidak-cocok",
            "Berkas TIDAK cocok dengan dokumen yang diterbitkan.",
            "Isi berkas " + berkas.name + " berbeda dari dokumen ini (sidik jarinya " + sidik +
            "): berkas itu telah diubah, atau dokumen lain. Jangan mengandalkan berkas ini; " +
            "mintalah salinan asli kepada penerbitnya.");
        }
      }).catch(function () {
        tulis(hasil, "tidak-cocok", "Berkas tidak dapat dibaca.",
          "Pilih ulang berkasnya, atau gunakan cara lain di bawah.");
      });
    });
  }

  // For the browser test that the written-out SHA-256 agrees with the browser's own.
  window.verifikasiBerkas = { sha256Murni: sha256Murni, sha256: sha256 };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", pasang);
  } else {
    pasang();
  }
})();

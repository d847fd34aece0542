// talkdex web pages: enhancements only (every link works without this script).
// On a talk page: times seek the player instead of reloading, the current chapter and transcript cue are
// highlighted, "link to this moment" follows the player, and #t=SECONDS starts the player there.
"use strict";

(function () {
  const player = document.getElementById("player");
  if (!player) return;

  function deepLink(seconds) {
    const t = Math.max(0, Math.floor(seconds));
    const h = Math.floor(t / 3600), m = Math.floor((t % 3600) / 60), s = t % 60;
    return (h ? h + "h" : "") + (t >= 60 ? m + "m" : "") + s + "s";
  }
  function hms(seconds) {
    const t = Math.max(0, Math.floor(seconds));
    const h = Math.floor(t / 3600), m = Math.floor((t % 3600) / 60), s = t % 60;
    const two = (n) => String(n).padStart(2, "0");
    return h ? h + ":" + two(m) + ":" + two(s) : m + ":" + two(s);
  }

  function seek(seconds) {
    const go = () => { player.currentTime = seconds; player.play().catch(() => {}); };
    if (player.readyState >= 1) go(); else player.addEventListener("loadedmetadata", go, { once: true });
  }

  // The page's start (?t=, or the talk's place in a session recording), where the media fragment of the
  // player's src was not honoured.
  const start = parseFloat(player.dataset.start || "0");
  if (start > 0.5) {
    const atStart = () => { if (player.currentTime < 0.5) player.currentTime = start; };
    if (player.readyState >= 1) atStart(); else player.addEventListener("loadedmetadata", atStart, { once: true });
  }

  // "#t=SECONDS" (or "#t=1h2m3s") in the page's address.
  const hash = /^#t=([0-9hms.:]+)$/.exec(location.hash);
  if (hash) {
    const parts = /^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s?)?$/.exec(hash[1]);
    if (parts) seek((+parts[1] || 0) * 3600 + (+parts[2] || 0) * 60 + (+parts[3] || 0));
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest("a.seek");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    seek(parseFloat(link.dataset.seek));
    player.scrollIntoView({ block: "nearest", behavior: "smooth" });
  });

  const momentLink = document.getElementById("moment-link");
  const momentTime = document.getElementById("moment-time");
  const rows = Array.from(document.querySelectorAll("li.item[data-start], li.cue[data-start]"));
  const transcript = document.querySelector("ol.transcript");
  let lastCue = null;

  player.addEventListener("timeupdate", () => {
    const now = player.currentTime;
    if (momentLink) {
      const url = new URL(momentLink.href, location.href);
      url.searchParams.set("t", deepLink(now));
      momentLink.href = url.pathname + url.search;
      momentTime.textContent = hms(now);
    }
    // The current chapter: the last item that began; the current cue: the one the time is in.
    let item = null;
    for (const row of rows) {
      const start = parseFloat(row.dataset.start);
      if (row.classList.contains("item")) {
        if (start <= now) item = row;
      } else {
        const end = parseFloat(row.dataset.end);
        const inside = start <= now && now < end;
        row.classList.toggle("current", inside);
        if (inside && row !== lastCue) {
          lastCue = row;
          if (transcript) transcript.scrollTop = row.offsetTop - transcript.offsetTop - transcript.clientHeight / 3;
        }
      }
    }
    for (const row of rows) if (row.classList.contains("item")) row.classList.toggle("current", row === item);
  });
})();

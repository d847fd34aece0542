// talkdex serve in a real browser: Debian's headless Chromium driven by playwright-core (no browser is
// downloaded). Makes an archive with the real binaries (talkdex-mkmedia for the recording), starts
// `talkdex serve` on a free 127.0.0.1 port, then: types a query, clicks the first hit and checks that the
// video is at the hit's moment; clicks a chapter and checks the seek; follows a ?t= link; writes
// screenshots of the search page and the talk page to the build folder.
// Usage: node browser_test.js TALKDEX TALKDEX_MKMEDIA OUT_DIR   (run.sh skips with 77 when it cannot run)
"use strict";

const { chromium } = require("playwright-core");
const { spawn, execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const assert = require("assert");

const [talkdex, mkmedia, outDir] = process.argv.slice(2);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "talkdex-web-"));
const archive = path.join(work, "archive");
let failures = 0, passed = 0;

function run(args) {
  return execFileSync(talkdex, ["--archive", archive, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function makeArchive() {
  const day = (t, title, people) => ({
    guid: "0b0c2d3e-4f50-4a61-8b72-93a4b5c6d7" + t, id: Number(t), code: "T" + t,
    date: "2024-06-01T09:" + t + ":00-04:00", start: "09:" + t, duration: "00:20", room: "Hall A",
    slug: "t" + t, url: "https://tiny.example/" + t, title, subtitle: null, track: null, type: "Talk",
    language: "en", abstract: "Sparse subnetworks found by pruning at initialisation train to full accuracy.",
    description: null, persons: people.map((p, i) => ({ id: i + 1, public_name: p })), links: [], attachments: [],
  });
  const schedule = { schedule: { version: "1.0", conference: {
    acronym: "tiny2024", title: "Workshop on Sparse Networks", start: "2024-06-01", end: "2024-06-01",
    daysCount: 1, timeslot_duration: "00:05",
    days: [{ index: 1, date: "2024-06-01", day_start: "2024-06-01T08:00:00-04:00", day_end: "2024-06-02T03:00:00-04:00",
      rooms: { "Hall A": [day("10", "Lottery tickets in deep networks", ["Grace Hopper", "Alan Turing"]),
                          day("40", "Grokking: generalisation beyond overfitting", ["Edsger Dijkstra"])] } }] } } };
  fs.writeFileSync(path.join(work, "schedule.json"), JSON.stringify(schedule));
  run(["import", path.join(work, "schedule.json")]);
  const media = path.join(work, "lottery.mp4");
  execFileSync(mkmedia, [media, "--duration", "60", "--size", "320x240", "--fps", "10", "--slides", "15,32,47",
    "--slide-text", "Lottery tickets|Grace Hopper", "--slide-text", "Pruning at initialisation",
    "--slide-text", "The supermask", "--slide-text", "Questions",
    "--chapter", "0-15:Welcome", "--chapter", "15-32:Pruning at initialisation",
    "--chapter", "32-47:The supermask reaches forty percent", "--chapter", "47-60:Questions",
    "--cue", "2-6:good morning and welcome to the workshop",
    "--cue", "45-50:the supermask alone reaches forty percent accuracy",
    "--cue", "55-58:any questions from the audience"], { stdio: "ignore" });
  const hits = JSON.parse(run(["search", "--json", "title:lottery"])).hits;
  run(["import", "--talk", String(hits[0].talk_id), media]);
}

function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(talkdex, ["--archive", archive, "serve", "--listen", "127.0.0.1:0"], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const line = out.split("\n")[0];
      if (out.includes("\n")) resolve({ child, url: line.replace(/\/$/, "") });
    });
    child.on("exit", (code) => reject(new Error("talkdex serve ended with " + code)));
  });
}

async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log("ok - " + name);
  } catch (e) {
    failures++;
    console.log("not ok - " + name + "\n  " + String(e.stack || e).split("\n").join("\n  "));
  }
}

async function currentTimeNear(page, expected, what) {
  // Wait for the player to have its metadata and to have settled after the seek.
  await page.waitForFunction(() => { const v = document.getElementById("player"); return v && v.readyState >= 1 && !v.seeking; },
    null, { timeout: 20000 });
  const t = await page.evaluate(() => document.getElementById("player").currentTime);
  assert.ok(Math.abs(t - expected) <= 1, `${what}: currentTime ${t}, expected ${expected} ± 1 s`);
}

(async () => {
  makeArchive();
  const { child, url } = await startServer();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "talkdex-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync", "--mute-audio",
      "--autoplay-policy=no-user-gesture-required"],
    viewport: { width: 1200, height: 900 },
  });
  const page = context.pages()[0] || await context.newPage();
  const cspErrors = [];
  page.on("console", (m) => { if (m.type() === "error") cspErrors.push(m.text()); });
  try {
    let hitOffset = null;
    await check("typing a query and clicking the first hit opens the talk at the hit's moment", async () => {
      await page.goto(url + "/");
      await page.fill("#q", "supermask accuracy");
      await page.press("#q", "Enter");
      await page.waitForSelector("li.hit a.hit-title");
      await page.screenshot({ path: path.join(outDir, "serve-search-page.png"), fullPage: true });
      hitOffset = parseFloat(await page.getAttribute("li.hit a.jump", "data-offset"));
      assert.ok(hitOffset > 30, "the hit's moment is inside the talk: " + hitOffset);
      await page.click("li.hit a.hit-title");
      await page.waitForSelector("#player");
      await currentTimeNear(page, hitOffset, "after clicking the hit");
    });
    await check("clicking a chapter seeks the player there", async () => {
      await page.click("ol.toc a.seek[data-seek='15.000']");
      await page.waitForFunction(() => Math.abs(document.getElementById("player").currentTime - 15) <= 1, null, { timeout: 10000 });
      await currentTimeNear(page, 15, "after clicking the chapter");
      const link = await page.getAttribute("#moment-link", "href");
      assert.ok(/t=1[45]s/.test(link), "link to this moment follows the player: " + link);
      await page.evaluate(() => document.getElementById("player").pause());
      await page.screenshot({ path: path.join(outDir, "serve-talk-page.png"), fullPage: true });
    });
    await check("a ?t= link starts the player there", async () => {
      const talk = await page.evaluate(() => document.querySelector("article.talk").dataset.talk);
      await page.goto(`${url}/talks/${talk}?t=0m47s`);
      await currentTimeNear(page, 47, "?t=0m47s");
      await page.goto(`${url}/talks/${talk}#t=40`);
      await currentTimeNear(page, 40, "#t=40");
    });
    await check("the talk page links the talk's own page in the schedule", async () => {
      const talk = await page.evaluate(() => document.querySelector("article.talk").dataset.talk);
      await page.goto(`${url}/talks/${talk}`);
      const link = page.locator("section.links a.talk-url");
      assert.strictEqual(await link.textContent(), "Schedule page");
      assert.strictEqual(await link.getAttribute("href"), "https://tiny.example/10");
      assert.ok(await link.isVisible(), "the schedule link is shown");
    });
    await check("no Content-Security-Policy violation on the pages", async () => {
      const csp = cspErrors.filter((e) => /Content Security Policy/i.test(e));
      assert.deepStrictEqual(csp, []);
    });
  } finally {
    await context.close();
    child.kill("SIGTERM");
    await new Promise((r) => child.on("exit", r));
    fs.rmSync(profile, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  }
  console.log(`${passed} passed, ${failures} failed`);
  process.exit(failures ? 1 : 0);
})().catch((e) => {
  console.error("browser tests: " + (e.stack || e));
  process.exit(1);
});

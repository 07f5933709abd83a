// What the browser tests share: Debian's chromium, headless, in a fresh profile each run (a
// persistent context: playwright passes --user-data-dir for it), one page with a 15 s default
// timeout. withPage(options, steps) runs steps(page, seen), records an exception as
// seen.error, closes the browser, removes the profile and prints seen as one JSON line.
"use strict";
const { chromium } = require("playwright-core");
const fs = require("fs");
const os = require("os");
const path = require("path");

async function withPage(options, steps) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "upyos-chromium-"));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    ...options,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const seen = {};
  try {
    const page = browser.pages()[0] || await browser.newPage();
    page.setDefaultTimeout(15000);
    await steps(page, seen);
  } catch (e) {
    seen.error = String(e);
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  process.stdout.write(JSON.stringify(seen) + "\n");
}

module.exports = { withPage };

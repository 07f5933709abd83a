// Looks at the board's display in the web desktop, in Debian's chromium:
//   node display.js URL USER PASSWORD ROWS
// logs in, waits until the display canvas shows the picture ROWS (the rows in hex, as
// /api/display gives them) and takes a screenshot of the canvas. Prints JSON with the PNG in
// base64; the pytest side compares its pixels with the program's frame buffer.
"use strict";
const { chromium } = require("playwright-core");
const fs = require("fs");
const os = require("os");
const path = require("path");

async function main() {
  const [url, user, password, rows] = process.argv.slice(2);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "upyos-chromium-"));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    deviceScaleFactor: 1,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const seen = {};
  try {
    const page = browser.pages()[0] || await browser.newPage();
    page.setDefaultTimeout(15000);
    await page.goto(url);
    await page.waitForSelector("#login:not([hidden])");
    await page.fill("#user", user);
    await page.fill("#password", password);
    await page.click("#login-form button");
    await page.waitForSelector("#display-panel:not([hidden])");
    await page.waitForFunction((want) => document.getElementById("display").dataset.rows === want, rows);
    const canvas = page.locator("#display");
    seen.size = await canvas.evaluate((c) => [c.width, c.height]);
    seen.png = (await canvas.screenshot()).toString("base64");
  } catch (e) {
    seen.error = String(e);
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  process.stdout.write(JSON.stringify(seen) + "\n");
}

main();

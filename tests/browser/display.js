// Looks at the board's display in the web desktop, in Debian's chromium:
//   node display.js URL USER PASSWORD ROWS
// logs in, waits until the display canvas shows the picture ROWS (the rows in hex, as
// /api/display gives them) and takes a screenshot of the canvas. Prints JSON with the PNG in
// base64; the pytest side compares its pixels with the program's frame buffer.
"use strict";
const { withPage } = require("./chromium");

async function main() {
  const [url, user, password, rows] = process.argv.slice(2);
  await withPage({ deviceScaleFactor: 1 }, async (page, seen) => {
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
  });
}

main();

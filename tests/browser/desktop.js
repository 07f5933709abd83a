// Uses the web desktop as a person would, in Debian's chromium:
//   node desktop.js URL USER PASSWORD FILE
// logs in, waits for the status and its plot to show and update, opens FILE in the editor,
// appends a line and saves; in FILE's folder uploads up.txt, makes the folder made-in-browser
// and deletes old.txt; toggles GPIO pin 3, and runs a command in the terminal. Prints what it
// saw as JSON; the pytest side checks it against the system.
"use strict";
const { withPage } = require("./chromium");

async function main() {
  const [url, user, password, file] = process.argv.slice(2);
  await withPage({}, async (page, seen) => {
    // the file manager asks with prompt() and confirm(): answer as a user would
    page.on("dialog", (d) => (d.type() === "prompt" ? d.accept("made-in-browser") : d.accept()));
    await page.goto(url);
    await page.waitForSelector("#login:not([hidden])");
    await page.fill("#user", user);
    await page.fill("#password", "wrong-" + password);
    await page.click("#login-form button");
    await page.waitForFunction(() => document.getElementById("login-error").textContent !== "");
    seen.wrongLogin = await page.textContent("#login-error");
    await page.fill("#password", password);
    await page.click("#login-form button");
    await page.waitForSelector("#desktop:not([hidden])");
    await page.waitForFunction(() => document.getElementById("uptime").textContent !== "-");
    seen.memory = await page.textContent("#memory");
    const first = await page.textContent("#uptime");
    await page.waitForFunction((t) => document.getElementById("uptime").textContent !== t, first);
    seen.uptimes = [first, await page.textContent("#uptime")];
    seen.plotSamples = Number(await page.getAttribute("#plot", "data-samples"));

    // files: walk to the file's folder and open it in the editor
    const parts = file.split("/").filter(Boolean);
    for (const dir of parts.slice(0, -1))
      await page.click(`#entries li.dir >> text="${dir}/"`);
    await page.click(`#entries li.file >> text=/^${parts[parts.length - 1]} /`);
    await page.waitForSelector("#editor:not([hidden])");
    const text = await page.inputValue("#text");
    await page.fill("#text", text + "edited in the browser\n");
    await page.click("#save");
    await page.waitForFunction(() => document.getElementById("saved").textContent === "Saved");
    seen.saved = true;

    // the file manager, in that folder: upload (a multipart form), new folder, delete
    await page.setInputFiles("#upload", { name: "up.txt", mimeType: "text/plain",
                                          buffer: Buffer.from("uploaded from chromium\n") });
    await page.waitForSelector('#entries li.file >> text=/^up.txt /');
    seen.downloadHref = await page.getAttribute('#entries li.file:has-text("up.txt") a', "href");
    await page.click("#mkdir");
    await page.waitForSelector('#entries li.dir >> text="made-in-browser/"');
    await page.click('#entries li.file:has-text("old.txt") button.delete');
    await page.waitForSelector('#entries li.file:has-text("old.txt")', { state: "detached" });
    seen.files = await page.$$eval("#entries li .name", (names) => names.map((n) => n.textContent));

    // GPIO: toggle pin 3
    seen.pinBefore = await page.textContent("#pin3");
    await page.click("#pin3");
    await page.waitForFunction((t) => document.getElementById("pin3").textContent !== t, seen.pinBefore);
    seen.pinAfter = await page.textContent("#pin3");

    // terminal
    await page.click("#connect");
    await page.waitForFunction(() => document.getElementById("screen").textContent.includes("$: "));
    await page.focus("#screen");
    await page.keyboard.type("echo web:terminal");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => /\nweb:terminal/.test(document.getElementById("screen").textContent));
    seen.screen = await page.textContent("#screen");
  });
}

main();

// The web desktop: status, GPIO, the board's display, files with an editor, and a terminal
// over /ws.
"use strict";
const $ = (id) => document.getElementById(id);

async function api(path, body, raw) {
  const opts = body === undefined ? {} : raw ? { method: "POST", body }
    : { method: "POST", body: JSON.stringify(body), headers: { "Content-Type": "application/json" } };
  const r = await fetch("/api/" + path, opts);
  if (r.status === 401) { showLogin(); throw new Error("login required"); }
  const type = r.headers.get("Content-Type") || "";
  const data = type.startsWith("application/json") ? await r.json() : await r.text();
  if (!r.ok) throw new Error(data.error || r.statusText);
  return data;
}

function showLogin() { $("desktop").hidden = true; $("login").hidden = false; }

$("login-form").onsubmit = async (e) => {
  e.preventDefault();
  const r = await fetch("/api/login", { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ user: $("user").value, password: $("password").value }) });
  if (!r.ok) { $("login-error").textContent = "Login incorrect"; return; }
  $("login-error").textContent = "";
  start();
};
$("logout").onclick = async () => { await fetch("/api/logout"); showLogin(); };

// ---- status ----
function duration(s) {
  const d = Math.floor(s / 86400), h = Math.floor(s / 3600) % 24, m = Math.floor(s / 60) % 60;
  return `${d}d ${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}
async function refreshStatus() {
  const s = await api("status");
  $("sysname").textContent = `${s.name} ${s.version}`;
  $("board").textContent = `${s.platform} / ${s.board}`;
  $("uptime").textContent = duration(s.uptime);
  $("memory").textContent = `${s.mem_used} of ${s.mem_total} bytes used`;
  $("memmeter").value = s.mem_total ? s.mem_used / s.mem_total : 0;
  $("procs").textContent = s.processes;
  plotSample(s.mem_used, s.processes);
}

// The last two minutes of memory in use and of the process count, on a canvas; each line is
// scaled to its own largest value in that time, so changes show even when they are small.
const samples = [];
function plotSample(memUsed, processes) {
  samples.push({ memUsed, processes });
  if (samples.length > 60) samples.shift();
  const canvas = $("plot"), g = canvas.getContext("2d"), w = canvas.width, h = canvas.height;
  const x = (i) => (samples.length < 2 ? w : (i * (w - 1)) / (samples.length - 1));
  g.clearRect(0, 0, w, h);
  const line = (color, key, label) => {
    const top = Math.max(1, ...samples.map((p) => p[key])) * 1.25;
    g.strokeStyle = g.fillStyle = color;
    g.beginPath();
    samples.forEach((p, i) => {
      const y = h - 2 - (p[key] / top) * (h - 4);
      if (i) g.lineTo(x(i), y); else g.moveTo(x(i), y);
    });
    g.stroke();
    g.fillText(label, label === "memory" ? 4 : 60, 10);
  };
  g.font = "10px system-ui";
  line("#36c", "memUsed", "memory");
  line("#e80", "processes", "processes");
  canvas.dataset.samples = samples.length;
}

// ---- GPIO ----
async function refreshPins() {
  const { pins } = await api("gpio/status");
  const box = $("pins");
  box.replaceChildren(...pins.map((p) => {
    const b = document.createElement("button");
    b.className = "pin" + (p.val ? " on" : "");
    b.id = "pin" + p.pin;
    b.textContent = `${p.pin}: ${p.val}`;
    b.onclick = async () => { await api("gpio/set", { pin: p.pin, val: p.val ? 0 : 1 }); refreshPins(); };
    return b;
  }));
}

// ---- the board's display: its picture polled and drawn 2x2 screen pixels a dot ----
const SCALE = 2;
let lastRows = null;
async function refreshDisplay() {
  let d;
  try { d = await api("display"); } catch (e) { return false; }   // the board has none
  $("display-panel").hidden = false;
  const canvas = $("display");
  if (d.rows === lastRows) return true;
  canvas.width = d.width * SCALE;
  canvas.height = d.height * SCALE;
  const g = canvas.getContext("2d"), bytesPerRow = d.width / 8;
  g.fillStyle = "#000";
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.fillStyle = "#9df";
  for (let y = 0; y < d.height; y++)
    for (let x = 0; x < d.width; x++) {
      const i = 2 * (y * bytesPerRow + (x >> 3));
      if (parseInt(d.rows.substr(i, 2), 16) & (0x80 >> (x & 7))) g.fillRect(x * SCALE, y * SCALE, SCALE, SCALE);
    }
  lastRows = d.rows;
  canvas.dataset.rows = d.rows;    // what is drawn, for a test to wait for
  return true;
}

// ---- files ----
let cwd = "/", editing = null;
const join = (dir, name) => (dir === "/" ? "" : dir) + "/" + name;
function entryRow(e) {
  const li = document.createElement("li");
  li.className = e.type;
  const name = document.createElement("span");
  name.className = "name";
  name.textContent = e.type === "dir" ? e.name + "/" : `${e.name} (${e.size})`;
  name.onclick = () => (e.type === "dir" ? openDir(join(cwd, e.name)) : openFile(join(cwd, e.name)));
  li.append(name);
  if (e.name === "..") return li;
  const path = join(cwd, e.name);
  if (e.type !== "dir") {
    const get = document.createElement("a");
    get.href = "/api/fs/download?path=" + encodeURIComponent(path);
    get.textContent = "download";
    li.append(get);
  }
  const del = document.createElement("button");
  del.textContent = "delete";
  del.className = "delete";
  del.onclick = () => fsAction(`Delete ${path}?`, () => api("fs/delete", { path }));
  li.append(del);
  return li;
}
async function openDir(path) {
  const { path: clean, entries } = await api("fs/list", { path });
  cwd = clean;
  $("cwd").textContent = cwd;
  const items = entries.sort((a, b) => (a.type === b.type ? a.name.localeCompare(b.name) : a.type === "dir" ? -1 : 1));
  if (cwd !== "/") items.unshift({ name: "..", type: "dir" });
  $("entries").replaceChildren(...items.map(entryRow));
}
// Runs a change to the files (after the user confirms, when a question is given), then
// shows the folder again, or what went wrong.
async function fsAction(question, change) {
  if (question && !confirm(question)) return;
  try {
    await change();
    $("fs-message").textContent = "";
  } catch (e) {
    $("fs-message").textContent = e.message;
  }
  openDir(cwd);
}
$("mkdir").onclick = () => {
  const name = prompt("New folder name");
  if (name) fsAction(null, () => api("fs/mkdir", { path: join(cwd, name) }));
};
// Each chosen file goes up as a multipart/form-data form, the way a browser uploads.
$("upload").onchange = async (ev) => {
  for (const file of ev.target.files) {
    const form = new FormData();
    form.append("file", file, file.name);
    await fsAction(null, () => api("fs/upload?path=" + encodeURIComponent(join(cwd, file.name)), form, true));
  }
  ev.target.value = "";
};
async function openFile(path) {
  $("text").value = await api("fs/read?path=" + encodeURIComponent(path));
  editing = path;
  $("editing").textContent = path;
  $("saved").textContent = "";
  $("editor").hidden = false;
}
$("save").onclick = async () => {
  await api("fs/write?path=" + encodeURIComponent(editing), $("text").value, true);
  $("saved").textContent = "Saved";
  openDir(cwd);
};
$("close").onclick = () => { $("editor").hidden = true; editing = null; };

// ---- terminal: a tiny ANSI subset (CR, LF, BS, ESC[K, ESC[nD/C, ESC[2J, ESC[H) ----
const term = { lines: [""], row: 0, col: 0, ws: null, decoder: new TextDecoder() };
function termPut(text) {
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    let line = term.lines[term.row];
    if (ch === "\x1b") {
      const m = /^\x1b\[([0-9;]*)([A-Za-z])/.exec(text.slice(i));
      if (!m) continue;
      i += m[0].length - 1;
      const n = parseInt(m[1] || "1", 10);
      if (m[2] === "K") term.lines[term.row] = line.slice(0, term.col);
      else if (m[2] === "D") term.col = Math.max(0, term.col - n);
      else if (m[2] === "C") term.col += n;
      else if (m[2] === "J") { term.lines = [""]; term.row = term.col = 0; }
      else if (m[2] === "H") { term.row = 0; term.col = 0; }
    } else if (ch === "\r") term.col = 0;
    else if (ch === "\n") { term.row++; term.col = 0; if (term.row === term.lines.length) term.lines.push(""); }
    else if (ch === "\b") term.col = Math.max(0, term.col - 1);
    else if (ch >= " ") {
      line = line.padEnd(term.col);
      term.lines[term.row] = line.slice(0, term.col) + ch + line.slice(term.col + 1);
      term.col++;
    }
  }
  if (term.lines.length > 500) { term.row -= term.lines.length - 500; term.lines = term.lines.slice(-500); }
  const screen = $("screen");
  screen.textContent = term.lines.join("\n");
  screen.scrollTop = screen.scrollHeight;
}
const keys = { Enter: "\r", Backspace: "\x7f", Tab: "\t", ArrowUp: "\x1b[A", ArrowDown: "\x1b[B",
  ArrowRight: "\x1b[C", ArrowLeft: "\x1b[D", Home: "\x1b[H", End: "\x1b[F", Delete: "\x1b[3~" };
$("screen").onkeydown = (e) => {
  if (!term.ws || term.ws.readyState !== 1) return;
  let data = keys[e.key];
  if (e.ctrlKey && e.key.length === 1) data = String.fromCharCode(e.key.toUpperCase().charCodeAt(0) & 31);
  else if (!data && e.key.length === 1) data = e.key;
  if (data) { term.ws.send(data); e.preventDefault(); }
};
$("screen").onpaste = (e) => { if (term.ws) term.ws.send(e.clipboardData.getData("text")); e.preventDefault(); };
$("connect").onclick = () => {
  if (term.ws) term.ws.close();
  const ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws");
  ws.binaryType = "arraybuffer";
  ws.onmessage = (m) => termPut(typeof m.data === "string" ? m.data : term.decoder.decode(m.data, { stream: true }));
  ws.onclose = () => termPut("\r\n[disconnected]\r\n");
  term.ws = ws;
  $("screen").focus();
};

let timer = null, displayTimer = null;
async function start() {
  try { await refreshStatus(); } catch (e) { return; }
  $("login").hidden = true;
  $("desktop").hidden = false;
  refreshPins();
  openDir(cwd);
  clearInterval(timer);
  timer = setInterval(() => refreshStatus().catch(() => clearInterval(timer)), 2000);
  clearInterval(displayTimer);
  if (await refreshDisplay()) displayTimer = setInterval(refreshDisplay, 500);
}
start();

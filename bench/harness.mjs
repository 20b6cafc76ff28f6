// Process, measurement and report helpers shared by the benches that run Sluice's production server
// (`node server.js`) next to a baseline: free ports, child processes that die with the bench, /proc figures,
// side-by-side tables.
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const children = new Set();
export const killAll = () => children.forEach((c) => c.exitCode === null && c.kill("SIGKILL"));
process.on("exit", killAll);
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => process.exit(130));

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

export function get(url) {
  return new Promise((resolve) => {
    http
      .get(url, { agent: false }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode));
      })
      .on("error", () => resolve(0));
  });
}

/** Current and peak RSS (VmRSS, VmHWM; MB) and CPU seconds (user + system) of a process, from /proc. */
export function procStats(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return {
      rssMb: Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024,
      peakRssMb: Number(/VmHWM:\s+(\d+)/.exec(status)[1]) / 1024,
      cpuSec: statCpuMs(fs.readFileSync(`/proc/${pid}/stat`, "utf8")) / 1000,
    };
  } catch {
    return { rssMb: NaN, peakRssMb: NaN, cpuSec: NaN };
  }
}

/** utime + stime in ms from a /proc/…/stat line (after the command name, which may hold spaces; CLK_TCK 100). */
function statCpuMs(stat) {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU time (ms, user + system) of each thread of `pid`, by thread id; the main thread's id is the pid. */
export function threadCpuMs(pid) {
  const byThread = new Map();
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      byThread.set(tid, statCpuMs(fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8")));
    } catch {
      // the thread ended meanwhile
    }
  }
  return byThread;
}

/** The CPU (ms) each thread of `pid` spent between two threadCpuMs(pid) readings: the main thread's, and the
 *  others' (busiest first). */
export function threadCpuSpent(pid, before, after) {
  let main = 0;
  const others = [];
  for (const [tid, ms] of after) {
    const spent = Math.max(0, ms - (before.get(tid) ?? 0));
    if (tid === String(pid)) main = spent;
    else others.push(spent);
  }
  return { main, others: others.sort((a, b) => b - a) };
}

/** CPU time (ms, user + system) of every process named `comm` (e.g. "postgres": the database server's own). */
export function commandCpuMs(comm) {
  let total = 0;
  for (const pid of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      if (stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")) === comm) total += statCpuMs(stat);
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/** Microseconds that some runnable task waited for a CPU (Linux PSI); its rate shows how busy the machine was. */
export function cpuStallUs() {
  try {
    return Number(/some .*total=(\d+)/.exec(fs.readFileSync("/proc/pressure/cpu", "utf8"))[1]);
  } catch {
    return NaN;
  }
}

/** Starts `node <args>` in the project folder with its output in `logFile`; killed when the bench exits. */
export function start(label, args, env, logFile, options = {}) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: options.ipc ? ["ignore", "pipe", "pipe", "ipc"] : "pipe",
  });
  children.add(child);
  const log = fs.createWriteStream(logFile);
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  child.on("exit", () => children.delete(child));
  child.startedAt = performance.now();
  child.label = label;
  child.logFile = logFile;
  return child;
}

export async function stop(child, graceMs = 5_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  if (await Promise.race([exited.then(() => true), sleep(graceMs)])) return;
  child.kill("SIGKILL");
  await exited;
}

/** Waits until `url` answers 200 (the server is up), or throws with the child's log file. */
export async function waitForHealth(child, url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while ((await get(url)) !== 200) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`${child.label} did not start: see ${child.logFile}`);
    await sleep(200);
  }
}

/** Waits for a line of the child's stdout matching `pattern`; answers the match. */
export function waitForOutput(child, pattern, timeoutMs = 60_000) {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`${child.label}: no ${pattern} in ${timeoutMs} ms`)), timeoutMs);
    const onData = (d) => {
      seen += String(d);
      const m = pattern.exec(seen);
      if (m) {
        clearTimeout(timer);
        child.stdout.off("data", onData);
        resolve(m);
      }
    };
    child.stdout.on("data", onData);
    child.once("exit", () => reject(new Error(`${child.label} exited: see ${child.logFile}`)));
  });
}

export const fmt = (n, d = 0) =>
  Number.isFinite(n) ? n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d }) : "-";

/** Prints rows (arrays of strings) under `head`; the first `leftColumns` are left-aligned, the rest right. */
export function printTable(head, body, leftColumns = 1) {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => String(b[i]).length)));
  const line = (cells) =>
    cells.map((c, i) => (i < leftColumns ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join("  ");
  console.log(line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  body.forEach((b) => console.log(line(b)));
}

export function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : NaN;
}

/** Least-squares slope of samples taken once a second: e.g. how fast a backlog grew, per second. */
export function slope(samples) {
  const n = samples.length;
  if (n < 2) return 0;
  const mx = (n - 1) / 2;
  const my = samples.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  samples.forEach((y, x) => {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  });
  return num / den;
}

/** A workspace and its source, written straight into PostgreSQL (what Sluice's setup would leave). */
export async function seedPostgresSource(pool, ids) {
  await pool.query(`INSERT INTO "Workspace" ("id","name","updatedAt") VALUES ($1,$2,now())`, [
    ids.workspaceId,
    "Bench",
  ]);
  await pool.query(
    `INSERT INTO "Source" ("id","workspaceId","type","name","writeKey","enabled","updatedAt") VALUES ($1,$2,$3,$4,$5,true,now())`,
    [ids.sourceId, ids.workspaceId, "nodejs", "Bench", ids.writeKey],
  );
  return ids;
}

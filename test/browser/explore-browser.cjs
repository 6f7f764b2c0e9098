// The explorer in a real browser: starts `gmc explore`, drives headless
// Chromium through playwright-core, edits the program, and checks that the
// panes follow: map badges (inlined and not), linked IR and assembly lines,
// the Run button's output. Saves a screenshot.
//
//   node explore-browser.cjs <gmc> <chromium> <node_modules> <program.gm> <out.png>
//
// Exits 77 (ctest's SKIP_RETURN_CODE) when Chromium is not installed.

const { spawn } = require("child_process");
const fs = require("fs");
const path = require("path");

const [gmc, chromiumPath, nodeModules, program, screenshot] = process.argv.slice(2);

function fail(msg) {
  console.error("FAIL: " + msg);
  process.exitCode = 1;
  throw new Error(msg);
}

function check(cond, msg) {
  if (!cond) fail(msg);
  console.log("ok: " + msg);
}

function startExplorer() {
  return new Promise((resolve, reject) => {
    const child = spawn(gmc, ["explore", program], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) resolve({ child, url: m[0] });
    });
    child.on("exit", (code) => reject(new Error("gmc explore exited with " + code + ": " + out)));
    setTimeout(() => reject(new Error("gmc explore printed no address")), 10000);
  });
}

async function main() {
  if (!chromiumPath || !fs.existsSync(chromiumPath)) {
    console.log("SKIP: Chromium is not installed (scripts/bootstrap.sh installs Debian's chromium)");
    process.exit(77);
  }
  const { chromium } = require(path.resolve(nodeModules, "playwright-core"));
  const { child, url } = await startExplorer();
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      // Root (CI) cannot use Chromium's sandbox.
      args: ["--no-sandbox", "--disable-gpu"],
    });
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    page.setDefaultTimeout(20000);
    await page.goto(url);
    await page.waitForSelector('body[data-compiles="1"]');

    // The example's int-keyed operations are inlined at -O2, the string-keyed
    // ones stay calls.
    const inlined = await page.locator("#source .gm-badge-inlined").count();
    const calls = await page.locator("#source .gm-badge-call").count();
    check(inlined >= 3, `${inlined} inlined map badges at -O2`);
    check(calls >= 1, `${calls} map badges for calls (string keys)`);
    const assignBadge = page.locator('#source .cm-line:has-text("squares[i] = i * i") .gm-badge-inlined');
    check((await assignBadge.textContent()).includes("mapassign_fast64"),
      "the assignment's badge names runtime.mapassign_fast64");

    // Type a new map lookup into the editor; the panes recompile.
    // (A short line: End on a wrapped one ends the visual line.)
    const agesLine = page.locator('#source .cm-line:has-text("ages[\\"alan\\"] = 41")');
    await agesLine.click({ position: { x: 40, y: 6 } });
    await page.keyboard.press("End");
    await page.keyboard.press("Enter");
    await page.keyboard.type('fmt.Println("cube", squares[3]*3)');
    await page.waitForSelector('body[data-compiles="2"]');
    const newBadge = page.locator('#source .cm-line:has-text("cube") .gm-badge-inlined');
    check((await newBadge.textContent()).includes("mapaccess1_fast64"),
      "the typed lookup gets an inlined mapaccess1_fast64 badge");

    // Selecting a source line highlights the IR and assembly it became.
    const assignLine = page.locator('#source .cm-line:has-text("squares[i] = i * i")');
    await assignLine.click({ position: { x: 40, y: 6 } });
    await page.waitForSelector("#ir0 .gm-linked").catch(async (e) => {
      await page.screenshot({ path: screenshot.replace(/\.png$/, "-failed.png") });
      throw e;
    });
    const ir0 = await page.locator("#ir0 .gm-linked").allTextContents();
    check(ir0.some((l) => l.includes("runtime.mapassign_fast64")),
      "the -O0 IR lines linked to the assignment call runtime.mapassign_fast64");
    check((await page.locator("#irinline .gm-linked").count()) > 0,
      "IR after gm-map-inline has lines linked to the assignment");
    check((await page.locator("#asm .gm-linked").count()) > 0,
      "assembly has lines linked to the assignment");
    // The inlined fast path is new code: the diff marks it.
    check((await page.locator("#irinline .gm-linked.gm-changed").count()) > 0,
      "the IR after gm-map-inline marks the inlined lines as changed");

    // Run it.
    await page.click("#run");
    await page.waitForSelector('body[data-runs="1"]', { timeout: 45000 });
    const output = await page.locator("#output").textContent();
    check(output.includes("7 squared is 49") && output.includes("cube 27"),
      "Run shows the program's output");
    check(output.includes("exit status 0"), "Run shows the exit status");

    fs.mkdirSync(path.dirname(screenshot), { recursive: true });
    await assignLine.click({ position: { x: 40, y: 6 } });
    await page.screenshot({ path: screenshot });
    console.log("screenshot: " + screenshot);

    // --export: one file that shows the same view with no server and no
    // network at all.
    const report = path.join(path.dirname(screenshot), "report.html");
    const exp = require("child_process").spawnSync(
      gmc, ["explore", program, "--export", report, "-O2"], { stdio: "inherit" });
    check(exp.status === 0, "gmc explore --export writes " + report);
    const offline = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    let requests = 0;
    await offline.route("**/*", (route) => {
      if (route.request().url().startsWith("file:")) return route.continue();
      requests++;
      return route.abort();
    });
    await offline.goto("file://" + path.resolve(report));
    await offline.waitForSelector('body[data-compiles="1"]');
    check((await offline.locator("#source .gm-badge-inlined").count()) >= 3,
      "the exported page shows the inlined badges");
    await offline.locator('#source .cm-line:has-text("squares[i] = i * i")')
      .click({ position: { x: 40, y: 6 } });
    await offline.waitForSelector("#asm .gm-linked");
    check(requests === 0, "the exported page made no network request");
  } finally {
    if (browser) await browser.close();
    child.kill();
  }
}

main().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(process.exitCode || 1);
});

// Drives Neo4j Browser in headless Chromium: connect, apply the kg style sheet, run one query
// full screen and save a PNG. Run by scripts/browser-screenshot.sh (which provides puppeteer-core).
//
//   node browser.js HTTP_URL BOLT_HOST:PORT PASSWORD GRASS_FILE QUERY OUT.png
// Environment: CHROMIUM (browser binary), PROFILE_DIR (fresh Chromium profile), SCALE (pixel ratio).
'use strict';
const fs = require('fs');
const puppeteer = require('puppeteer-core');

const [httpURL, boltAddr, password, grassFile, query, out] = process.argv.slice(2);
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

// runInEditor puts text in the Browser's editor and runs it. The text is pasted, not typed:
// Monaco would auto-close the quotes and braces of typed text.
async function runInEditor(page, text) {
  const editor = await page.waitForSelector('.monaco-editor textarea');
  await editor.focus();
  await page.evaluate(t => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.activeElement.dispatchEvent(
      new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
  }, text);
  await sleep(300);
  await page.click('[data-testid="editor-Run"]');
}

async function main() {
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    userDataDir: process.env.PROFILE_DIR,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({width: 1400, height: 900, deviceScaleFactor: Number(process.env.SCALE || 1)});
    await page.goto(`${httpURL}/browser/?dbms=bolt://neo4j@${boltAddr}`, {waitUntil: 'networkidle2', timeout: 60000});
    await page.type('[data-testid="password"]', password);
    await page.click('[data-testid="connect"]');
    // The editor prompt shows the database name once the session is open.
    await page.waitForFunction(() => document.body.innerText.includes('neo4j$'), {timeout: 30000});

    await runInEditor(page, ':style ' + fs.readFileSync(grassFile, 'utf8'));
    await page.waitForFunction(() => document.body.innerText.includes('relationship.MENTIONS'), {timeout: 10000});
    await runInEditor(page, ':clear');
    await sleep(500);

    await runInEditor(page, query);
    // Full screen before the graph is drawn, so that the layout starts in the large viewport.
    await page.waitForFunction(() => {
      const button = document.querySelector('button[title="Fullscreen"]');
      return button && button.getBoundingClientRect().width > 0 && (button.click(), true);
    }, {timeout: 30000});
    await page.waitForFunction(() => document.querySelectorAll('svg.neod3viz g.node').length > 0, {timeout: 60000});
    // Let the force layout settle, then fit the graph (twice: the first fit can catch the tail of the layout).
    await sleep(10000);
    for (const wait of [3000, 2000]) {
      await page.click('button[aria-label="zoom-to-fit"]');
      await sleep(wait);
    }

    // Zoom-to-fit centres the graph in the whole frame, whose right part the Overview panel
    // covers: drag the canvas so that the graph is centred in the visible part.
    const drag = await page.evaluate(() => {
      const nodes = document.querySelector('svg.neod3viz g.layer.nodes').getBoundingClientRect();
      const canvas = document.querySelector('svg.neod3viz').getBoundingClientRect();
      const overview = [...document.querySelectorAll('*')].find(e => e.textContent.trim() === 'Overview');
      const visibleRight = overview ? overview.getBoundingClientRect().left : canvas.right;
      return {dx: (canvas.left + visibleRight) / 2 - (nodes.left + nodes.right) / 2, x: canvas.left + 20, y: canvas.top + 20};
    });
    await page.mouse.move(drag.x, drag.y);
    await page.mouse.down();
    await page.mouse.move(drag.x + drag.dx, drag.y, {steps: 10});
    await page.mouse.up();
    await sleep(1000);

    await page.screenshot({path: out});
  } finally {
    await browser.close();
  }
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});

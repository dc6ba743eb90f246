"""The web page of `precis serve` as a person uses it, in Debian's Chromium
(headless, driven through the DevTools protocol with python3-websocket):
load /, paste the sample article, press Analyse, read the key points and
the highlighted quotations, hover and focus one, copy the JSON; then the
same at phone width with the keyboard.  Screenshots go to
BUILD/serve-desktop.png and BUILD/serve-phone.png.
usage: browser_test.py PRECIS SOURCE_DIR BUILD_DIR"""
import base64
import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import Server, skip  # noqa: E402

try:
    import websocket  # Debian: python3-websocket
except ImportError:
    skip("no python3 websocket module (Debian: python3-websocket; tools/install-deps --test)")

PRECIS, SRC, BUILD = sys.argv[1], sys.argv[2], sys.argv[3]
CHROMIUM = next((shutil.which(c) for c in ("chromium", "chromium-browser", "google-chrome") if shutil.which(c)), None)
if not CHROMIUM:
    skip("no chromium (Debian: chromium; tools/install-deps --test)")
ARTICLE = open(os.path.join(SRC, "examples", "harbour-bridge.txt"), encoding="utf-8").read()
FAILS = []
NCHECKS = 0


def check(cond, what):
    global NCHECKS
    NCHECKS += 1
    if not cond:
        FAILS.append(what)
        print("FAIL: " + what)


class Chrome:
    """A headless Chromium and one page, over the DevTools protocol."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="precis-chromium-")
        args = [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
                "--disable-sync", "--mute-audio", "--hide-scrollbars", "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0", "--user-data-dir=" + self.profile, "about:blank"]
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        port = None
        t = time.monotonic()
        buf = b""
        while time.monotonic() - t < 30 and port is None:
            r, _, _ = select.select([self.proc.stderr], [], [], 1)
            if r:
                chunk = os.read(self.proc.stderr.fileno(), 4096)
                if not chunk:
                    break
                buf += chunk
                m = re.search(rb"DevTools listening on ws://127\.0\.0\.1:(\d+)/", buf)
                if m:
                    port = int(m.group(1))
        if port is None:
            self.close()
            raise RuntimeError("chromium did not start: %r" % buf[-2000:])
        # keep reading its stderr so that it never blocks on a full pipe
        self.drain = subprocess.Popen(["cat"], stdin=self.proc.stderr, stdout=subprocess.DEVNULL)
        targets = json.load(urllib.request.urlopen("http://127.0.0.1:%d/json/list" % port, timeout=10))
        page = next(t for t in targets if t.get("type") == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60, suppress_origin=True)
        self.next_id = 0
        self.events = []

    def send(self, method, **params):
        self.next_id += 1
        mid = self.next_id
        self.ws.send(json.dumps({"id": mid, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == mid:
                if "error" in msg:
                    raise RuntimeError("%s: %s" % (method, msg["error"]))
                return msg.get("result", {})
            self.events.append(msg)

    def wait_event(self, name, timeout=30):
        t = time.monotonic()
        while time.monotonic() - t < timeout:
            for i, e in enumerate(self.events):
                if e.get("method") == name:
                    del self.events[i]
                    return e
            self.ws.settimeout(max(0.1, timeout - (time.monotonic() - t)))
            try:
                self.events.append(json.loads(self.ws.recv()))
            except websocket.WebSocketTimeoutException:
                break
        raise RuntimeError("no %s in %d s" % (name, timeout))

    def js(self, expr, await_promise=False):
        r = self.send("Runtime.evaluate", expression=expr, returnByValue=True, awaitPromise=await_promise)
        if "exceptionDetails" in r:
            raise RuntimeError("JS error in %r: %s" % (expr[:80], r["exceptionDetails"]))
        return r["result"].get("value")

    def wait_js(self, expr, timeout=30):
        t = time.monotonic()
        while time.monotonic() - t < timeout:
            v = self.js(expr)
            if v:
                return v
            time.sleep(0.1)
        return self.js(expr)

    def click(self, selector):
        """A mouse click in the middle of the element, as a person clicks."""
        # where it is once the page stands still (a smooth scroll of an
        # earlier step may still be moving it) and nothing covers it
        probe = ("(() => { const e = document.querySelector(%s); const r = e.getBoundingClientRect();"
                 " const x = r.x + r.width / 2, y = r.y + r.height / 2; const t = document.elementFromPoint(x, y);"
                 " return [x, y, !!t && e.contains(t)]; })()" % json.dumps(selector))
        self.js("document.querySelector(%s).scrollIntoView({block: 'center', behavior: 'instant'})" % json.dumps(selector))
        last = None
        for _ in range(50):
            time.sleep(0.1)
            box = self.js(probe)
            if box == last and box[2]:
                break
            last = box
            self.js("document.querySelector(%s).scrollIntoView({block: 'center', behavior: 'instant'})"
                    % json.dumps(selector))
        x, y = box[0], box[1]
        self.send("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
        self.send("Input.dispatchMouseEvent", type="mousePressed", x=x, y=y, button="left", clickCount=1)
        self.send("Input.dispatchMouseEvent", type="mouseReleased", x=x, y=y, button="left", clickCount=1)

    def hover(self, selector):
        x, y = self.js("(() => { const e = document.querySelector(%s); e.scrollIntoView({block: 'center', behavior: 'instant'});"
                       " const r = e.getClientRects()[0]; return [r.x + 2, r.y + r.height / 2]; })()" % json.dumps(selector))
        self.send("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)

    def key(self, key, code, keycode, text=None):
        down = dict(type="keyDown", key=key, code=code, windowsVirtualKeyCode=keycode, nativeVirtualKeyCode=keycode)
        if text:
            down["text"] = text
        self.send("Input.dispatchKeyEvent", **down)
        self.send("Input.dispatchKeyEvent", type="keyUp", key=key, code=code, windowsVirtualKeyCode=keycode,
                  nativeVirtualKeyCode=keycode)

    def viewport(self, width, height, scale, mobile):
        self.send("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=scale, mobile=mobile)

    def screenshot(self, path, width, scale, mobile, full=True):
        """The whole page (full), or what the window shows."""
        if full:
            h = self.js("Math.ceil(document.documentElement.scrollHeight)")
            self.viewport(width, h, scale, mobile)
            time.sleep(0.3)
        png = base64.b64decode(self.send("Page.captureScreenshot", format="png")["data"])
        with open(path, "wb") as f:
            f.write(png)
        return len(png)

    def close(self):
        try:
            self.ws.close()
        except Exception:
            pass
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if getattr(self, "drain", None):
            self.drain.wait(10)
        shutil.rmtree(self.profile, ignore_errors=True)


# What the page shows, read from the DOM: key points, and every quotation's
# highlighted pieces (their text joined across the marks they are split in),
# speaker and colour, the badges, the speaker list.
READ_PAGE = r"""(() => {
  const q = {};
  for (const m of document.querySelectorAll('#text mark.q')) {
    const key = m.dataset.quote + ':' + m.dataset.piece;
    const cls = [...m.classList].find((c) => /^s[0-9n]$/.test(c));
    q[key] = q[key] || {quote: +m.dataset.quote, piece: +m.dataset.piece, speaker: m.dataset.speaker, text: '', cls, focusable: 0};
    q[key].text += m.textContent;
    if (m.tabIndex === 0) q[key].focusable++;
  }
  const badges = [...document.querySelectorAll('#text .badge')].map((b) => ({quote: +b.dataset.quote, text: b.textContent}));
  return {
    status: document.getElementById('status').textContent,
    error: document.getElementById('error').hidden ? '' : document.getElementById('error').textContent,
    keypoints: [...document.querySelectorAll('#keypoints li')].map((li) => li.textContent),
    pieces: Object.values(q),
    badges,
    speakers: [...document.querySelectorAll('#speakers li')].map((li) => ({key: li.dataset.speaker, text: li.textContent})),
    entities: document.querySelectorAll('#entities li').length,
    figures: [...document.querySelectorAll('#figures li')].map((li) => li.textContent),
    overflow: document.documentElement.scrollWidth - window.innerWidth,
  };
})()"""


PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Ferry fares to rise</title></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Ferry fares to rise</h1>
<p>The regional council said on Monday that ferry fares would rise by 12 percent in July.</p>
<p>"We have held prices for four years, and fuel has doubled," said councillor Hemi Walker.</p>
<p>"Nobody on this council wants to do this," Walker said.</p>
<p>Commuter groups warned that the rise would push more people into cars.</p>
</article><footer>Copyright The Harbour Post</footer></body></html>
"""


def expected():
    body = json.dumps({"text": ARTICLE, "with_text": True}).encode()
    req = urllib.request.Request(SRV.url + "/v1/analyze", data=body, headers={"Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(req, timeout=60))


def check_page(page, want, where):
    check(not page["error"], "%s: the page shows an error: %s" % (where, page["error"]))
    check(page["status"].startswith("Done:"), "%s: status %r" % (where, page["status"]))
    check(page["keypoints"] == [k["text"] for k in want["keypoints"]],
          "%s: key points %r, want %r" % (where, page["keypoints"], [k["text"] for k in want["keypoints"]]))
    check(len(want["keypoints"]) >= (3 if where != "HTML file" else 1), "%s: too few key points" % where)
    # every piece of every quotation is highlighted, with its text and speaker
    got = {(p["quote"], p["piece"]): p for p in page["pieces"]}
    npieces = 0
    for i, q in enumerate(want["quotes"]):
        for k, c in enumerate(q["content"]):
            npieces += 1
            p = got.get((i, k))
            if not p:
                check(False, "%s: quotation %d piece %d (%r) not highlighted" % (where, i, k, c["text"][:40]))
                continue
            check(p["text"] == c["text"], "%s: quotation %d piece %d highlights %r, want %r" % (where, i, k, p["text"], c["text"]))
            check(p["speaker"] == (q["speaker"] or ""), "%s: quotation %d carries speaker %r, want %r" % (where, i, p["speaker"], q["speaker"]))
            check(p["focusable"] == 1, "%s: quotation %d piece %d: %d focusable marks, want 1" % (where, i, k, p["focusable"]))
    check(len(got) == npieces and npieces >= (10 if where != "HTML file" else 3), "%s: %d highlighted pieces, want %d" % (where, len(got), npieces))
    # one colour a speaker, different speakers different colours
    colour = {}
    for p in page["pieces"]:
        colour.setdefault(p["speaker"], set()).add(p["cls"])
    check(all(len(v) == 1 for v in colour.values()), "%s: a speaker with several colours: %r" % (where, colour))
    named = [next(iter(v)) for k, v in colour.items() if k]
    check(len(set(named)) == len(named), "%s: two speakers share a colour: %r" % (where, colour))
    check(colour.get("", {"sn"}) == {"sn"}, "%s: unresolved quotations not grey: %r" % (where, colour.get("")))
    # the speaker's name after each attributed quotation
    badges = {b["quote"]: b["text"] for b in page["badges"]}
    for i, q in enumerate(want["quotes"]):
        check(badges.get(i, "").endswith(q["speaker"] or "?"), "%s: quotation %d badge %r, want %r" % (where, i, badges.get(i), q["speaker"]))
    # the speaker list: counts
    counts = {}
    for q in want["quotes"]:
        counts[q["speaker"] or ""] = counts.get(q["speaker"] or "", 0) + 1
    listed = {s["key"]: s["text"] for s in page["speakers"]}
    check(set(listed) == set(counts), "%s: speakers listed %r, want %r" % (where, sorted(listed), sorted(counts)))
    for k, n in counts.items():
        check(re.search(r"\b%d quotations?$" % n, listed.get(k, "")), "%s: speaker %r: %r, want %d" % (where, k, listed.get(k), n))
    check(page["entities"] == len(want["entities"]), "%s: %d names listed, want %d" % (where, page["entities"], len(want["entities"])))
    check(len(page["figures"]) == len(want["figures"]) and all(f["text"] in t for f, t in zip(want["figures"], page["figures"])),
          "%s: figures %r" % (where, page["figures"]))
    check(page["overflow"] <= 0, "%s: the page is %d px wider than the window" % (where, page["overflow"]))


def console_errors(ch):
    errs = []
    for e in ch.events:
        m = e.get("method")
        if m == "Runtime.exceptionThrown":
            errs.append(e["params"]["exceptionDetails"].get("text"))
        elif m == "Runtime.consoleAPICalled" and e["params"]["type"] in ("error", "assert"):
            errs.append(repr(e["params"]["args"])[:200])
        elif m == "Log.entryAdded" and e["params"]["entry"]["level"] == "error":
            errs.append(e["params"]["entry"]["text"])
    return errs


def run(ch):
    want = expected()
    ch.send("Page.enable")
    ch.send("Runtime.enable")
    ch.send("Log.enable")
    # --- desktop: paste, click Analyse
    ch.viewport(1280, 900, 1, False)
    ch.send("Page.navigate", url=SRV.url + "/")
    ch.wait_event("Page.loadEventFired")
    check(ch.js("document.title").startswith("precis"), "the page's title: %r" % ch.js("document.title"))
    check(ch.js("document.getElementById('results').hidden"), "results shown before any analysis")
    ch.click("#article")
    ch.send("Input.insertText", text=ARTICLE)  # what a paste does
    check(ch.js("document.getElementById('article').value") == ARTICLE, "the pasted article is not in the text box")
    ch.click("#analyse")
    ch.wait_js("document.getElementById('status').textContent.startsWith('Done') || !document.getElementById('error').hidden")
    page = ch.js(READ_PAGE)
    check_page(page, want, "desktop")
    # hover a quotation: the tooltip names the speaker, the cue, the source, the kind
    i = next(i for i, q in enumerate(want["quotes"]) if q["speaker"] and q["source"] and q["cue"])
    q = want["quotes"][i]
    ch.hover('#text mark.q[data-quote="%d"][data-first]' % i)
    tip = ch.wait_js("(() => { const t = document.getElementById('tip'); return t.hidden ? '' : t.textContent; })()", 5)
    for part in ["Speaker: " + q["speaker"], "Source: " + q["source"]["text"], "Cue: " + q["cue"]["text"], "Kind: " + q["kind"]]:
        check(part in (tip or ""), "hover on quotation %d: tooltip %r lacks %r" % (i, tip, part))
    ch.screenshot(os.path.join(BUILD, "serve-desktop-hover.png"), 1280, 1, False, full=False)
    # the keyboard reaches the quotations (Tab), and focus shows the tooltip
    ch.js("document.getElementById('analyse').focus()")
    reached = None
    for _ in range(40):
        ch.key("Tab", "Tab", 9)
        reached = ch.js("(() => { const a = document.activeElement; return a && a.matches('mark.q') ? a.dataset.quote : null; })()")
        if reached is not None:
            break
    check(reached is not None, "Tab from Analyse never reaches a quotation")
    if reached is not None:
        q = want["quotes"][int(reached)]
        tip = ch.js("(() => { const t = document.getElementById('tip'); return t.hidden ? '' : t.textContent; })()")
        check(("Speaker: " + (q["speaker"] or "unresolved")) in tip, "focus on quotation %s: tooltip %r" % (reached, tip))
        desc = ch.js("document.getElementById(document.activeElement.getAttribute('aria-describedby')).textContent")
        check(("Speaker: " + (q["speaker"] or "unresolved")) in desc, "quotation %s: aria description %r" % (reached, desc))
        ch.key("Escape", "Escape", 27)
        check(ch.js("document.getElementById('tip').hidden"), "Escape does not hide the tooltip")
    # copy JSON: the clipboard holds the analysis
    ch.send("Browser.grantPermissions", permissions=["clipboardReadWrite", "clipboardSanitizedWrite"], origin=SRV.url)
    ch.send("Page.bringToFront")  # (the clipboard wants a focused page)
    ch.click("#copy")
    # (15 s: on a loaded 2-core machine the clipboard write has taken over 5 s)
    ch.wait_js("document.getElementById('status').textContent.includes('cop')", 15)
    status = ch.js("document.getElementById('status').textContent")
    check(status == "JSON copied to the clipboard.", "copy JSON: status %r" % status)
    clip = ch.js("navigator.clipboard.readText()", await_promise=True)
    check(clip and json.loads(clip) == want, "copy JSON: the clipboard holds %r" % (clip or "")[:100])
    n = ch.screenshot(os.path.join(BUILD, "serve-desktop.png"), 1280, 1, False)
    check(n > 50000, "desktop screenshot: %d bytes" % n)

    # --- phone width: the keyboard alone
    ch.viewport(390, 844, 2, True)
    ch.send("Page.reload", ignoreCache=True)
    ch.wait_event("Page.loadEventFired")
    ch.js("document.getElementById('article').focus()")
    ch.send("Input.insertText", text=ARTICLE)
    ch.js("document.getElementById('analyse').focus()")
    ch.key("Enter", "Enter", 13, "\r")
    ch.wait_js("document.getElementById('status').textContent.startsWith('Done') || !document.getElementById('error').hidden")
    page = ch.js(READ_PAGE)
    check_page(page, want, "phone")
    check(ch.js("document.querySelector('.grid').getBoundingClientRect().width <= window.innerWidth"), "phone: the grid is wider than the window")
    n = ch.screenshot(os.path.join(BUILD, "serve-phone.png"), 390, 2, True)
    check(n > 50000, "phone screenshot: %d bytes" % n)

    # a web page opened from a file (the file button): read as HTML, its main text analysed
    ch.viewport(1280, 900, 1, False)
    page_path = os.path.join(tempfile.mkdtemp(prefix="precis-page-"), "ferry.html")
    with open(page_path, "w", encoding="utf-8") as f:
        f.write(PAGE)
    doc = ch.send("DOM.getDocument")
    node = ch.send("DOM.querySelector", nodeId=doc["root"]["nodeId"], selector="#file")
    ch.send("DOM.setFileInputFiles", files=[page_path], nodeId=node["nodeId"])
    check(ch.wait_js("document.getElementById('article').value === %s" % json.dumps(PAGE), 5), "opening a file: the text box does not hold it")
    check(ch.js("document.getElementById('kind').value") == "html", "opening a .html file: input kind %r" % ch.js("document.getElementById('kind').value"))
    ch.js("document.getElementById('status').textContent = ''")
    ch.click("#analyse")
    ch.wait_js("document.getElementById('status').textContent.startsWith('Done') || !document.getElementById('error').hidden")
    body = json.dumps({"html": PAGE, "with_text": True}).encode()
    req = urllib.request.Request(SRV.url + "/v1/analyze", data=body, headers={"Content-Type": "application/json"})
    want_h = json.load(urllib.request.urlopen(req, timeout=60))
    page = ch.js(READ_PAGE)
    check_page(page, want_h, "HTML file")
    shown = ch.js("document.getElementById('text').textContent")
    check("Hemi Walker" in shown and "Copyright" not in shown and "<p>" not in shown, "HTML file: the article shown is not the page's main text: %r" % shown[:200])
    shutil.rmtree(os.path.dirname(page_path), ignore_errors=True)

    # a long article (the sample 100 times, 130 KB): every quotation still highlighted
    big = "\n".join([ARTICLE.strip()] * 100)
    ch.js("document.getElementById('article').value = %s; document.getElementById('kind').value = 'auto';"
          " document.getElementById('status').textContent = ''" % json.dumps(big))
    ch.click("#analyse")
    ch.wait_js("document.getElementById('status').textContent.startsWith('Done') || !document.getElementById('error').hidden", 60)
    body = json.dumps({"text": big, "with_text": True}).encode()
    req = urllib.request.Request(SRV.url + "/v1/analyze", data=body, headers={"Content-Type": "application/json"})
    want_b = json.load(urllib.request.urlopen(req, timeout=60))
    npieces = sum(len(q["content"]) for q in want_b["quotes"])
    got = ch.js("document.querySelectorAll('#text mark.q[data-first]').length")
    badges = ch.js("document.querySelectorAll('#text .badge').length")
    check(npieces >= 1000 and got == npieces and badges == len(want_b["quotes"]),
          "long article: %d first marks, %d badges; want %d pieces, %d quotations" % (got, badges, npieces, len(want_b["quotes"])))
    check(ch.js("document.getElementById('text').textContent.replace(/said by |speaker unresolved |\\?/g, '')").count("Harbour Bridge") >= 100,
          "long article: the text is not all shown")

    # an empty text box: an error, announced, no request
    ch.viewport(1280, 900, 1, False)
    ch.js("document.getElementById('article').value = ''")
    ch.click("#analyse")
    err = ch.wait_js("!document.getElementById('error').hidden && document.getElementById('error').textContent", 5)
    check(err == "Paste an article first.", "empty text box: %r" % err)
    check(ch.js("document.getElementById('error').getAttribute('role')") == "alert", "the error is not role=alert")
    check(ch.js("document.getElementById('status').getAttribute('aria-live')") == "polite", "the status is not aria-live")
    # every form control has a label
    unlabelled = ch.js("[...document.querySelectorAll('textarea, select, input')].filter((e) => !e.labels || !e.labels.length).map((e) => e.id)")
    check(unlabelled == [], "controls without a label: %r" % unlabelled)
    errs = console_errors(ch)
    check(errs == [], "console errors: %r" % errs)


SRV = Server(PRECIS, "--threads", "2")
ch = None
try:
    try:
        ch = Chrome()
    except RuntimeError as e:
        skip("chromium does not run here: %s" % str(e)[:300])
    run(ch)
finally:
    if ch:
        ch.close()
    if FAILS:
        print("--- server log (end) ---\n" + SRV.log()[-2000:])
    SRV.stop()
    SRV.close()
print("%d checks, %d failed; screenshots: %s" % (NCHECKS, len(FAILS), ", ".join(
    os.path.join(BUILD, f) for f in ("serve-desktop.png", "serve-desktop-hover.png", "serve-phone.png"))))
sys.exit(1 if FAILS else 0)

"""The HTTP interface of `precis serve` (docs/http.md), as a client sees it:
every endpoint, each answer compared with what the command line writes for
the same input; the limits (body, head, time, connections); errors as JSON
with the right status; concurrent requests; SIGTERM while a request is in
flight.  usage: http_test.py PRECIS SOURCE_DIR"""
import http.client
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import Server, wait_until  # noqa: E402

PRECIS, SRC = sys.argv[1], sys.argv[2]
ARTICLE = open(os.path.join(SRC, "examples", "harbour-bridge.txt"), "rb").read()
FAILS = []
NCHECKS = 0


def check(cond, what):
    global NCHECKS
    NCHECKS += 1
    if not cond:
        FAILS.append(what)
        print("FAIL: " + what)


def cli(*args, stdin=b""):
    r = subprocess.run([PRECIS] + list(args), input=stdin, capture_output=True)
    if r.returncode != 0:
        raise RuntimeError("precis %s: exit %d: %s" % (args, r.returncode, r.stderr.decode()))
    return r.stdout


def request(srv, method, path, body=None, headers=None, timeout=60):
    """(status, headers dict (lower-case names), body bytes)"""
    c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=timeout)
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    data = r.read()
    h = {k.lower(): v for k, v in r.getheaders()}
    c.close()
    return r.status, h, data


def error_of(status, h, data, want, what):
    """An error answer: the status, a JSON body {"error": "..."}."""
    check(status == want, "%s: status %d, want %d (%r)" % (what, status, want, data[:200]))
    if status == want and want != 431:
        check(h.get("content-type", "").startswith("application/json"), "%s: content-type %r" % (what, h.get("content-type")))
        try:
            e = json.loads(data)
            check(isinstance(e, dict) and isinstance(e.get("error"), str) and e["error"], "%s: no error message: %r" % (what, data))
        except ValueError:
            check(False, "%s: not JSON: %r" % (what, data[:200]))


PAGE = b"""<!doctype html><html><head><meta charset="utf-8"><title>Ferry fares to rise</title>
<meta property="og:site_name" content="The Harbour Post"><meta name="author" content="Mere Kahu">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Ferry fares to rise</h1>
<p>The regional council said on Monday that ferry fares would rise by 12 percent in July.</p>
<p>"We have held prices for four years, and fuel has doubled," said councillor Hemi Walker.</p>
<p>Commuter groups warned that the rise would push more people into cars.</p>
</article><footer>Copyright The Harbour Post</footer></body></html>"""


def test_get(srv):
    s, h, d = request(srv, "GET", "/healthz")
    check(s == 200 and json.loads(d) == {"status": "ok"}, "GET /healthz: %d %r" % (s, d))
    s, h, d = request(srv, "HEAD", "/healthz")
    check(s == 200 and d == b"", "HEAD /healthz: %d %r" % (s, d))
    s, h, d = request(srv, "GET", "/v1/version")
    ver = cli("--version").decode().split()[-1]
    v = json.loads(d)
    check(s == 200 and v.get("version") == ver and v.get("api") == "v1", "GET /v1/version: %r (precis --version: %s)" % (v, ver))
    # the page and its files, compiled in; same bytes as web/
    for path, fname, ctype in [("/", "index.html", "text/html"), ("/app.js", "app.js", "text/javascript"),
                               ("/style.css", "style.css", "text/css")]:
        s, h, d = request(srv, "GET", path)
        want = open(os.path.join(SRC, "web", fname), "rb").read()
        check(s == 200 and d == want, "GET %s: %d, %d bytes, want web/%s (%d bytes)" % (path, s, len(d), fname, len(want)))
        check(h.get("content-type", "").startswith(ctype), "GET %s: content-type %r" % (path, h.get("content-type")))
        check("default-src 'none'" in h.get("content-security-policy", ""), "GET %s: no CSP" % path)
    s, h, d = request(srv, "GET", "/")
    check(b'id="article"' in d and b'src="app.js"' in d, "GET /: not the page")
    check(not re.search(rb'(src|href)="(https?:)?//', d), "GET /: the page loads something from elsewhere")


def test_analyze(srv):
    # text/plain: the same JSON as the command line
    want = cli("-f", "json", stdin=ARTICLE)
    s, h, d = request(srv, "POST", "/v1/analyze", ARTICLE, {"Content-Type": "text/plain; charset=utf-8"})
    check(s == 200 and d == want, "POST /v1/analyze text: %d, differs from precis -f json" % s)
    check(h.get("content-type") == "application/json; charset=utf-8", "analyze: content-type %r" % h.get("content-type"))
    doc = json.loads(d)
    check(len(doc["keypoints"]) >= 3 and len(doc["quotes"]) >= 5, "analyze: too few key points / quotes: %d %d" % (len(doc["keypoints"]), len(doc["quotes"])))
    # no Content-Type: text
    s, h, d = request(srv, "POST", "/v1/analyze", ARTICLE)
    check(s == 200 and d == want, "POST /v1/analyze without Content-Type: %d" % s)
    # the formats: ?format= and Accept
    for fmt, accept in [("text", "text/plain"), ("conllu", "text/x-conllu"), ("jsonl", None), ("json", "application/json")]:
        want_f = cli("-f", fmt, stdin=ARTICLE)
        s, h, d = request(srv, "POST", "/v1/analyze?format=" + fmt, ARTICLE, {"Content-Type": "text/plain"})
        check(s == 200 and d == want_f, "?format=%s: %d, differs from precis -f %s" % (fmt, s, fmt))
        if accept:
            s, h, d = request(srv, "POST", "/v1/analyze", ARTICLE, {"Content-Type": "text/plain", "Accept": accept})
            check(s == 200 and d == want_f, "Accept: %s: %d, differs from precis -f %s" % (accept, s, fmt))
    s, h, d = request(srv, "POST", "/v1/analyze", ARTICLE,
                      {"Content-Type": "text/plain", "Accept": "text/html;q=0.9, text/plain;q=0.5, application/json;q=0.8"})
    check(s == 200 and d == want, "Accept with q: want JSON (q=0.8 > 0.5)")
    s, h, d = request(srv, "POST", "/v1/analyze?format=text", ARTICLE, {"Content-Type": "text/plain", "Accept": "application/json"})
    check(s == 200 and d == cli("-f", "text", stdin=ARTICLE), "?format= wins over Accept")
    # JSON body: id, max_keypoints, with_text
    body = json.dumps({"text": ARTICLE.decode(), "id": "harbour-1", "max_keypoints": 2, "with_text": True})
    s, h, d = request(srv, "POST", "/v1/analyze", body, {"Content-Type": "application/json"})
    want2 = json.loads(cli("-f", "json", "-n", "2", "--with-text", stdin=ARTICLE))
    want2["id"] = "harbour-1"
    check(s == 200 and json.loads(d) == want2, "JSON body with id, max_keypoints 2, with_text: %d" % s)
    check(s == 200 and json.loads(d).get("text") == ARTICLE.decode(), "with_text: the text is not the input")
    s, h, d = request(srv, "POST", "/v1/analyze?id=q7&max_keypoints=1", ARTICLE, {"Content-Type": "text/plain"})
    dd = json.loads(d) if s == 200 else {}
    check(s == 200 and dd.get("id") == "q7" and len(dd.get("keypoints", [])) == 1, "query id and max_keypoints: %r" % d[:100])
    # attrib (0.11.1): as precis --attrib, by query and in the body; "seems" is a cue the
    # learned tagger takes by a small margin (strict drops it), "said" is the rules' too
    seems = ARTICLE + b"\nThe mayor seems to have lost the vote.\n"
    outs = {}
    for a in ("learned", "rules", "strict"):
        want_a = cli("-f", "json", "--attrib", a, stdin=seems)
        outs[a] = want_a
        s, h, d = request(srv, "POST", "/v1/analyze?attrib=" + a, seems, {"Content-Type": "text/plain"})
        check(s == 200 and d == want_a, "?attrib=%s: %d, differs from precis --attrib %s" % (a, s, a))
        s, h, d = request(srv, "POST", "/v1/analyze", json.dumps({"text": seems.decode(), "attrib": a}),
                          {"Content-Type": "application/json"})
        check(s == 200 and json.loads(d) == json.loads(want_a), "JSON attrib %s: %d" % (a, s))
    check(len({outs["learned"], outs["rules"], outs["strict"]}) == 3, "the three engines should differ on this text")
    s, h, d = request(srv, "POST", "/v1/analyze", json.dumps({"text": "x", "id": 42}), {"Content-Type": "application/json"})
    check(s == 200 and json.loads(d)["id"] == "42", "numeric id: %r" % d[:80])
    # HTML: text/html and {"html": ...}, as precis -i html
    want_h = json.loads(cli("-i", "html", "-f", "json", "--with-text", stdin=PAGE))
    s, h, d = request(srv, "POST", "/v1/analyze?with_text=1", PAGE, {"Content-Type": "text/html; charset=utf-8"})
    check(s == 200 and json.loads(d) == want_h, "POST /v1/analyze text/html: differs from precis -i html")
    check(s == 200 and json.loads(d)["page"]["title"] == "Ferry fares to rise", "HTML: page title")
    s, h, d = request(srv, "POST", "/v1/analyze", json.dumps({"html": PAGE.decode(), "with_text": True}), {"Content-Type": "application/json"})
    check(s == 200 and json.loads(d) == want_h, "POST /v1/analyze {html}: differs from precis -i html")
    # a charset parameter reaches the page reader: Windows-1252 bytes
    page1252 = PAGE.replace(b'<meta charset="utf-8">', b"").replace(b"Monday", b"Monday\xe2\x80\x94caf\xc3\xa9".decode().encode("cp1252"))
    s, h, d = request(srv, "POST", "/v1/extract", page1252, {"Content-Type": "text/html; charset=windows-1252"})
    check(s == 200 and "Monday\u2014caf\u00e9" in json.loads(d)["text"], "charset=windows-1252: %r" % d[:300])
    # invalid UTF-8 and NUL bytes are repaired, not refused
    s, h, d = request(srv, "POST", "/v1/analyze", b"The mayor said \xff\xfe the bridge\x00 would open.", {"Content-Type": "text/plain"})
    check(s == 200 and json.loads(d)["stats"]["repairs"] == 3, "invalid UTF-8: %d %r" % (s, d[:200]))
    # an empty body is an empty document
    s, h, d = request(srv, "POST", "/v1/analyze", b"", {"Content-Type": "text/plain"})
    check(s == 200 and json.loads(d)["keypoints"] == [], "empty body: %d %r" % (s, d[:100]))


def test_extract(srv):
    want = json.loads(cli("extract", "-f", "json", stdin=PAGE))
    s, h, d = request(srv, "POST", "/v1/extract", PAGE, {"Content-Type": "text/html"})
    check(s == 200 and json.loads(d) == want, "POST /v1/extract: %d %r, want %r" % (s, d[:200], want))
    check(want["title"] == "Ferry fares to rise" and "Hemi Walker" in want["text"] and "Copyright" not in want["text"],
          "precis extract itself: %r" % want)
    s, h, d = request(srv, "POST", "/v1/extract?id=p1", PAGE)
    check(s == 200 and json.loads(d)["id"] == "p1" and json.loads(d)["text"] == want["text"], "extract without Content-Type, ?id=")
    s, h, d = request(srv, "POST", "/v1/extract", json.dumps({"html": PAGE.decode(), "id": "p2"}), {"Content-Type": "application/json"})
    check(s == 200 and json.loads(d)["id"] == "p2" and json.loads(d)["text"] == want["text"], "extract {html, id}")
    s, h, d = request(srv, "POST", "/v1/extract", json.dumps({"text": "x"}), {"Content-Type": "application/json"})
    error_of(s, h, d, 400, "extract {text}")
    s, h, d = request(srv, "POST", "/v1/extract", b"plain", {"Content-Type": "text/plain"})
    error_of(s, h, d, 415, "extract text/plain")


def test_errors(srv):
    bad_json = [b"{", b'{"text": ', b"null", b"[]", b'"text"', b"42", b"{}", b'{"text": 5}', b'{"html": null}',
                b'{"text": "a", "html": "b"}', b'{"text": "x", "max_keypoints": "3"}', b'{"text": "x", "max_keypoints": 101}',
                b'{"text": "x", "max_keypoints": -1}', b'{"text": "x", "id": [1]}', b'{"text": "x", "with_text": "yes"}',
                b'{"text": "x", "attrib": "magic"}', b'{"text": "x", "attrib": 1}',
                b"[" * 100000, b'{"text": "\\ud800"}', b"\xff\xfe{\x00", b'{"text": "a"} trailing']
    rnd = random.Random(12)
    bad_json += [bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 400))) for _ in range(30)]
    for b in bad_json:
        s, h, d = request(srv, "POST", "/v1/analyze", b, {"Content-Type": "application/json"})
        error_of(s, h, d, 400, "malformed JSON %r" % b[:40])
    # random Content-Type, Accept and query strings: an answer, never a crash
    alphabet = "abcdefghijklmnopqrstuvwxyz/;=,*. \"'+-0123456789qQ\t"
    for _ in range(60):
        ct = "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(0, 60))).strip()
        ac = "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(0, 60))).strip()
        qs = "".join(rnd.choice("abcdefghijklmnopqrstuvwxyz=&%0123456789_") for _ in range(rnd.randrange(0, 40)))
        hdr = {"Accept": ac}
        if ct:
            hdr["Content-Type"] = rnd.choice(["text/plain", "application/json", "text/html", ""]) + ct
        s, h, d = request(srv, "POST", "/v1/analyze?" + qs, b'{"text": "The mayor said it would open."}', hdr)
        check(s in (200, 400, 415), "random headers %r ?%s: %d" % (hdr, qs, s))
    s, h, d = request(srv, "POST", "/v1/analyze?format=xml", ARTICLE)
    error_of(s, h, d, 400, "?format=xml")
    s, h, d = request(srv, "POST", "/v1/analyze?max_keypoints=many", ARTICLE)
    error_of(s, h, d, 400, "?max_keypoints=many")
    s, h, d = request(srv, "POST", "/v1/analyze?attrib=magic", ARTICLE)
    error_of(s, h, d, 400, "?attrib=magic")
    s, h, d = request(srv, "POST", "/v1/analyze", b"\x89PNG", {"Content-Type": "image/png"})
    error_of(s, h, d, 415, "Content-Type image/png")
    # wrong methods: 405 with Allow
    for m, p, allow in [("GET", "/v1/analyze", "POST"), ("PUT", "/v1/extract", "POST"), ("POST", "/healthz", "GET, HEAD"),
                        ("DELETE", "/", "GET, HEAD"), ("POST", "/v1/version", "GET, HEAD"), ("OPTIONS", "/v1/analyze", "POST")]:
        s, h, d = request(srv, m, p, b"x" if m in ("PUT", "POST") else None)
        error_of(s, h, d, 405, "%s %s" % (m, p))
        check(h.get("allow") == allow, "%s %s: Allow %r, want %r" % (m, p, h.get("allow"), allow))
    # unknown paths, and no file system behind the server
    for p in ["/nope", "/v1/analyze/", "/v2/analyze", "/web/index.html", "/../../etc/passwd", "/%2e%2e/etc/passwd",
              "/index.html/..", "/app.js?x=../../etc/passwd&y", "/CMakeLists.txt"]:
        s, h, d = request(srv, "GET", p)
        if p.startswith("/app.js?"):
            check(s == 200 and d == open(os.path.join(SRC, "web", "app.js"), "rb").read(), "GET %s: %d" % (p, s))
        else:
            error_of(s, h, d, 404, "GET %s" % p)
            check(b"root:" not in d, "GET %s: a file's content" % p)
    s, h, d = request(srv, "POST", "/nope", b"body")
    error_of(s, h, d, 404, "POST /nope")


def test_limits(srv, max_body):
    # exactly the limit: accepted; one byte more: 413 (announced, and chunked)
    body = (ARTICLE * (max_body // len(ARTICLE) + 1))[:max_body]
    s, h, d = request(srv, "POST", "/v1/analyze", body, {"Content-Type": "text/plain"})
    check(s == 200, "a body of exactly --max-body: %d %r" % (s, d[:100]))
    s, h, d = request(srv, "POST", "/v1/analyze", body + b"x", {"Content-Type": "text/plain"})
    error_of(s, h, d, 413, "a body of --max-body + 1")

    def chunks():
        for i in range(0, len(body) + 1, 7000):
            yield (body + b"x")[i:i + 7000]
    s, h, d = request(srv, "POST", "/v1/analyze", chunks(), {"Content-Type": "text/plain"})  # chunked
    error_of(s, h, d, 413, "a chunked body over --max-body")
    s, h, d = request(srv, "POST", "/v1/analyze", b"x" * 10, {"Content-Type": "text/plain", "Content-Length": "99999999999999999999999"})
    check(s in (400, 413), "Content-Length beyond 64 bits: %d" % s)
    # a request head over --max-header: 431 from libmicrohttpd
    s, h, d = request(srv, "GET", "/healthz", None, {"X-Filler": "a" * 70000})
    check(s == 431, "a 70 KB header: %d, want 431" % s)
    s, h, d = request(srv, "GET", "/healthz")
    check(s == 200, "healthy after the limits: %d" % s)


def test_garbage_http(srv):
    for raw in [b"GARBAGE\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n", b"\x00\x01\x02\r\n\r\n", b"POST /v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n"]:
        so = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
        so.sendall(raw)
        try:
            resp = so.recv(4096)
        except (ConnectionResetError, socket.timeout):
            resp = b""
        so.close()
        check(resp == b"" or re.match(rb"HTTP/1\.[01] [45]\d\d ", resp), "garbage %r: %r" % (raw, resp[:60]))
    s, h, d = request(srv, "GET", "/healthz")
    check(s == 200, "healthy after garbage: %d" % s)


def closed_within(so, seconds):
    """True when the server closes so (recv gives b"" or a reset) within seconds; the time it took."""
    so.settimeout(seconds)
    t = time.monotonic()
    try:
        while True:
            b = so.recv(4096)
            if not b:
                return True, time.monotonic() - t
    except ConnectionResetError:
        return True, time.monotonic() - t
    except socket.timeout:
        return False, time.monotonic() - t


def test_slow_clients(srv, timeout):
    # a head that never ends: closed after --timeout idle seconds
    so = socket.create_connection(("127.0.0.1", srv.port))
    so.sendall(b"POST /v1/analyze HTTP/1.1\r\nHost: x\r\n")
    ok, dt = closed_within(so, timeout + 5)
    check(ok, "an unfinished head: still open after %.1f s (--timeout %d)" % (dt, timeout))
    so.close()
    # a body that trickles in (never idle for --timeout): cut off --timeout after the head
    so = socket.create_connection(("127.0.0.1", srv.port))
    so.sendall(b"POST /v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\nThe")
    t = time.monotonic()
    cut = False
    try:
        while time.monotonic() - t < timeout + 6:
            so.sendall(b"e")
            time.sleep(0.25)
    except (BrokenPipeError, ConnectionResetError):
        cut = True
    dt = time.monotonic() - t
    if not cut:
        cut, _ = closed_within(so, 1)
    check(cut, "a trickling body: not cut off after %.1f s (--timeout %d)" % (dt, timeout))
    check(dt >= timeout - 0.5, "a trickling body: cut off after %.1f s, before --timeout %d" % (dt, timeout))
    so.close()
    # an idle keep-alive connection: closed after --timeout
    c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=timeout + 5)
    c.request("GET", "/healthz")
    r = c.getresponse()
    r.read()
    check(r.status == 200 and (r.getheader("Connection") or "").lower() != "close", "keep-alive: the server closes after one request")
    ok, dt = closed_within(c.sock, timeout + 5)
    check(ok, "an idle keep-alive connection: still open after %.1f s" % dt)
    c.close()
    s, h, d = request(srv, "GET", "/healthz")
    check(s == 200, "healthy after slow clients: %d" % s)


def test_concurrent(srv):
    # 8 threads x 6 requests, each a different article: every answer is its own
    texts = [ARTICLE.replace(b"Tane", name) for name in
             [b"Tane", b"Ngata", b"Parata", b"Horomona", b"Whaanga", b"Rewiti", b"Karaka", b"Moana"]]
    want = [json.loads(cli("-f", "json", stdin=t)) for t in texts]
    results = {}
    lock = threading.Lock()

    def worker(k):
        c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=60)
        for j in range(6):
            c.request("POST", "/v1/analyze?id=%d-%d" % (k, j), body=texts[k], headers={"Content-Type": "text/plain"})
            r = c.getresponse()
            with lock:
                results[(k, j)] = (r.status, r.read())
        c.close()
    threads = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    bad = 0
    for (k, j), (s, d) in results.items():
        w = dict(want[k], id="%d-%d" % (k, j))
        if s != 200 or json.loads(d) != w:
            bad += 1
    check(len(results) == 48 and bad == 0, "concurrent: %d of %d answers wrong" % (bad, len(results)))


def test_log(srv):
    log = srv.log()
    lines = [l for l in log.splitlines() if re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ ", l)]
    ok = [l for l in lines if re.match(r"\S+ 127\.0\.0\.1 (GET|POST|HEAD|PUT|DELETE|OPTIONS) /\S* (\d{3}|-) \d+ \d+\.\dms", l)]
    check(len(lines) > 100 and len(ok) == len(lines), "access log: %d lines, %d well-formed" % (len(lines), len(ok)))
    check(any(re.search(r" POST /v1/analyze 413 ", l) for l in lines), "access log: no 413 line")
    check(any(re.search(r" GET /v1/version 200 \d+ ", l) for l in lines), "access log: no GET /v1/version line")


def test_connection_limit(precis):
    srv = Server(precis, "--threads", "1", "--max-connections", "2", "--timeout", "5")
    try:
        held = [socket.create_connection(("127.0.0.1", srv.port)) for _ in range(2)]
        for so in held:
            so.sendall(b"GET /healthz HTTP/1.1\r\n")
        time.sleep(0.3)
        # a third connection waits: not answered while the two are held
        so3 = socket.create_connection(("127.0.0.1", srv.port))
        so3.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        so3.settimeout(1.5)
        try:
            early = so3.recv(4096)
        except socket.timeout:
            early = None
        check(early is None, "a third connection over --max-connections 2: answered at once: %r" % early)
        for so in held:
            so.close()
        so3.settimeout(10)
        try:
            late = so3.recv(4096)
        except socket.timeout:
            late = b""
        check(late.startswith(b"HTTP/1.1 200"), "--max-connections: the waiting connection not served once the others closed: %r" % late[:40])
        so3.close()
        check(request_ok(srv), "--max-connections: no service after the held connections closed")
    finally:
        srv.stop()
        srv.close()


def request_ok(srv):
    try:
        return request(srv, "GET", "/healthz", timeout=2)[0] == 200
    except OSError:
        return False


def test_sigterm_in_flight(precis):
    """SIGTERM while a request's body is still arriving: it is answered in
    full, new connections are refused, the server exits 0."""
    srv = Server(precis, "--threads", "2", "--timeout", "20")
    try:
        so = socket.create_connection(("127.0.0.1", srv.port), timeout=30)
        half = len(ARTICLE) // 2
        # Expect: 100-continue: the 100 comes once the server has taken the
        # request (its handler ran), so the signal surely finds it in flight
        so.sendall(b"POST /v1/analyze?id=late HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nExpect: 100-continue\r\n"
                   b"Content-Length: %d\r\n\r\n" % len(ARTICLE))
        cont = so.recv(4096)
        check(cont.startswith(b"HTTP/1.1 100 "), "Expect: 100-continue: %r" % cont)
        so.sendall(ARTICLE[:half])
        srv.proc.send_signal(signal.SIGTERM)
        check(wait_until(lambda: "stopping (1 request in flight)" in srv.log(), 5), "SIGTERM: no 'stopping' line: %r" % srv.log()[-300:])

        def refused():
            try:
                socket.create_connection(("127.0.0.1", srv.port), timeout=1).close()
                return False
            except OSError:
                return True
        check(wait_until(refused, 3), "SIGTERM: new connections still accepted")
        check(srv.proc.poll() is None, "SIGTERM: exited with a request in flight")
        so.sendall(ARTICLE[half:])
        resp = b""
        while True:
            b = so.recv(65536)
            if not b:
                break
            resp += b
        so.close()
        head, _, body = resp.partition(b"\r\n\r\n")
        want = json.loads(cli("-f", "json", stdin=ARTICLE))
        want["id"] = "late"
        check(head.startswith(b"HTTP/1.1 200") and json.loads(body) == want, "SIGTERM: the request in flight: %r" % resp[:200])
        check(b"connection: close" in head.lower(), "SIGTERM: the last answer does not say Connection: close")
        st = srv.stop(timeout=15)
        check(st == 0, "SIGTERM: exit status %r" % st)
        check("precis serve: stopped" in srv.log(), "SIGTERM: no 'stopped' line")
        # a second signal ends the wait: the request in flight is cut off
        srv3 = Server(precis, "--timeout", "60")
        so = socket.create_connection(("127.0.0.1", srv3.port), timeout=30)
        so.sendall(b"POST /v1/analyze HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 1000\r\n\r\n")
        cont = so.recv(4096)
        check(cont.startswith(b"HTTP/1.1 100 "), "Expect: 100-continue: %r" % cont)
        so.sendall(b"The mayor")
        srv3.proc.send_signal(signal.SIGTERM)
        check(wait_until(lambda: "stopping (1 request in flight)" in srv3.log(), 5), "second signal: no 'stopping' line")
        t = time.monotonic()
        st = srv3.stop(signal.SIGTERM, timeout=15)
        check(st == 0 and time.monotonic() - t < 5, "a second SIGTERM: exit %r after %.1f s" % (st, time.monotonic() - t))
        ok, _ = closed_within(so, 5)
        check(ok, "a second SIGTERM: the request in flight not cut off")
        so.close()
        srv3.close()
        # SIGINT, idle: exits at once
        srv2 = Server(precis)
        t = time.monotonic()
        st = srv2.stop(signal.SIGINT, timeout=15)
        check(st == 0 and time.monotonic() - t < 5, "SIGINT when idle: exit %r after %.1f s" % (st, time.monotonic() - t))
        srv2.close()
    finally:
        srv.stop()
        srv.close()


def test_cli_errors(precis):
    for args, msg in [(["--listen", "nowhere"], "--listen takes"), (["--listen", "127.0.0.1:70000"], "--listen takes"),
                      (["--threads", "0"], "threads"), (["--max-body", "0"], "--max-body"), (["stray"], "unexpected argument")]:
        r = subprocess.run([precis, "serve"] + args, capture_output=True, timeout=10)
        check(r.returncode == 2 and msg.encode() in r.stderr, "precis serve %s: exit %d %r" % (args, r.returncode, r.stderr))
    # a port in use: exit 1 with a message
    so = socket.socket()
    so.bind(("127.0.0.1", 0))
    so.listen(1)
    r = subprocess.run([precis, "serve", "--listen", "127.0.0.1:%d" % so.getsockname()[1]], capture_output=True, timeout=10)
    check(r.returncode == 1 and b"cannot listen" in r.stderr, "a port in use: exit %d %r" % (r.returncode, r.stderr))
    so.close()


def test_ipv6(precis):
    try:
        probe = socket.socket(socket.AF_INET6)
        probe.bind(("::1", 0))
        probe.close()
    except OSError:
        print("note: no IPv6 loopback here: --listen [::1]:0 not tested")
        return
    p = subprocess.Popen([precis, "serve", "--listen", "[::1]:0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        line = p.stdout.readline().decode()
        m = re.search(r"listening on http://\[::1\]:(\d+)/", line)
        check(m is not None, "--listen [::1]:0: %r" % line)
        if m:
            c = http.client.HTTPConnection("::1", int(m.group(1)), timeout=10)
            c.request("GET", "/healthz")
            r = c.getresponse()
            check(r.status == 200 and json.loads(r.read()) == {"status": "ok"}, "IPv6 /healthz: %d" % r.status)
            c.close()
    finally:
        p.terminate()
        check(p.wait(15) == 0, "IPv6 server: exit status")
        p.stdout.close()


def main():
    max_body, timeout = 200000, 2
    srv = Server(PRECIS, "--threads", "4", "--max-body", str(max_body), "--timeout", str(timeout))
    try:
        test_get(srv)
        test_analyze(srv)
        test_extract(srv)
        test_errors(srv)
        test_limits(srv, max_body)
        test_garbage_http(srv)
        test_slow_clients(srv, timeout)
        test_concurrent(srv)
        test_log(srv)
        check(srv.proc.poll() is None, "the server died")
        st = srv.stop()
        check(st == 0, "SIGTERM: exit status %r" % st)
    finally:
        if FAILS:
            print("--- server log (end) ---\n" + srv.log()[-3000:])
        srv.stop()
        srv.close()
    test_connection_limit(PRECIS)
    test_sigterm_in_flight(PRECIS)
    test_cli_errors(PRECIS)
    test_ipv6(PRECIS)
    print("%d checks, %d failed" % (NCHECKS, len(FAILS)))
    sys.exit(1 if FAILS else 0)


main()

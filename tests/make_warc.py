#!/usr/bin/env python3
"""make_warc.py - writes WARC files for the tests, in the shape Common Crawl
and CC-NEWS write them: a warcinfo record, then per page a request, a
response (HTTP headers + the page) and a metadata record; each record its own
gzip member (--gz) or none.

  make_warc.py OUT.warc[.gz] [--gz] [--whole-gzip] [--chunked] [--gzip-body]
               [--deflate-body] [--charset CS] [--uri-prefix P] PAGE...

A PAGE may be NAME.html or NAME.html.gz; its target URI is
https://news.example/<NAME> (made up).  --mix adds, between pages, a
non-HTML response (an image), a 404 HTML response and a dns response record.
Stdlib only."""
import argparse, gzip, io, os, sys, uuid, zlib

def record(wtype, uri, ctype, block, extra=()):
    rid = "<urn:uuid:%s>" % uuid.UUID(int=record.n)
    record.n += 1
    h = ["WARC/1.0", "WARC-Type: " + wtype, "WARC-Date: 2026-11-30T12:00:00Z",
         "WARC-Record-ID: " + rid]
    if uri:
        h.append("WARC-Target-URI: " + uri)
    h += list(extra)
    h += ["Content-Type: " + ctype, "Content-Length: %d" % len(block)]
    return ("\r\n".join(h) + "\r\n\r\n").encode() + block + b"\r\n\r\n"
record.n = 1

def http_response(body, status="200 OK", ctype="text/html", charset=None, chunked=False, enc=None):
    hdr = ["HTTP/1.1 " + status, "Server: test",
           "Content-Type: " + ctype + ("; charset=" + charset if charset else "")]
    if enc == "gzip":
        body = gzip.compress(body, mtime=0)
        hdr.append("Content-Encoding: gzip")
    elif enc == "deflate":
        body = zlib.compress(body)
        hdr.append("Content-Encoding: deflate")
    if chunked:
        out, k, step = b"", 0, 1000
        while k < len(body):
            part = body[k:k + step]
            out += b"%x\r\n" % len(part) + part + b"\r\n"
            k += step
            step = step * 3 // 2
        body = out + b"0\r\n\r\n"
        hdr.append("Transfer-Encoding: chunked")
    else:
        hdr.append("Content-Length: %d" % len(body))
    return ("\r\n".join(hdr) + "\r\n\r\n").encode() + body

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("pages", nargs="*")
    ap.add_argument("--gz", action="store_true", help="one gzip member a record")
    ap.add_argument("--whole-gzip", action="store_true", help="one gzip member for the file")
    ap.add_argument("--chunked", action="store_true")
    ap.add_argument("--gzip-body", action="store_true")
    ap.add_argument("--deflate-body", action="store_true")
    ap.add_argument("--charset")
    ap.add_argument("--mix", action="store_true")
    ap.add_argument("--uri-prefix", default="https://news.example/")
    a = ap.parse_intermixed_args()
    recs = [record("warcinfo", None, "application/warc-fields", b"software: make_warc.py\r\nformat: WARC/1.0\r\n")]
    for i, p in enumerate(a.pages):
        raw = open(p, "rb").read()
        if p.endswith(".gz"):
            raw = gzip.decompress(raw)
        name = os.path.basename(p).split(".")[0]
        uri = a.uri_prefix + name
        recs.append(record("request", uri, "application/http; msgtype=request",
                           b"GET /" + name.encode() + b" HTTP/1.1\r\nHost: news.example\r\n\r\n"))
        enc = "gzip" if a.gzip_body else "deflate" if a.deflate_body else None
        recs.append(record("response", uri, "application/http; msgtype=response",
                           http_response(raw, charset=a.charset, chunked=a.chunked, enc=enc),
                           ["WARC-Payload-Digest: sha1:AAAA"]))
        recs.append(record("metadata", uri, "application/warc-fields", b"fetchTimeMs: 12\r\n"))
        if a.mix:
            recs.append(record("response", uri + ".png", "application/http; msgtype=response",
                               http_response(b"\x89PNG\r\n\x1a\n" + bytes(range(256)), ctype="image/png")))
            recs.append(record("response", uri + "/gone", "application/http; msgtype=response",
                               http_response(b"<html><body><p>Not here.</p></body></html>", status="404 Not Found")))
            recs.append(record("response", "dns:news.example", "text/dns", b"news.example. 300 IN A 192.0.2.1\n"))
    with open(a.out, "wb") as f:
        if a.gz:
            for r in recs:
                f.write(gzip.compress(r, mtime=0))
        elif a.whole_gzip:
            f.write(gzip.compress(b"".join(recs), mtime=0))
        else:
            f.write(b"".join(recs))

if __name__ == "__main__":
    main()
